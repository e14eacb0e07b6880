"""The wrk load path of ``policykg bench server``: its report parser on captured reports, and
(bench marker, outside the default run) a short real wrk load against ``policykg serve``."""

from __future__ import annotations

import functools
import math
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from policykg.bench.server_bench import LoadResult, policykg_endpoint, process_tree_cpu_seconds
from policykg.bench.server_report import (
    SIMPLE_QUERY,
    LoadRow,
    measure,
    summary,
    wrk_cpu_seconds,
)
from policykg.bench.wrk_load import WrkError, parse_wrk_report, wrk_command, wrk_load, wrk_path

# Reports captured from Debian's wrk 4.1.0 on this machine (the URL shortened).
CAPTURED_OK = """Running 8s test @ http://127.0.0.1:18937/sparql?query=SELECT%20...
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.96ms    3.40ms  47.76ms   89.79%
    Req/Sec   579.90    218.71     0.94k    66.88%
  Latency Distribution
     50%    2.89ms
     75%    4.26ms
     90%    7.41ms
     99%   18.98ms
  9305 requests in 8.09s, 10.17MB read
Requests/sec:   1150.00
Transfer/sec:      1.26MB
"""
CAPTURED_NON_2XX = """Running 1s test @ http://127.0.0.1:18940/sparql?query=DROP%20ALL
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.19ms    1.33ms   6.22ms   83.15%
    Req/Sec     2.62k   550.89     3.57k    60.00%
  Latency Distribution
     50%  485.00us
     75%    1.69ms
     90%    3.38ms
     99%    5.41ms
  2642 requests in 1.01s, 807.56KB read
  Non-2xx or 3xx responses: 2642
Requests/sec:   2607.97
Transfer/sec:    797.16KB
"""
CAPTURED_SOCKET_ERRORS = """Running 1s test @ http://127.0.0.1:18941/x
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 1.11s, 0.00B read
  Socket errors: connect 0, read 6928, write 0, timeout 0
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_a_clean_report_gives_count_duration_and_percentiles() -> None:
    result = parse_wrk_report(CAPTURED_OK)
    assert (result.requests, result.errors) == (9305, 0)
    assert math.isclose(result.seconds, 8.09)
    assert math.isclose(result.p50_ms, 2.89) and math.isclose(result.p99_ms, 18.98)
    assert math.isclose(result.per_second, 9305 / 8.09)


def test_non_2xx_answers_are_errors_not_requests() -> None:
    result = parse_wrk_report(CAPTURED_NON_2XX)
    assert (result.requests, result.errors) == (0, 2642)
    assert math.isclose(result.p50_ms, 0.485)  # microseconds converted
    assert math.isclose(result.p99_ms, 5.41)


def test_socket_errors_are_summed() -> None:
    result = parse_wrk_report(CAPTURED_SOCKET_ERRORS)
    assert (result.requests, result.errors, result.per_second) == (0, 6928, 0.0)


def test_units_of_seconds_and_minutes() -> None:
    text = CAPTURED_OK.replace("2.89ms", "1.50s").replace("18.98ms", "1.02m")
    text = text.replace("in 8.09s", "in 2.00m")
    result = parse_wrk_report(text)
    assert (result.p50_ms, result.p99_ms, result.seconds) == (1500.0, 61200.0, 120.0)


@pytest.mark.parametrize("cut", ["Latency Distribution", "requests in"])
def test_a_report_without_the_needed_lines_is_refused(cut: str) -> None:
    damaged = "\n".join(line for line in CAPTURED_OK.splitlines() if cut not in line)
    if cut == "Latency Distribution":
        damaged = "\n".join(line for line in damaged.splitlines() if "%  " not in line)
    with pytest.raises(WrkError, match="cannot read"):
        parse_wrk_report(damaged)


def test_the_command_is_bounded_and_sends_the_query_urlencoded() -> None:
    cmd = wrk_command(
        "/usr/bin/wrk", "http://127.0.0.1:1/sparql", "ASK { }", connections=4, seconds=3
    )
    assert cmd[1:5] == ["--threads=2", "--connections=4", "--duration=3s", "--timeout=30s"]
    assert "--latency" in cmd
    assert cmd[-1] == "http://127.0.0.1:1/sparql?query=ASK+%7B+%7D"
    one = wrk_command("wrk", "http://h/s", "ASK {}", connections=1, seconds=1)
    assert one[1] == "--threads=1"  # wrk refuses more threads than connections


def test_missing_wrk_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("policykg.bench.wrk_load.wrk_path", lambda: None)
    with pytest.raises(WrkError, match="apt-get install wrk"):
        wrk_load("http://127.0.0.1:1/sparql", "ASK {}")


def test_process_tree_cpu_counts_this_process() -> None:
    before = process_tree_cpu_seconds(os.getpid())
    assert before is not None and before > 0
    sum(i * i for i in range(300_000))  # burn some CPU in this process
    after = process_tree_cpu_seconds(os.getpid())
    assert after is not None and after >= before
    assert process_tree_cpu_seconds(2**22 + 7) is None  # no such process


@pytest.mark.bench
@pytest.mark.server
@pytest.mark.skipif(wrk_path() is None, reason="wrk is not installed (apt-get install wrk)")
def test_wrk_loads_policykg_serve(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    kg = "https://w3id.org/policykg/def#"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(
            ox.NamedNode(f"https://w3id.org/policykg/id/e{i}"),
            rdf_type,
            ox.NamedNode(kg + "Enterprise"),
        )
        for i in range(30)
    ]
    ox.serialize(triples, str(graph), ox.RdfFormat.TURTLE)
    with policykg_endpoint(graph) as endpoint:
        run = functools.partial(wrk_load, endpoint.url, SIMPLE_QUERY, connections=2, seconds=1)
        result, server_ms, client_ms = measure(endpoint, run, wrk_cpu_seconds)
    assert result.errors == 0 and result.requests > 0
    assert server_ms is not None and server_ms > 0 and client_ms is not None


def _row(endpoint: str, workload: str, tool: str, requests: int) -> LoadRow:
    result = LoadResult(requests=requests, errors=0, seconds=1.0, p50_ms=1.0, p99_ms=2.0)
    return LoadRow(endpoint, workload, tool, "4 × 1 s", result, 0.5, None)


def test_summary_gives_the_ratios_from_the_rows() -> None:
    rows = [
        _row("policykg serve", "simple", "wrk", 1500),
        _row("policykg serve", "simple", "Python", 600),
        _row("policykg serve", "saved queries", "Python", 200),
        _row("rdflib baseline", "saved queries", "Python", 4),
    ]
    lines = summary(rows)
    assert "**50.0×**" in lines[0] and "2.50×" in lines[1]
    assert rows[0].markdown() == (
        "| policykg serve | simple | wrk, 4 × 1 s | 1,500 | 1.0 | 2.0 | 0 | 0.50 | n/a |"
    )


def test_summary_says_when_wrk_was_missing() -> None:
    rows = [
        _row("policykg serve", "saved queries", "Python", 200),
        _row("rdflib baseline", "saved queries", "Python", 0),
    ]
    lines = summary(rows)
    assert "wrk is not on PATH" in lines[1] and "completed none" in lines[0]
