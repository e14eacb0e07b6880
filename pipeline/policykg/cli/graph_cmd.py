"""``policykg build`` and ``policykg export``: the RDF stage."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import DASK_OPTION, JOBS_OPTION, app, err_console, handle_errors
from policykg.cli.quick_exit import Finished
from policykg.errors import InputError


@app.command()
@handle_errors
def build(
    seeds: Annotated[
        list[Path],
        typer.Option(
            "--seeds",
            metavar="FOLDER",
            help="Folder of source documents (with manifest.toml); repeat it for several folders.",
        ),
    ] = [Path("seeds")],  # noqa: B006 (typer reads the default, nothing mutates it)
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder for graph.ttl and its artifacts.")
    ] = Path("out"),
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Extract every document again, ignoring OUT/cache/."),
    ] = False,
    jobs: Annotated[int, JOBS_OPTION] = 1,
    dask: Annotated[str | None, DASK_OPTION] = None,
    validator: Annotated[
        str,
        typer.Option(
            "--validator",
            help="compiled (the SHACL shapes compiled into Python checks) or pyshacl (the "
            "reference implementation, slower); same verdict.",
        ),
    ] = "compiled",
    timings: Annotated[
        Path | None,
        typer.Option("--timings", help="Also write the seconds each stage took, as JSON."),
    ] = None,
) -> None:
    """Run every stage on the seeds and write OUT/graph.ttl, validated against the SHACL shapes.

    Also writes OUT/extraction.jsonl and OUT/build.json. Unchanged documents are taken from OUT/cache/ (the summary line says how many); the others are extracted in this process, on --jobs N worker processes (which then also make and check each document's RDF, and write and check the rest of the graph), or as a Dask bag (--dask), with the same output.

    A file that cannot be read (say, permission denied, or text in an unknown encoding) or extracted is named on stderr with the reason, the graph of the others is still written, and the exit status is 1. Folder entries that are not files (subfolders, named pipes, dangling symbolic links, link loops) and manifest entries whose file is missing are named as warnings and skipped. The three outputs replace the previous ones together, or not at all if the build fails or is stopped. Findings the ontology cannot hold (say, a relation between the wrong kinds of entity) are left out, logged and listed in build.json. If the graph still fails a SHACL shape, nothing is written, the violations are listed, and the exit status is 1.
    """
    from policykg.build.plan import ExtractPlan
    from policykg.build.run import build as run

    plan = ExtractPlan(jobs=jobs, dask=dask)
    result = run(seeds, out, use_cache=not no_cache, progress=True, plan=plan, validator=validator)
    report = result.report
    if timings is not None:
        text = json.dumps({k: round(v, 3) for k, v in result.timings.items()}, indent=2)
        timings.write_text(text + "\n", encoding="utf-8")
    err_console.print(
        f"wrote {result.graph_path}: {report.triples} triples, "
        f"{sum(report.entities.values())} entities, {sum(report.relations.values())} relations; "
        f"reused {result.reused} of {result.documents} documents from cache",
        markup=False,
        highlight=False,
    )
    for path, reason in result.skipped:
        err_console.print(
            f"policykg: warning: skipped {path}: {reason}", markup=False, highlight=False
        )
    for path, reason in result.failures:
        err_console.print(f"policykg: failed: {path}: {reason}", markup=False, highlight=False)
    # Every output is written and closed, the workers are stopped: the console script leaves
    # without freeing the documents and entities still alive (0.3-0.4 s on the corpus).
    raise Finished(1 if result.failures else 0)


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
        Path | None,
        typer.Option("--out", "-o", help="Output file (a folder for csv); stdout if omitted."),
    ] = None,
) -> None:
    """Export the graph for other tools: RDF formats, Gephi (GraphML/GEXF), spreadsheets (CSV).

    trig has one named graph per document plus one shared graph (entities, relations, glossary). graphml and gexf have entities as nodes and relations as edges, multi-valued attributes joined with " | ". csv writes entities.csv and relations.csv (UTF-8 with BOM, for Excel) into the --out folder. jsonl is the extraction JSONL that `policykg build` wrote beside the graph.
    """
    from policykg.graph.export import export as run

    if out is not None:
        written = run(graph, format, out)
        err_console.print(describe_written(written, format), markup=False, highlight=False)
        return
    if format == "csv":
        raise InputError("--out", "csv export writes two files: give a folder with --out")
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder) / f"graph.{format}"
        run(graph, format, temp)
        sys.stdout.buffer.write(temp.read_bytes())
        sys.stdout.flush()


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size:,} bytes" if size < 10_000 else f"{size / 1024:,.0f} KiB"


def _csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)


def describe_written(out: Path, format: str) -> str:
    """What ``export`` wrote: the file and its size, or each CSV in the folder with its rows."""
    if out.is_dir():
        files = sorted(out.glob("*.csv"))
        parts = [f"{f.name} ({_csv_rows(f):,} rows, {_size(f)})" for f in files]
        return f"wrote {format} to {out}/: " + ", ".join(parts)
    return f"wrote {out}: {format}, {_size(out)}"
