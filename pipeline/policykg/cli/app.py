"""The typer application every command module registers on, and the shared error handling."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler

from policykg import __version__
from policykg.errors import NotYetAvailableError, PolicyKGError

app = typer.Typer(
    name="policykg",
    help=(
        "Build a knowledge graph of the enterprises, projects, slogans and policy abbreviations "
        "named in Chinese local-government documents; query it with SPARQL, draw it, export it."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)

JOBS_OPTION = typer.Option(
    "--jobs",
    "-j",
    help="Extract on N worker processes (forked from one process that loads the NLP pipeline "
    "once; build also makes, writes and checks each document's RDF there, and writes and checks "
    "the rest of the graph); with --dask processes, the number of Dask processes.",
)
DASK_OPTION = typer.Option(
    "--dask",
    metavar="SCHEDULER",
    help="Extract as a Dask bag: synchronous, processes, or a dask.distributed scheduler "
    "address (tcp://host:8786, needs the 'distributed' extra).",
)

P = ParamSpec("P")
R = TypeVar("R")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policykg {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug).")
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Logs go to stderr; data (JSONL, Turtle, query results) goes to stdout or --out."""
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=err_console, show_time=False, show_path=False)],
        force=True,
    )


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`PolicyKGError` into a one-line message on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except NotYetAvailableError as exc:
            err_console.print(f"policykg: not yet available: {exc}", markup=False, highlight=False)
            raise typer.Exit(2) from exc
        except PolicyKGError as exc:
            err_console.print(f"policykg: error: {exc}", markup=False, highlight=False)
            raise typer.Exit(1) from exc

    return wrapper


def not_yet(feature: str) -> None:
    """Refuse a command whose issue has not landed, instead of faking a result."""
    raise NotYetAvailableError(feature)


def main() -> None:
    """Entry point of the ``policykg`` console script."""
    app(prog_name="policykg")
    sys.exit(0)
