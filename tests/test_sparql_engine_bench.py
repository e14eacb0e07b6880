"""Engine choice, measured (bench marker: outside the default run).

`pytest -m bench -s tests/test_sparql_engine_bench.py` prints, for every saved query on the seed
graph, the median time on rdflib's SPARQL engine, on pyoxigraph in memory, and on the read-only
on-disk pyoxigraph store the server's workers use; then loopback HTTP figures for our server.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib

from policykg.server.app import start_in_background
from policykg.server.config import ServerConfig
from policykg.sparql.saved import load_saved_queries
from policykg.sparql.store import load_memory_store

pytestmark = pytest.mark.bench

RUNS = 5


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def rdflib_child(graph_path: str, conn: Any) -> None:
    """Hold the graph in rdflib and time each query sent (its first run: what a user waits)."""
    graph = rdflib.Graph().parse(graph_path, format="turtle")
    conn.send(len(graph))
    while True:
        text = conn.recv()
        start = time.perf_counter()
        try:
            list(graph.query(text))
            conn.send((time.perf_counter() - start) * 1000)
        except Exception as exc:  # rdflib fails on some valid queries: report it
            conn.send(type(exc).__name__)


class RdflibBaseline:
    """rdflib's engine in a child process, so a query can be stopped at ``cap_s``."""

    def __init__(self, graph_path: str, cap_s: float) -> None:
        self.graph_path, self.cap_s = graph_path, cap_s
        self.start()

    def start(self) -> None:
        self.conn, child = mp.get_context("fork").Pipe()
        self.process = mp.get_context("fork").Process(
            target=rdflib_child, args=(self.graph_path, child), daemon=True
        )
        self.process.start()
        self.triples = self.conn.recv()

    def time(self, text: str) -> str:
        self.conn.send(text)
        if self.conn.poll(self.cap_s):
            answer = self.conn.recv()
            return f"{answer:.1f}" if isinstance(answer, float) else answer
        self.process.kill()
        self.process.join()
        self.start()
        return f">{self.cap_s:.0f}000"

    def close(self) -> None:
        self.process.kill()


def test_engines_on_saved_queries(seed_build: Any, tmp_path: Any) -> None:
    graph_path = seed_build.graph_path
    memory = load_memory_store(graph_path)
    on_disk = ox.Store(str(tmp_path / "store"))  # the alternative the server does not use
    on_disk.bulk_load(path=str(graph_path), format=ox.RdfFormat.TURTLE)
    on_disk.flush()
    del on_disk
    disk = ox.Store.read_only(str(tmp_path / "store"))
    baseline = RdflibBaseline(str(graph_path), cap_s=20)
    print(f"\nseed graph: {baseline.triples} triples; ms (pyoxigraph: median of {RUNS})")
    print(f"{'query':36} {'rows':>5} {'rdflib':>14} {'ox memory':>10} {'ox disk':>8}")
    for query in load_saved_queries():
        rows = len(list(memory.query(query.text)))
        assert rows == len(list(disk.query(query.text))), query.name  # both stores agree
        fast = median_ms(lambda q=query.text: list(memory.query(q)))  # type: ignore[misc]
        ondisk = median_ms(lambda q=query.text: list(disk.query(q)))  # type: ignore[misc]
        slow = baseline.time(query.text)
        print(f"{query.name:36} {rows:>5} {slow:>14} {fast:>10.1f} {ondisk:>8.1f}")
    baseline.close()


def test_http_throughput(seed_build: Any) -> None:
    label = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        'SELECT ?e WHERE { ?e skos:prefLabel "六稳"@zh }'
    )
    with start_in_background(ServerConfig(graph=seed_build.graph_path, port=0)) as server:
        url = server.url + "/sparql?" + urllib.parse.urlencode({"query": label})
        fetch = lambda: urllib.request.urlopen(url, timeout=30).read()  # noqa: E731
        per_request = median_ms(fetch, runs=200)
        saved = {q.name: q.text for q in load_saved_queries()}
        heavy_url = (
            server.url + "/sparql?" + urllib.parse.urlencode({"query": saved["abbreviations"]})
        )
        heavy = median_ms(lambda: urllib.request.urlopen(heavy_url, timeout=30).read(), runs=20)
        assert b"bindings" in fetch()  # the figures are of real answers
    print(
        f"\nour server, loopback, 1 client: label lookup {per_request:.2f} ms/request; abbreviations {heavy:.1f} ms"
    )
