"""``policykg serve``, ``policykg query`` and ``policykg push``: the SPARQL side."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from policykg.cli.app import app, err_console, handle_errors
from policykg.errors import QueryError

DEFAULT_GRAPH = Path("out/graph.ttl")


def graph_to_serve(seeds: Path | None, graph: Path | None, out: Path) -> Path:
    """The Turtle file to serve: ``--graph`` as is, a fresh build of ``--seeds`` into OUT, or
    with neither, OUT/graph.ttl, built first from the bundled seeds when it is missing."""
    if seeds is not None and graph is not None:
        raise QueryError("give --seeds or --graph, not both")
    if graph is not None:
        return graph
    if seeds is None:
        if (out / "graph.ttl").is_file():
            return out / "graph.ttl"
        from policykg.paths import data_dir

        seeds = data_dir("seeds")
        err_console.print(f"policykg: no {out / 'graph.ttl'}; building {seeds} into {out}/ first")
    from policykg.build.run import build

    build(seeds, out)
    return out / "graph.ttl"


@app.command()
@handle_errors
def serve(
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Build this folder into --out, then serve it.")
    ] = None,
    graph: Annotated[
        Path | None,
        typer.Option(
            "--graph",
            help="Serve this RDF file (default: OUT/graph.ttl, built from the bundled seeds "
            "if missing).",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Build folder used with --seeds.")] = Path(
        "out"
    ),
    host: Annotated[
        str, typer.Option("--host", help="Interface to bind (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port (0 picks a free one).")] = 7878,
    cors: Annotated[
        bool, typer.Option("--cors", help="Send Access-Control-Allow-Origin: * (off by default).")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run before it is killed.")
    ] = 30.0,
    max_results: Annotated[
        int,
        typer.Option(
            "--max-results",
            help="Rows (or triples) returned at most per query; more are cut and the answer "
            "carries an X-PolicyKG-Truncated header.",
        ),
    ] = 10_000,
    max_request_bytes: Annotated[
        int, typer.Option("--max-request-bytes", help="Largest POST body accepted (413 beyond).")
    ] = 1_000_000,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Query worker processes (default: one per core available)."),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            metavar="NAME",
            help="Also accept this Host header name (repeatable; '*' accepts any). The bound "
            "address, localhost and 127.0.0.1 are always accepted.",
        ),
    ] = None,
    per_client: Annotated[
        int,
        typer.Option("--per-client", help="Requests one address may have running or waiting."),
    ] = 16,
    queue: Annotated[
        int, typer.Option("--queue", help="Requests that may wait for a worker (503 beyond).")
    ] = 64,
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Accept SPARQL updates (needs --token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Bearer token updates must carry.", envvar="POLICYKG_TOKEN"),
    ] = None,
) -> None:
    """Serve the graph: SPARQL endpoint at /sparql, query page at /, views under /viz/.

    With no option, serves out/graph.ttl (building the bundled seeds first if it is missing).
    Read-only unless --allow-update --token T; SERVICE and LOAD are always refused.
    """
    from policykg.server.app import serve_until_interrupted
    from policykg.server.config import ServerConfig, default_workers

    config = ServerConfig(
        graph=graph_to_serve(seeds, graph, out),
        host=host,
        port=port,
        cors=cors,
        timeout_s=timeout,
        max_results=max_results,
        max_request_bytes=max_request_bytes,
        workers=workers if workers is not None else default_workers(),
        allow_update=allow_update,
        token=token,
        allowed_hosts=tuple(allow_host or ()),
        per_client=per_client,
        queue_limit=queue,
    )
    serve_until_interrupted(
        config, lambda url: err_console.print(f"policykg: serving {url}/ (SPARQL at {url}/sparql)")
    )


def _saved_query_names() -> str:
    from policykg.paths import data_dir

    return ", ".join(sorted(p.stem for p in data_dir("queries").glob("*.rq")))


@app.command(
    help="Run a read-only SPARQL query on the local graph or on any endpoint.\n\n"
    f"Saved queries (give the name as FILE): {_saved_query_names()}."
)
@handle_errors
def query(
    file: Annotated[
        str | None, typer.Argument(help="A query file (.rq) or the name of a saved query.")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--query", help="SPARQL text instead of a file.")
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option("--endpoint", help="Query this SPARQL endpoint instead of the local graph."),
    ] = None,
    graph: Annotated[
        Path, typer.Option("--graph", help="The local graph to query.")
    ] = DEFAULT_GRAPH,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="table, json, csv or tsv (CONSTRUCT prints Turtle)."),
    ] = "table",
) -> None:
    if (file is None) == (text is None):
        raise QueryError("give a query file or saved-query name, or --query TEXT (one of them)")
    from policykg.sparql.runner import answer_locally, answer_remotely
    from policykg.sparql.saved import resolve_query_source

    sparql = text if text is not None else resolve_query_source(file or "").text
    if endpoint:
        answer = answer_remotely(sparql, endpoint, format)
    else:
        answer = answer_locally(sparql, graph, format)
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()


@app.command()
@handle_errors
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint", help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store."
        ),
    ],
    graph_iri: Annotated[
        str | None,
        typer.Option("--graph", help="Named graph to replace (default graph if omitted)."),
    ] = None,
    file: Annotated[Path, typer.Option("--file", help="The graph to push.")] = DEFAULT_GRAPH,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Bearer token for the store.", envvar="POLICYKG_PUSH_TOKEN"),
    ] = None,
) -> None:
    """Load the graph into an external SPARQL 1.1 store (Oxigraph, Virtuoso, Fuseki, GraphDB…).

    The target graph is replaced: the first chunk is a PUT, the rest are POSTs.
    """
    from policykg.sparql.push import push_graph

    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("pushing triples", total=None)
        report = push_graph(
            file,
            endpoint,
            graph_iri=graph_iri,
            token=token,
            on_progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    err_console.print(
        f"policykg: pushed {report.triples} triples in {report.requests} request(s) "
        f"to {report.target}"
    )
