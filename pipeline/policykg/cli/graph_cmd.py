"""``policykg build`` and ``policykg export``: the RDF stage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, handle_errors, not_yet


@app.command()
@handle_errors
def build(
    seeds: Annotated[
        Path, typer.Option("--seeds", help="Folder of source documents (with manifest.toml).")
    ] = Path("seeds"),
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder for graph.ttl and its artifacts.")
    ] = Path("out"),
) -> None:
    """Run every stage on the seeds and write OUT/graph.ttl, validated against the SHACL shapes."""
    not_yet("build: lands with the graph issue")


@app.command()
@handle_errors
def export(
    graph: Annotated[Path, typer.Option("--graph", help="The graph to export (Turtle).")] = Path(
        "out/graph.ttl"
    ),
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="ttl, nt, jsonld, trig, graphml, gexf, csv or jsonl."),
    ] = "ttl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (a folder for csv).")
    ] = None,
) -> None:
    """Export the graph for other tools: RDF formats, Gephi (GraphML/GEXF), spreadsheets (CSV)."""
    not_yet("export: lands with the graph issue")
