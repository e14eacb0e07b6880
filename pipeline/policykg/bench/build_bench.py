"""End-to-end ``policykg build`` of a corpus, as a user runs it: cold, warm, and on N processes.

Each run is the real console script in a fresh process (interpreter start-up and imports
included), timed by wall clock; "cold" passes ``--no-cache``, "warm" rebuilds into an output
folder whose per-document cache already holds every document. Outputs of the cold serial and
cold parallel runs are compared byte for byte.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from policykg.bench.timing import policykg_command


@dataclass(frozen=True, slots=True)
class BuildTiming:
    """Median and spread of the wall-clock seconds of one way of building."""

    label: str
    median: float
    low: float
    high: float
    runs: int


def run_build(seeds: Path, out: Path, *extra: str) -> float:
    """Seconds one ``policykg build`` takes; raises when it fails."""
    command = [*policykg_command(), "build", "--seeds", str(seeds), "--out", str(out), *extra]
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {proc.stderr[-2000:]}")
    return seconds


def _timing(label: str, samples: list[float]) -> BuildTiming:
    return BuildTiming(label, statistics.median(samples), min(samples), max(samples), len(samples))


def bench_build(seeds: Path, work: Path, *, repeat: int, jobs: int = 2) -> list[BuildTiming]:
    """Cold serial, cold on ``jobs`` processes (same bytes out, checked) and warm builds."""
    serial, parallel, warm = work / "serial", work / "parallel", work / "warm"
    cold1: list[float] = []
    coldn: list[float] = []
    for _ in range(repeat):  # interleaved, so both see the same machine
        cold1.append(run_build(seeds, serial, "--no-cache"))
        coldn.append(run_build(seeds, parallel, "--no-cache", "--jobs", str(jobs)))
    same = (serial / "graph.ttl").read_bytes() == (parallel / "graph.ttl").read_bytes()
    if not same:
        raise RuntimeError("--jobs changed graph.ttl: the parallel build is not the serial one")
    shutil.rmtree(warm, ignore_errors=True)
    run_build(seeds, warm)  # fills the cache
    hot = [run_build(seeds, warm) for _ in range(repeat)]
    return [
        _timing("cold, 1 process (`--no-cache`)", cold1),
        _timing(f"cold, {jobs} processes (`--no-cache --jobs {jobs}`)", coldn),
        _timing("warm (every document from the cache)", hot),
    ]
