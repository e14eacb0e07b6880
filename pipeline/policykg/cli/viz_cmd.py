"""``policykg viz``: interactive network views and the document view as standalone HTML."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, err_console, handle_errors
from policykg.errors import PolicyKGError
from policykg.paths import data_dir

DEFAULT_GRAPH = Path("out/graph.ttl")
BUILD_DIR = Path("out")


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["entity=高义钢铁", "hops=2"]`` -> ``{"entity": "高义钢铁", "hops": "2"}``."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise PolicyKGError(f"--param takes key=value, not {pair!r}")
        params[key.strip()] = value
    return params


def graph_to_draw(seeds: Path | None, graph: Path | None) -> Path:
    """``--graph`` as is, a fresh build of ``--seeds`` into out/, or out/graph.ttl."""
    if seeds is not None and graph is not None:
        raise PolicyKGError("give --seeds or --graph, not both")
    if seeds is None:
        path = graph or DEFAULT_GRAPH
        if not path.is_file():
            raise PolicyKGError(f"{path}: no graph here (run `policykg build` or give --seeds)")
        return path
    from policykg.build.run import build

    return build(seeds, BUILD_DIR).graph_path


def _views_help() -> str:
    """Names of the views in viz/views.toml (read directly: --help must not load the renderer)."""
    try:
        with (data_dir("viz") / "views.toml").open("rb") as handle:
            names = list(tomllib.load(handle).get("views", {}))
    except (OSError, tomllib.TOMLDecodeError):
        names = []
    return "Which view: " + (", ".join(names) or "see viz/views.toml") + "."


@app.command()
@handle_errors
def viz(
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Build this folder into out/ first.")
    ] = None,
    graph: Annotated[
        Path | None,
        typer.Option("--graph", help="Draw this Turtle file (default: out/graph.ttl)."),
    ] = None,
    view: Annotated[str, typer.Option("--view", help=_views_help())] = "company_projects",
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="View parameter key=value (ego: entity, hops; document: doc)."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Output HTML file (default: out/viz/VIEW.html); - for stdout."
        ),
    ] = None,
) -> None:
    """Write one view as a self-contained HTML file (offline, UTF-8): legend, search, filters,
    details on click. Views and their queries are listed in viz/views.toml."""
    from policykg.views import render_view, write_view

    page = render_view(graph_to_draw(seeds, graph), view, parse_params(param or []))
    if out is not None and str(out) == "-":
        sys.stdout.write(page)
        return
    target = write_view(page, out or BUILD_DIR / "viz" / f"{view}.html")
    err_console.print(f"wrote {target}", markup=False, highlight=False)
