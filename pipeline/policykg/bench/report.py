"""Run the benchmark suites and write their results as Markdown (the body of BENCHMARKS.md)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from policykg.bench.query_bench import (
    QueryFigure,
    bench_disk_queries,
    bench_load_and_export,
    bench_queries,
    geometric_mean,
    open_disk_store,
)
from policykg.bench.scale_bench import ScalePoint, linearity, scale_point, seed_chars
from policykg.bench.server_report import server_section as server_section  # used by the CLI
from policykg.bench.timing import machine
from policykg.paths import data_dir

Emit = Callable[[str], None]


def header(emit: Emit, command: str) -> None:
    """Machine, date and the command that produced the figures."""
    info = machine()
    emit(f"Command: `{command}`  ")
    emit(
        f"Machine: {info['cpus']} cores, {info['memory']}, Python {info['python']}, {info['platform']}  "
    )
    emit(f"Date: {info['date']}\n")


def extract_section(emit: Emit, seeds: Path, repeat: int) -> None:
    """Throughput of the full pipeline vs the bare tokenizer and a regex scan."""
    from policykg.bench.extract_bench import bench_extract, bench_parallel
    from policykg.nlp.pipeline import build_nlp
    from policykg.text.sources import read_batch

    docs = read_batch([seeds]).docs
    figures = bench_extract(docs, build_nlp(), repeat=repeat)
    full, tok, rx = (figures.rate(t) for t in (figures.full, figures.tokenizer, figures.regex))
    emit("## Extraction throughput (one process)\n")
    emit(f"{figures.chars:,} raw characters (seeds), median of {figures.full.runs} runs.\n")
    emit("| pass | chars/s | vs full pipeline |")
    emit("|---|---:|---:|")
    emit(f"| full default pipeline (`extract_doc`) | {full:,.0f} | 1.00 |")
    emit(f"| bare spaCy zh char tokenizer | {tok:,.0f} | {tok / full:.2f}× |")
    own = figures.rate(figures.own_tokenizer)
    emit(f"| the pipeline's own char tokenizer (same tokens) | {own:,.0f} | {own / full:.2f}× |")
    emit(f"| one regex scan | {rx:,.0f} | {rx / full:.2f}× |")
    no_places = build_nlp()
    no_places.remove_pipe("policykg_places")
    variants = (
        (
            "with the statistical NER (`build_nlp(with_ner=True)`)",
            build_nlp(with_ner=True),
            "shipped",
        ),
        ("without the decision model (`extract_doc(…, decider=None)`)", build_nlp(), None),
        ("without the place gazetteer (`policykg_places` removed)", no_places, "shipped"),
    )
    for label, nlp, decider in variants:
        run = bench_extract(docs, nlp, repeat=repeat, decider=decider).full
        emit(
            f"| {label} | {figures.chars / run.median:,.0f} | "
            f"{figures.full.median / run.median:.2f}× |"
        )
    two = bench_parallel(docs * 4, 2, repeat=repeat)
    emit(
        f"| full pipeline on 2 processes, seeds ×4, one document per task (wall clock) | "
        f"{4 * figures.chars / two.median:,.0f} | {4 * figures.full.median / two.median:.2f}× |"
    )
    emit(
        f"\nFull pipeline / bare tokenizer = **{full / tok:.3f}** (target ≥ 1/7 = 0.143: "
        f"**{'met' if full * 7 >= tok else 'missed'}**); target ≥ 100,000 chars/s: "
        f"**{'met' if full >= 100_000 else 'missed'}**.\n"
    )


def build_section(emit: Emit, seeds: Path, repeat: int) -> None:
    """End-to-end ``policykg build`` of ``seeds``: cold, cold on 2 processes, warm."""
    from policykg.bench.build_bench import bench_build

    chars = seed_chars(seeds)
    with tempfile.TemporaryDirectory(prefix="policykg-build-") as tmp:
        timings = bench_build(seeds, Path(tmp), repeat=repeat)
    emit("## End-to-end build (`policykg build`, fresh process each run)\n")
    emit(f"{chars:,} characters in `{seeds}`; wall clock, median of {timings[0].runs} runs.\n")
    emit("| build | median s | min s | max s | chars/s |")
    emit("|---|---:|---:|---:|---:|")
    for t in timings:
        emit(
            f"| {t.label} | {t.median:.2f} | {t.low:.2f} | {t.high:.2f} | {chars / t.median:,.0f} |"
        )
    emit("\nThe serial and parallel cold builds wrote byte-identical `graph.ttl`.\n")


def _rdflib_cell(fig: QueryFigure) -> tuple[str, str]:
    if fig.rdflib is None:
        return f"fails ({fig.rdflib_error.split(':')[0]})", "—"
    bound = ">" if fig.rdflib_capped else ""
    return f"{bound}{fig.rdflib * 1000:,.1f}", f"{bound}{fig.speedup:,.1f}×"


def query_section(emit: Emit, graph: Path, repeat: int) -> None:
    """Every saved query on pyoxigraph vs rdflib's engine, then load/export."""
    files = sorted(data_dir("queries").glob("*.rq"))
    figures = bench_queries(graph, files, repeat=repeat)
    emit("## Saved queries: our store (pyoxigraph) vs rdflib's SPARQL engine\n")
    emit(
        f"Graph `{graph}`; medians; rdflib gets prepared queries, in a child process capped at 60 s.\n"
    )
    emit("| query | rows | ours ms | rdflib ms | speed-up |")
    emit("|---|---:|---:|---:|---:|")
    for fig in figures:
        theirs, ratio = _rdflib_cell(fig)
        emit(f"| {fig.name} | {fig.rows} | {fig.ours.median * 1000:.2f} | {theirs} | {ratio} |")
    ratios = [f.speedup for f in figures if f.speedup is not None]
    gmean = geometric_mean(ratios)
    failed = sum(1 for f in figures if f.speedup is None)
    emit(
        f"\nGeometric-mean speed-up over the {len(ratios)} queries rdflib answers: **{gmean:.1f}×** "
        f"(target ≥ 10×; capped ones count at the cap, a lower bound); rdflib fails on {failed}.\n"
    )
    io = bench_load_and_export(graph, repeat=repeat)
    load_x = io["load_rdflib"].median / io["load_ours"].median
    write_x = io["write_rdflib"].median / io["write_ours"].median
    emit("| operation | ours ms | rdflib ms | speed-up |")
    emit("|---|---:|---:|---:|")
    emit(
        f"| Turtle load | {io['load_ours'].median * 1000:.1f} | {io['load_rdflib'].median * 1000:.1f} | {load_x:.1f}× |"
    )
    emit(
        f"| Turtle write | {io['write_ours'].median * 1000:.1f} | {io['write_rdflib'].median * 1000:.1f} | {write_x:.1f}× |\n"
    )


