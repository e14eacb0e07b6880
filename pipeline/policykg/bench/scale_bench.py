"""Scaling: build time and peak memory at 1×, 10×, 100× the seed corpus, and query latency there.

Each build runs in a fresh interpreter (``run_child``) so its peak memory is its own. The corpus
is synthetic (``policykg.bench.synth``) and sized in characters relative to ``seeds/``.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from policykg.bench.synth import generate_corpus
from policykg.bench.timing import run_child

_BUILD_CHILD = """
import sys, time
from pathlib import Path
from policykg.build.run import build
start = time.perf_counter()
res = build(Path(sys.argv[1]), Path(sys.argv[2]), use_cache=False)
result = {"seconds": time.perf_counter() - start, "triples": res.report.triples, "docs": len(res.extraction.docs)}
"""


@dataclass(frozen=True, slots=True)
class ScalePoint:
    """One corpus size: what building it and querying it cost."""

    factor: int
    chars: int
    docs: int
    triples: int
    build_seconds: float
    peak_rss_mb: float
    query_median_ms: float
    query_max_ms: float
    slowest_query: str
    latencies: dict[str, float]


def seed_chars(seeds: Path) -> int:
    """Characters in the seed corpus (the 1× unit)."""
    return sum(len(p.read_text(encoding="utf-8")) for p in seeds.glob("*.txt"))


def _query_latencies(
    graph_path: Path, query_files: list[Path], repeat: int = 3
) -> dict[str, float]:
    store = ox.Store()
    store.bulk_load(path=str(graph_path), format=ox.RdfFormat.TURTLE)
    latencies: dict[str, float] = {}
    for path in query_files:
        text = path.read_text(encoding="utf-8")
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = store.query(text)
            if not isinstance(result, ox.QueryBoolean):
                for _row in result:
                    pass
            samples.append(time.perf_counter() - start)
        latencies[path.stem] = statistics.median(samples) * 1000
    return latencies


def scale_point(factor: int, unit_chars: int, work: Path, query_files: list[Path]) -> ScalePoint:
    """Generate a corpus of ``factor`` × ``unit_chars``, build it, time the saved queries on it."""
    corpus = work / f"corpus_{factor}x"
    out = work / f"out_{factor}x"
    if not corpus.exists():
        generate_corpus(corpus, total_chars=factor * unit_chars)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))
    result = run_child(_BUILD_CHILD, str(corpus), str(out))
    latencies = _query_latencies(out / "graph.ttl", query_files)
    slowest = max(latencies, key=latencies.__getitem__) if latencies else ""
    return ScalePoint(
        factor=factor,
        chars=chars,
        docs=int(result["docs"]),
        triples=int(result["triples"]),
        build_seconds=float(result["seconds"]),
        peak_rss_mb=float(result["peak_rss_mb"]),
        query_median_ms=statistics.median(latencies.values()) if latencies else float("nan"),
        query_max_ms=latencies[slowest] if slowest else float("nan"),
        slowest_query=slowest,
        latencies=latencies,
    )


def linearity(points: list[ScalePoint]) -> float:
    """Deviation of seconds-per-character at the largest size from the smallest (0 = linear)."""
    first, last = points[0], points[-1]
    per_first = first.build_seconds / first.chars
    per_last = last.build_seconds / last.chars
    return per_last / per_first - 1.0
