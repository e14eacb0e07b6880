"""``policykg bench``: the benchmark suite (outside the test run); prints BENCHMARKS.md sections."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, handle_errors
from policykg.errors import PolicyKGError

SUITES = ("extract", "build", "queries", "server", "scale")


@app.command()
@handle_errors
def bench(
    what: Annotated[
        str, typer.Argument(help="extract, build, queries, server, scale, or all.")
    ] = "all",
    seeds: Annotated[Path, typer.Option("--seeds", help="The 1× corpus.")] = Path("seeds"),
    graph: Annotated[
        Path,
        typer.Option(
            "--graph", help="Graph for the query and server suites (built first if missing)."
        ),
    ] = Path("out/graph.ttl"),
    repeat: Annotated[
        int, typer.Option("--repeat", help="Timed repeats per figure (the median is reported).")
    ] = 5,
    clients: Annotated[
        int, typer.Option("--clients", help="Concurrent clients in the server load.")
    ] = 4,
    requests: Annotated[
        int,
        typer.Option(
            "--requests",
            help="Requests per Python client thread in the server load (wrk, when on PATH, runs each load for 5 s).",
        ),
    ] = 250,
    factors: Annotated[
        str,
        typer.Option(
            "--factors", help="Corpus sizes for the scale suite, in multiples of the seeds."
        ),
    ] = "1,10,100",
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            help="Real corpus for the build suite (its subfolders with their manifests); "
            "default ../shared/corpus when present, else the seeds are built.",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Also build the corpus on N processes (N > 1).")
    ] = 2,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Run the queries suite on an on-disk Oxigraph store in this folder (read-only; "
            "no rdflib comparison): every saved query, median of --repeat runs, checked against "
            "the targets (median < 100 ms, slowest < 1 s). A missing folder is first filled from "
            "--graph (which must exist: it is not built) by a bulk load (at 1000x the seeds: "
            "11-15 min and 11 GB) and kept. A query whose first run takes over 10 s is not "
            "repeated.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the Markdown here.")
    ] = None,
) -> None:
    """Measure speed and memory; prints Markdown tables with the machine, the date and this command.

    Every figure is a median over repeated runs, and every comparison is a ratio measured in the
    same run. Servers bind 127.0.0.1; loads are bounded in count and time.
    """
    from policykg.bench import report

    chosen = SUITES if what == "all" else tuple(what.split(","))
    unknown = set(chosen) - set(SUITES)
    if unknown:
        raise PolicyKGError(
            f"unknown benchmark {sorted(unknown)}: choose from {', '.join(SUITES)} or all"
        )
    lines: list[str] = []

    def emit(line: str) -> None:
        lines.append(line)
        typer.echo(line)

    report.header(emit, "policykg " + " ".join(sys.argv[1:]))
    needs_graph = "server" in chosen or ("queries" in chosen and store is None)
    if needs_graph and not graph.exists():
        from policykg.build.run import build

        build(seeds, graph.parent)
    if "extract" in chosen:
        report.extract_section(emit, seeds, repeat)
    if "build" in chosen:
        build_suite(emit, seeds, corpus, repeat, jobs)
    if "queries" in chosen and store is not None:
        report.disk_query_section(emit, store, graph, repeat)
    elif "queries" in chosen:
        report.query_section(emit, graph, repeat)
    if "server" in chosen:
        report.server_section(emit, graph, clients, requests)
    if "scale" in chosen:
        report.scale_section(emit, seeds, [int(f) for f in factors.split(",")], None)
    if out:
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_suite(
    emit: Callable[[str], None], seeds: Path, corpus: Path | None, repeat: int, jobs: int
) -> None:
    """The real corpus when there is one (one run each), else the seeds (``repeat`` runs)."""
    from policykg.bench import report
    from policykg.bench.corpus_bench import DEFAULT_CORPUS
    from policykg.bench.corpus_report import corpus_section, validation_section

    if corpus is None and DEFAULT_CORPUS.is_dir():
        corpus = DEFAULT_CORPUS
    if corpus is None:
        report.build_section(emit, seeds, repeat)
        return
    if not corpus.is_dir():
        raise PolicyKGError(f"--corpus: {corpus} is not a folder")
    corpus_section(emit, corpus, jobs, reference=True)
    validation_section(emit, seeds, repeat)