def disk_query_section(emit: Emit, store_dir: Path, graph: Path, repeat: int) -> None:
    """Every saved query on an on-disk store (read-only), against the latency targets."""
    import statistics

    loaded = not store_dir.exists()
    start = time.perf_counter()
    store = open_disk_store(store_dir, graph)
    opened = time.perf_counter() - start
    files = sorted(data_dir("queries").glob("*.rq"))
    figures = bench_disk_queries(store, files, repeat=repeat)
    emit("## Saved queries on an on-disk store (pyoxigraph, read-only)\n")
    how = f"`{graph}` bulk-loaded in {opened:.1f} s" if loaded else "already loaded"
    emit(f"Store `{store_dir}` ({how}); every row read; median of {repeat} runs after one more.\n")
    emit("| query | rows | median ms | min ms | max ms |")
    emit("|---|---:|---:|---:|---:|")
    for fig in figures:
        t = fig.timing
        emit(
            f"| {fig.name} | {fig.rows:,} | {t.median * 1000:,.1f} | {t.low * 1000:,.1f} | "
            f"{t.high * 1000:,.1f} |"
        )
    if not figures:
        return
    median = statistics.median(f.timing.median for f in figures) * 1000
    slowest = max(figures, key=lambda f: f.timing.median)
    worst = slowest.timing.median * 1000
    emit(
        f"\nMedian **{median:,.1f} ms** (target < 100 ms: **{'met' if median < 100 else 'missed'}**); "
        f"slowest **{worst:,.1f} ms**, `{slowest.name}` "
        f"(target < 1 s: **{'met' if worst < 1000 else 'missed'}**).\n"
    )


def scale_section(emit: Emit, seeds: Path, factors: list[int], work: Path | None) -> None:
    """Build time, peak memory and query latency at each corpus size."""
    unit = seed_chars(seeds)
    files = sorted(data_dir("queries").glob("*.rq"))
    with tempfile.TemporaryDirectory(prefix="policykg-scale-") as tmp:
        folder = work or Path(tmp)
        points: list[ScalePoint] = [scale_point(f, unit, folder, files) for f in factors]
    emit("## Scaling (synthetic report-shaped corpus, `policykg.bench.synth`)\n")
    emit(
        "| size | chars | docs | triples | build s | s per M chars | peak RSS MB | query median ms | slowest query ms |"
    )
    emit("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for p in points:
        emit(
            f"| {p.factor}× | {p.chars:,} | {p.docs} | {p.triples:,} | {p.build_seconds:.1f} | "
            f"{p.build_seconds / p.chars * 1e6:.1f} | {p.peak_rss_mb:,.0f} | {p.query_median_ms:.1f} | "
            f"{p.query_max_ms:.1f} ({p.slowest_query}) |"
        )
    if len(points) > 1:
        emit(
            f"\nSeconds per character at {points[-1].factor}× vs {points[0].factor}×: "
            f"{linearity(points) * 100:+.0f}% (target: within ±25%).\n"
        )
    _query_scale_table(emit, points)


def _query_scale_table(emit: Emit, points: list[ScalePoint]) -> None:
    """Each saved query's median latency at each corpus size."""
    names = sorted({name for p in points for name in p.latencies})
    emit("\nSaved-query latency (ms, median of 3, pyoxigraph in memory) at each size:\n")
    emit("| query | " + " | ".join(f"{p.factor}×" for p in points) + " |")
    emit("|---|" + "---:|" * len(points))
    for name in names:
        cells = [f"{p.latencies[name]:,.1f}" if name in p.latencies else "—" for p in points]
        emit(f"| {name} | " + " | ".join(cells) + " |")
    emit("")
