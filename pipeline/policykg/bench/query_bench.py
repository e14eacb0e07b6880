"""Saved queries on our store (pyoxigraph) against rdflib's own SPARQL engine, same graph, same run.

Also graph load and Turtle export, each as a ratio measured side by side.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from policykg.bench.timing import Timing, measure


@dataclass(frozen=True, slots=True)
class QueryFigure:
    """One saved query: median latency on each engine and rows returned."""

    name: str
    ours: Timing
    rdflib: Timing
    rows: int

    @property
    def speedup(self) -> float:
        """rdflib time over ours."""
        return self.rdflib.median / max(self.ours.median, 1e-9)


def load_both(graph_path: Path) -> tuple[ox.Store, Graph]:
    """The same Turtle file in a pyoxigraph Store and in an rdflib Graph."""
    store = ox.Store()
    store.bulk_load(path=str(graph_path), format=ox.RdfFormat.TURTLE)
    graph = Graph()
    graph.parse(graph_path, format="turtle")
    return store, graph


def _count_ox(result: Any) -> int:
    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)


def _run_ox(store: ox.Store, text: str) -> int:
    return _count_ox(store.query(text))


def _run_rdflib(graph: Graph, prepared: Any) -> int:
    return len(list(graph.query(prepared)))


def bench_queries(
    graph_path: Path, query_files: list[Path], *, repeat: int = 5
) -> list[QueryFigure]:
    """Median latency of every saved query on both engines (rdflib gets prepared queries)."""
    store, graph = load_both(graph_path)
    figures: list[QueryFigure] = []
    for path in query_files:
        text = path.read_text(encoding="utf-8")
        prepared = prepareQuery(text)
        rows = _count_ox(store.query(text))
        ours = measure(partial(_run_ox, store, text), repeat=repeat)
        theirs = measure(partial(_run_rdflib, graph, prepared), repeat=max(1, repeat // 2 + 1))
        figures.append(QueryFigure(path.stem, ours, theirs, rows))
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
