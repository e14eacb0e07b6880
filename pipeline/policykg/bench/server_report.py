"""The "Server on loopback" section: both endpoints, both load generators, one run.

For every load we also read how much CPU the server's processes and the load generator spent
per request, so a shortfall can be laid at the right door on a machine where client and server
share the same two cores.
"""

from __future__ import annotations

import functools
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from policykg.bench.server_bench import (
    Endpoint,
    LoadResult,
    load,
    oxigraph_binary,
    oxigraph_endpoint,
    policykg_endpoint,
    process_tree_cpu_seconds,
    rdflib_endpoint,
)
from policykg.bench.wrk_load import wrk_load, wrk_path
from policykg.paths import data_dir

Emit = Callable[[str], None]
OXIGRAPH = "oxigraph serve-read-only"
SIMPLE_QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/policykg/def#Enterprise> } LIMIT 10"
WARM_UP_REQUESTS = 20


@dataclass(frozen=True, slots=True)
class LoadRow:
    """One measured load, with the CPU that server and client spent per request."""

    endpoint: str
    workload: str
    tool: str  # "wrk" or "Python"
    setup: str  # connections and duration, or threads and requests
    result: LoadResult
    server_cpu_ms: float | None
    client_cpu_ms: float | None

    def markdown(self) -> str:
        res = self.result
        cells = [
            self.endpoint,
            self.workload,
            f"{self.tool}, {self.setup}",
            f"{res.per_second:,.0f}",
            f"{res.p50_ms:.1f}",
            f"{res.p99_ms:.1f}",
            str(res.errors),
            _ms(self.server_cpu_ms),
            _ms(self.client_cpu_ms),
        ]
        return "| " + " | ".join(cells) + " |"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def wrk_cpu_seconds() -> float:
    """CPU used so far by finished child processes (wrk, once it has exited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(
    endpoint: Endpoint, run: Callable[[], LoadResult], client_clock: Callable[[], float]
) -> tuple[LoadResult, float | None, float | None]:
    """Run one load; return it with server and client CPU milliseconds per request."""
    server_before = process_tree_cpu_seconds(endpoint.pid)
    client_before = client_clock()
    result = run()
    client_used = client_clock() - client_before
    server_after = process_tree_cpu_seconds(endpoint.pid)
    handled = result.requests + result.errors
    if handled == 0:
        return result, None, None
    server_ms = None
    if server_before is not None and server_after is not None:
        server_ms = (server_after - server_before) / handled * 1000
    return result, server_ms, client_used / handled * 1000


def endpoint_rows(
    name: str, endpoint: Endpoint, saved: list[str], clients: int, per_client: int, wrk_s: int
) -> Iterator[LoadRow]:
    """The loads on one endpoint: simple query by wrk and by Python threads, saved-query mix."""
    load(endpoint.url, [SIMPLE_QUERY], clients=1, per_client=WARM_UP_REQUESTS)
    if wrk_path() is not None:
        run = functools.partial(
            wrk_load, endpoint.url, SIMPLE_QUERY, connections=clients, seconds=wrk_s
        )
        setup = f"{clients} connections × {wrk_s} s"
        yield LoadRow(name, "simple", "wrk", setup, *measure(endpoint, run, wrk_cpu_seconds))
    setup = f"{clients} threads × {per_client}"
    for workload, queries in (("simple", [SIMPLE_QUERY]), ("saved queries", saved)):
        run = functools.partial(load, endpoint.url, queries, clients=clients, per_client=per_client)
        yield LoadRow(name, workload, "Python", setup, *measure(endpoint, run, time.process_time))


def server_section(
    emit: Emit, graph: Path, clients: int, per_client: int, *, wrk_seconds: int = 5
) -> None:
    """Bounded loopback load on our server and on the rdflib baseline, from both clients."""
    saved = [p.read_text(encoding="utf-8") for p in sorted(data_dir("queries").glob("*.rq"))]
    emit(f"## Server on loopback ({clients} clients; Python loads capped at 60 s)\n")
    emit(
        "| endpoint | workload | client | req/s | p50 ms | p99 ms | errors "
        "| server CPU ms/req | client CPU ms/req |"
    )
    emit("|---|---|---|---:|---:|---:|---:|---:|---:|")
    starts: list[tuple[str, Callable[[Path], AbstractContextManager[Endpoint]]]] = [
        ("policykg serve", policykg_endpoint),
        ("rdflib baseline", rdflib_endpoint),
    ]
    if oxigraph_binary() is not None:
        starts.append((OXIGRAPH, oxigraph_endpoint))
    rows: list[LoadRow] = []
    for name, start in starts:
        with start(graph) as endpoint:
            for row in endpoint_rows(name, endpoint, saved, clients, per_client, wrk_seconds):
                rows.append(row)
                emit(row.markdown())
    emit("")
    for line in summary(rows):
        emit(line)


def summary(rows: list[LoadRow]) -> list[str]:
    """The ratios the issue asks for, from rows measured in this run."""
    rate = {(r.endpoint, r.workload, r.tool): r.result.per_second for r in rows}
    ours = rate[("policykg serve", "saved queries", "Python")]
    base = rate[("rdflib baseline", "saved queries", "Python")]
    if base > 0:
        lines = [f"Throughput on the saved queries vs the rdflib baseline: **{ours / base:.1f}×** "]
        lines[0] += "(target ≥ 10×)."
    else:
        lines = [
            "Saved queries: the rdflib baseline completed none within its caps "
            f"(ours: {ours:,.1f} req/s); no ratio is given."
        ]
    wrk_rate = rate.get(("policykg serve", "simple", "wrk"))
    oxigraph_rate = rate.get((OXIGRAPH, "simple", "wrk"))
    if wrk_rate and oxigraph_rate:
        lines.append(
            f"Simple query by wrk: policykg serve at **{wrk_rate / oxigraph_rate:.2f}×** the "
            "throughput of the stock Oxigraph server (which refuses no SERVICE and enforces its "
            "timeout from inside the engine)."
        )
    if wrk_rate is None:
        lines.append("wrk is not on PATH: the simple query was loaded by Python threads only.")
    else:
        python_rate = rate[("policykg serve", "simple", "Python")]
        lines.append(
            f"Simple query on policykg serve, wrk vs Python client: {wrk_rate / python_rate:.2f}× "
            "the throughput (the CPU columns show what each side spent per request)."
        )
    return lines
