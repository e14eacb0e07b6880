"""Saved queries on our store (pyoxigraph) against rdflib's own SPARQL engine, same graph, same run.

Also graph load and Turtle export, each as a ratio measured side by side, and the saved queries
alone on an on-disk store (:func:`bench_disk_queries`), for graphs too big for rdflib or memory.
"""

from __future__ import annotations

import io
import math
import multiprocessing as mp
import statistics
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from queue import Empty
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from policykg.bench.timing import Timing, measure
from policykg.sparql.store import GraphFileError


@dataclass(frozen=True, slots=True)
class QueryFigure:
    """One saved query: median latency on each engine and rows returned.

    ``rdflib`` is ``None`` when rdflib failed on the query, ``rdflib_capped`` when it did not
    finish within the cap (its time is then a lower bound).
    """

    name: str
    ours: Timing
    rdflib: float | None
    rdflib_capped: bool
    rows: int
    rdflib_error: str = ""

    @property
    def speedup(self) -> float | None:
        """rdflib time over ours (a lower bound when rdflib was capped)."""
        return None if self.rdflib is None else self.rdflib / max(self.ours.median, 1e-9)


def load_store(graph_path: Path) -> ox.Store:
    """The Turtle file in an in-memory pyoxigraph Store."""
    store = ox.Store()
    store.bulk_load(path=str(graph_path), format=ox.RdfFormat.TURTLE)
    return store


def _count_ox(result: Any) -> int:
    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)


def _run_ox(store: ox.Store, text: str) -> int:
    return _count_ox(store.query(text))


def _rdflib_child(graph_path: str, text: str, repeat: int, out: Any) -> None:
    """In a child process: parse the graph, time the prepared query, report the median."""
    try:
        graph = Graph().parse(graph_path, format="turtle")
        prepared = prepareQuery(text)
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            len(list(graph.query(prepared)))
            samples.append(time.perf_counter() - start)
        out.put(("ok", statistics.median(samples)))
    except Exception as exc:  # report rdflib's failure instead of dying silently
        out.put(("error", f"{type(exc).__name__}: {exc}"[:200]))


def time_rdflib(
    graph_path: Path, text: str, *, repeat: int, cap: float
) -> tuple[float | None, bool, str]:
    """Median seconds of rdflib on ``text`` in a child process killed after ``cap`` seconds."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_rdflib_child, args=(str(graph_path), text, repeat, queue))
    proc.start()
    try:
        kind, value = queue.get(timeout=cap + 60)  # + time to parse the graph
    except Empty:
        return cap, True, ""
    finally:
        proc.kill()
        proc.join()
    if kind == "ok":
        return float(value), False, ""
    return None, False, str(value)


def bench_queries(
    graph_path: Path, query_files: list[Path], *, repeat: int = 5, cap: float = 60.0
) -> list[QueryFigure]:
    """Median latency of every saved query on both engines (rdflib gets prepared queries)."""
    store = load_store(graph_path)
    figures: list[QueryFigure] = []
    for path in query_files:
        text = path.read_text(encoding="utf-8")
        rows = _run_ox(store, text)
        ours = measure(partial(_run_ox, store, text), repeat=repeat)
        theirs, capped, error = time_rdflib(graph_path, text, repeat=max(1, repeat // 2), cap=cap)
        figures.append(QueryFigure(path.stem, ours, theirs, capped, rows, error))
    return figures


@dataclass(frozen=True, slots=True)
class DiskFigure:
    """One saved query on an on-disk store: its latency and the rows it returned."""

    name: str
    timing: Timing
    rows: int


def open_disk_store(folder: Path, graph_path: Path) -> ox.Store:
    """The on-disk store in ``folder``, read-only; ``graph_path`` is bulk-loaded into it first
    when the folder does not exist yet (kept afterwards, so later runs reuse it)."""
    if not folder.exists():
        if not graph_path.is_file():
            raise GraphFileError(graph_path, f"no graph to load into the store {folder}")
        store = ox.Store(str(folder))
        store.bulk_load(path=str(graph_path), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store  # release the write lock before opening read-only
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise GraphFileError(folder, f"not an Oxigraph store ({exc})") from exc


def bench_disk_queries(
    store: ox.Store, query_files: list[Path], *, repeat: int = 3, slow: float = 10.0
) -> list[DiskFigure]:
    """Median latency of every saved query on ``store``, every row read. The first run of each
    query counts the rows; a query whose first run takes over ``slow`` seconds is reported with
    that one run, so the suite stays bounded."""
    figures: list[DiskFigure] = []
    for path in query_files:
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        rows = _run_ox(store, text)
        first = time.perf_counter() - start
        if first > slow:
            timing = Timing(first, first, first, 1)
        else:
            timing = measure(partial(_run_ox, store, text), repeat=repeat, warmup=0)
        figures.append(DiskFigure(path.stem, timing, rows))
    return figures


def geometric_mean(values: list[float]) -> float:
    """Geometric mean of positive ratios."""
    if not values:
        return float("nan")
    return math.exp(sum(math.log(max(v, 1e-12)) for v in values) / len(values))


def bench_load_and_export(graph_path: Path, *, repeat: int = 3) -> dict[str, Timing]:
    """Turtle load and Turtle write on both engines."""
    data = graph_path.read_bytes()

    def ox_load() -> ox.Store:
        store = ox.Store()
        store.bulk_load(input=data, format=ox.RdfFormat.TURTLE)
        return store

    def rdf_load() -> Graph:
        return Graph().parse(data=data, format="turtle")

    store, graph = ox_load(), rdf_load()
    return {
        "load_ours": measure(ox_load, repeat=repeat),
        "load_rdflib": measure(rdf_load, repeat=repeat),
        "write_ours": measure(
            lambda: store.dump(
                io.BytesIO(), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()
            ),
            repeat=repeat,
        ),
        "write_rdflib": measure(lambda: graph.serialize(format="turtle"), repeat=repeat),
    }
