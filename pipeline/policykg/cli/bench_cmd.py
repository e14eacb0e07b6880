"""``policykg bench``: the benchmark suite (outside the test run)."""

from __future__ import annotations

from typing import Annotated

import typer

from policykg.cli.app import app, handle_errors, not_yet


@app.command()
@handle_errors
def bench(
    what: Annotated[
        str,
        typer.Argument(help="Which benchmark: all, extract, build, queries, server, views, scale."),
    ] = "all",
) -> None:
    """Measure speed and memory; results go to BENCHMARKS.md format on stdout."""
    not_yet("bench: lands with the benchmarks issue")
