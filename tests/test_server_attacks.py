"""The nine reproductions of issue 14, each against a running server on 127.0.0.1.

A listener on another loopback port stands in for an internal service: a refused request must
leave it untouched. Raw sockets send what no well-behaved client would.
"""

from __future__ import annotations

import http.client
import http.server
import logging
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest

from policykg.server.app import RunningServer, start_in_background
from policykg.server.config import ServerConfig

pytestmark = pytest.mark.server

XSD_DOUBLE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")
TOKEN = "s3cret"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


class Listener(http.server.BaseHTTPRequestHandler):
    """An internal service: records every request, serves one N-Triples file."""

    calls: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Listener.calls.append(f"{self.command} {self.path}")
        body = b"<http://x/loaded> <http://x/by> <http://x/load> .\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def write_graph(folder: Path) -> Path:
    subject, predicate = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b")
    quads = [ox.Quad(subject, predicate, ox.Literal("1000", datatype=XSD_DOUBLE))]
    quads += [
        ox.Quad(ox.NamedNode(f"http://x/e{i}"), predicate, ox.Literal(f"企业{i}号", language="zh"))
        for i in range(60)
    ]
    path = folder / "graph.nt"
    ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], str(path))
    return path


def serve(folder: Path, **settings: object) -> RunningServer:
    config = ServerConfig(
        graph=write_graph(folder),
        port=0,
        timeout_s=3.0,
        workers=2,
        max_request_bytes=1_000_000,
        header_timeout_s=1.0,
        **settings,  # type: ignore[arg-type]
    )
    return start_in_background(config)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with serve(tmp_path_factory.mktemp("attacks")) as running:
        yield running


