"""The corpus build benchmark as a BENCHMARKS.md section (see ``corpus_bench``)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from policykg.bench.corpus_bench import CorpusFigures, Run, bench_corpus, build_run
from policykg.bench.validation_bench import bench_validation

Emit = Callable[[str], None]

TARGET_RATE = 100_000  # characters/s end to end, one process (issue 16)
TARGET_RATIO = 1.3  # build time ÷ extraction time


def corpus_section(emit: Emit, corpus: Path, jobs: int, *, reference: bool) -> CorpusFigures:
    """Measure ``corpus`` and emit the table; returns the figures."""
    with tempfile.TemporaryDirectory(prefix="policykg-corpus-") as tmp:
        figures = bench_corpus(corpus, Path(tmp), jobs=jobs, reference=reference)
    folders = ", ".join(f"`{f}`" for f in figures.folders)
    emit("## Build of a real corpus (`policykg build --no-cache`, fresh process each run)\n")
    emit(
        f"{figures.documents} documents, {figures.chars:,} characters ({folders}); "
        f"{figures.triples:,} triples. One run of each, one after the other.\n"
    )
    emit("| run | wall s | chars/s | peak memory |")
    emit("|---|---:|---:|---:|")
    rows = [
        ("`policykg extract` (1 process)", figures.extract),
        ("build, 1 process", figures.build),
    ]
    if figures.parallel is not None:
        rows.append((f"build, `--jobs {figures.jobs}`", figures.parallel))
    if figures.reference is not None:
        rows.append(("build, 1 process, `--validator pyshacl` (same bytes)", figures.reference))
    for label, run in rows:
        emit(f"| {label} | {run.seconds:.1f} | {figures.rate(run):,.0f} | {run.peak_mb:,.0f} MB |")
    emit("")
    stage_table(emit, figures.build, "build, 1 process")
    if figures.reference is not None:
        stage_table(emit, figures.reference, "build, 1 process, `--validator pyshacl`")
    summary(emit, figures)
    return figures


def stage_table(emit: Emit, run: Run, label: str) -> None:
    """Seconds per stage as the build measured them (interpreter start-up is the remainder)."""
    emit(f"Stages of the {label} (from `--timings`):\n")
    emit("| stage | s | share of wall clock |")
    emit("|---|---:|---:|")
    for stage, seconds in run.stages.items():
        emit(f"| {stage} | {seconds:.1f} | {seconds / run.seconds:.0%} |")
    rest = run.seconds - sum(run.stages.values())
    emit(f"| start-up and imports (the rest) | {rest:.1f} | {rest / run.seconds:.0%} |\n")


def summary(emit: Emit, figures: CorpusFigures) -> None:
    """The ratios and whether the targets of issue 16 are met."""
    rate = figures.rate(figures.build)
    ratio = figures.build.seconds / figures.extract.seconds
    emit(
        f"Build ÷ extraction = **{ratio:.2f}×** (target ≤ {TARGET_RATIO}: "
        f"**{'met' if ratio <= TARGET_RATIO else 'missed'}**); end to end **{rate:,.0f}** "
        f"chars/s (target ≥ {TARGET_RATE:,}: **{'met' if rate >= TARGET_RATE else 'missed'}**, "
        f"{rate / TARGET_RATE:.2f} of it)."
    )
    if figures.parallel is not None:
        speedup = figures.build.seconds / figures.parallel.seconds
        same = "identical" if figures.identical else "**different**"
        emit(
            f"`--jobs {figures.jobs}`: {speedup:.2f}× the one-process rate (target ≥ 1.7); "
            f"outputs {same} to the one-process build."
        )
    emit("")


def validation_section(emit: Emit, seeds: Path, repeat: int) -> None:
    """pyshacl and the compiled shapes on the graph of ``seeds``, in this process."""
    with tempfile.TemporaryDirectory(prefix="policykg-validation-") as tmp:
        build_run([seeds], Path(tmp) / "out")
        fig = bench_validation(Path(tmp) / "out" / "graph.ttl", repeat=repeat)
    emit("## SHACL validation: pyshacl vs the compiled shapes, same graph\n")
    emit(
        f"The graph of `{seeds}` ({fig.triples:,} triples), parsed once; every subject a focus "
        f"node; median of {repeat} runs each.\n"
    )
    emit("| validator | s | µs per triple |")
    emit("|---|---:|---:|")
    for label, seconds in (("pyshacl", fig.pyshacl), ("compiled shapes", fig.native)):
        emit(f"| {label} | {seconds:.3f} | {seconds / fig.triples * 1e6:.1f} |")
    verdict = "the same" if fig.same else "**different**"
    emit(
        f"\nCompiled shapes = **{fig.speedup:.1f}×** pyshacl's speed (target ≥ 10×: "
        f"**{'met' if fig.speedup >= 10 else 'missed'}**); verdicts {verdict} "
        f"({fig.violations} violations).\n"
    )
