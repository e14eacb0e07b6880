"""``policykg serve``, ``policykg query`` and ``policykg push``: the SPARQL side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, handle_errors, not_yet


@app.command()
@handle_errors
def serve(
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Build from this folder, then serve.")
    ] = None,
    graph: Annotated[
        Path | None, typer.Option("--graph", help="Serve this Turtle file instead of building.")
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Interface to bind (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port (0 picks a free one).")] = 7878,
) -> None:
    """Serve the graph: SPARQL endpoint at /sparql, query page at /, views under /viz/."""
    not_yet("serve: lands with the SPARQL issue")


@app.command()
@handle_errors
def query(
    file: Annotated[
        Path | None, typer.Argument(help="A saved query (.rq) or its name in queries/.")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--query", help="SPARQL text instead of a file.")
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option("--endpoint", help="Query this SPARQL endpoint instead of the local graph."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv or tsv.")
    ] = "table",
) -> None:
    """Run a SPARQL query on the local graph or on any endpoint."""
    not_yet("query: lands with the SPARQL issue")


@app.command()
@handle_errors
def push(
    endpoint: Annotated[
        str, typer.Option("--endpoint", help="Graph Store Protocol URL of the external store.")
    ],
    graph_iri: Annotated[
        str | None,
        typer.Option("--graph", help="Named graph to load into (default graph if omitted)."),
    ] = None,
) -> None:
    """Load the graph into an external SPARQL 1.1 store (Oxigraph, Virtuoso, Fuseki, GraphDB…)."""
    not_yet("push: lands with the SPARQL issue")