def get(
    server: RunningServer, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def sparql_get(server: RunningServer, query: str) -> tuple[int, bytes]:
    status, _, body = get(server, "/sparql?" + urlencode({"query": query}))
    return status, body


def exchange(server: RunningServer, raw: bytes, *, wait_s: float = 5.0) -> bytes:
    """Send raw bytes on one connection; everything the server sends back until it closes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait_s) as sock:
        sock.sendall(raw)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:
            pass
    return received


def statuses(raw_replies: bytes) -> list[int]:
    return [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", raw_replies)]


# 1 -------------------------------------------------------------------------------------------


def test_1_service_behind_a_quote_is_refused(server: RunningServer, listener: str) -> None:
    before = len(Listener.calls)
    query = (
        f"SELECT ?x WHERE {{ FILTER(1<'x>'||true) SERVICE <{listener}/probe> {{ ?x ?y ?z }} }}#'"
    )
    status, body = sparql_get(server, query)
    assert status == 403 and b"SERVICE" in body
    assert len(Listener.calls) == before, "the engine called the internal service"


def test_1_a_foreign_host_header_is_refused(server: RunningServer) -> None:
    """DNS rebinding: a page on attacker.example resolving to 127.0.0.1 sends its own Host."""
    assert get(server, "/?query=ASK%7B%7D&run=1", {"Host": "attacker.example"})[0] == 400
    assert (
        get(server, "/sparql?query=ASK%7B%7D", {"Host": f"attacker.example:{server.port}"})[0]
        == 400
    )
    assert get(server, "/sparql?query=ASK%7B%7D", {"Host": f"localhost:{server.port}"})[0] == 200


# 2 -------------------------------------------------------------------------------------------


def test_2_service_glued_to_a_number_is_refused(server: RunningServer, listener: str) -> None:
    before = len(Listener.calls)
    status, body = sparql_get(server, f"SELECT * {{ ?s ?p 1e3SERVICE <{listener}/> {{?x ?y ?z}} }}")
    assert status == 400 and b"bad query" in body
    assert len(Listener.calls) == before


# 3 -------------------------------------------------------------------------------------------


def test_3_load_behind_a_quote_is_refused_with_the_token(tmp_path: Path, listener: str) -> None:
    update = (
        "INSERT { <http://x/a> <http://x/b> 1 } WHERE { FILTER(1<'x>'||true) } ; "
        f"LOAD <{listener}/x.nt> #'"
    )
    before = len(Listener.calls)
    with serve(tmp_path, allow_update=True, token=TOKEN) as running:
        conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=30)
        conn.request(
            "POST",
            "/sparql",
            urlencode({"update": update}),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Authorization": f"Bearer {TOKEN}",
            },
        )
        response = conn.getresponse()
        assert response.status == 403 and b"LOAD" in response.read()
        conn.close()
        status, body = sparql_get(running, "ASK { ?s <http://x/by> ?o }")
        assert status == 200 and b"false" in body
    assert len(Listener.calls) == before


# 4 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", ["-1", "-5", "+5", "0x10", "1 2"])
def test_4_a_bad_content_length_is_refused_at_once(
    server: RunningServer, length: str, caplog: pytest.LogCaptureFixture
) -> None:
    head = (
        "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()
    started = time.monotonic()
    replies = exchange(server, head + b"ASK {}" + b" " * 100_000)
    assert statuses(replies)[:1] == [400]
    assert time.monotonic() - started < 3, "the body must not be read until the client closes"
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


# 5 -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_5_a_pathological_string_does_not_pin_the_server(server: RunningServer) -> None:
    """40 KB of escaped quotes took the old lexer 8-11 s in the HTTP process; four at once."""
    plain = "'''" + "\\'" * 20_000  # the body: an unterminated long string
    with_service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p " + plain
    with ThreadPoolExecutor(max_workers=5) as pool:
        heavy = [pool.submit(sparql_post, server, text) for text in (plain, with_service) * 2]
        time.sleep(0.2)
        started = time.monotonic()
        status, _ = sparql_get(server, "ASK { ?s ?p ?o }")
        quick = time.monotonic() - started
        answers = [future.result(timeout=30) for future in heavy]
    assert status == 200 and quick < 5
    assert all(status in (200, 400, 403, 503) for status, _ in answers)
    assert all(elapsed < 10 for _, elapsed in answers)


def sparql_post(server: RunningServer, text: str) -> tuple[int, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query"})
        response = conn.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    finally:
        conn.close()


# 6 -------------------------------------------------------------------------------------------


def test_6_a_chunked_body_is_never_read_as_the_next_request(server: RunningServer) -> None:
    smuggled = b"GET /smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    body = b"query=ASK%7B%7D&x=" + quote(smuggled).encode()
    chunked = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
        + f"{len(body):x}\r\n".encode()
        + body
        + b"\r\n0\r\n\r\n"
        + b"GET /queries.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    replies = exchange(server, chunked)
    assert statuses(replies) == [200, 200]
    assert b"smuggled" not in replies


def test_6_raw_smuggling_shapes_are_refused(server: RunningServer) -> None:
    head = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
    two_lengths = head + b"Content-Length: 6\r\nContent-Length: 40\r\n\r\nASK {}"
    both = head + b"Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n"
    same_twice = head + b"Content-Length: 6\r\nContent-Length: 6\r\n\r\nASK {}"
    for raw in (two_lengths, both, same_twice):
        assert statuses(exchange(server, raw + b"GET /smuggled HTTP/1.1\r\n\r\n"))[:1] == [400]


def test_6_a_chunked_body_over_the_limit_gets_413(server: RunningServer) -> None:
    chunk = b"x" * 100_000
    raw = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/sparql-query\r\n\r\n"
        + (f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n") * 11
        + b"0\r\n\r\n"
    )
    replies = exchange(server, raw)
    assert statuses(replies) == [413] and b"limit" in replies


# 7 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/index.html", "/static/index.html", "/viz/overview"])
def test_7_every_html_reply_carries_the_policy(server: RunningServer, path: str) -> None:
    status, headers, _ = get(server, path)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


# 8 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000,
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20_000) + " }",
    ],
)
def test_8_over_deep_queries_get_400_and_no_worker_dies(server: RunningServer, query: str) -> None:
    pids = {worker.process.pid for worker in server.pool._all}
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    response = conn.getresponse()
    status, body = response.status, response.read()
    conn.close()
    assert status == 400 and b"brackets" in body
    assert {worker.process.pid for worker in server.pool._all} == pids


def test_8_views_run_in_the_workers_under_the_same_limits(tmp_path: Path) -> None:
    """One request per client: while a runaway holds its turn, a view from the same client is
    turned away, so views go through the same workers, and the runaway is cut at --timeout."""
    with serve(tmp_path, per_client=1) as running, ThreadPoolExecutor(max_workers=1) as pool:
        runaway = pool.submit(sparql_get, running, RUNAWAY)
        time.sleep(0.5)
        status, _, body = get(running, "/viz/overview")
        assert status == 429 and b"too many requests" in body
        status, body = runaway.result(timeout=30)
        assert status == 503 and b"time limit" in body
        assert get(running, "/viz/overview")[0] == 200
        assert not hasattr(running.server.config.app, "store")


def test_a_reply_larger_than_a_pipe_read_arrives_whole(server: RunningServer) -> None:
    """~0.5 MB of CSV from a cross product: the reply crosses the worker's pipe in many reads."""
    status, _, body = get(
        server,
        "/sparql?" + urlencode({"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"}),
        {"Accept": "text/csv"},
    )
    assert status == 200 and len(body) > 256_000
    assert len(body.decode().splitlines()) == 61 * 61 + 1


def test_keep_alive_replies_do_not_wait_for_a_delayed_ack(server: RunningServer) -> None:
    """Headers and body leave in two writes: without TCP_NODELAY each reply on a kept-alive
    connection waited ~40 ms for the client's delayed ACK (30 requests took 1.3 s)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    started = time.monotonic()
    for _ in range(30):
        conn.request("GET", "/queries.json")
        response = conn.getresponse()
        assert response.status == 200 and response.read()
    elapsed = time.monotonic() - started
    conn.close()
    assert elapsed < 0.6, f"30 keep-alive requests took {elapsed:.2f} s"


# 9 -------------------------------------------------------------------------------------------


def test_9_client_resets_leave_no_traceback(
    server: RunningServer, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.INFO)
    linger_reset = struct.pack("ii", 1, 0)
    requests = [
        b"GET /sparql?query=" + quote(RUNAWAY).encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /static/vendor/yasgui.min.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 12",
        b"",
    ]
    for index in range(40):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger_reset)
        sock.sendall(requests[index % len(requests)])
        time.sleep(0.01)
        sock.close()  # with linger 0: a TCP reset
    time.sleep(4)  # the runaways reach their time limit
    assert sparql_get(server, "ASK { ?s ?p ?o }")[0] == 200
    problems = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not problems, [r.getMessage() for r in problems]
    assert "Traceback" not in capfd.readouterr().err


def test_a_slow_request_head_is_cut_off(server: RunningServer) -> None:
    """Slowloris: one header byte at a time keeps no connection past the head deadline (1 s)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        started = time.monotonic()
        sock.sendall(b"GET / HTTP/1.1\r\n")
        closed = False
        for _ in range(20):
            try:
                sock.sendall(b"X")
                time.sleep(0.2)
            except OSError:
                closed = True
                break
        assert closed and time.monotonic() - started < 3
