"""``policykg viz``: interactive network views as standalone HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, handle_errors, not_yet


@app.command()
@handle_errors
def viz(
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Build from this folder first.")
    ] = None,
    graph: Annotated[Path | None, typer.Option("--graph", help="Draw this Turtle file.")] = None,
    view: Annotated[
        str, typer.Option("--view", help="Which view (see viz/views.toml).")
    ] = "company_projects",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output HTML file.")] = None,
) -> None:
    """Write an interactive, self-contained (offline, UTF-8) HTML view of the graph."""
    not_yet("viz: lands with the views issue")
