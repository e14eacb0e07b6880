"""The GET /sparql fast path answers as the full Starlette stack would; one write per reply."""

from __future__ import annotations

import asyncio
import http.client
import socket
from collections.abc import Iterator
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from starlette.types import Message

from policykg.server.app import RunningServer, start_in_background
from policykg.server.config import ServerConfig
from policykg.server.fastpath import reply_headers, simple_query
from policykg.server.headers import SecurityHeaders
from policykg.server.routes import as_response
from policykg.server.transport import HeadWithBody
from policykg.server.worker import WorkerReply, error_reply

pytestmark = pytest.mark.server

QUERY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"


def full_stack_headers(reply: WorkerReply) -> list[tuple[bytes, bytes]]:
    """The raw headers the Starlette route sends for ``reply`` (through SecurityHeaders)."""
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    app = SecurityHeaders(as_response(reply))
    asyncio.run(app({"type": "http", "method": "GET"}, receive, send))
    return [tuple(h) for h in sent[0]["headers"]]  # type: ignore[misc]


@pytest.mark.parametrize(
    "reply",
    [
        WorkerReply(200, "application/sparql-results+json; charset=utf-8", b'{"a": 1}'),
        WorkerReply(200, "application/sparql-results+xml", b"<sparql/>"),
        WorkerReply(200, "text/csv; charset=utf-8", b"s\r\n", {"X-PolicyKG-Truncated": "100"}),
        WorkerReply(200, "text/html; charset=utf-8", b"<p>", {"Content-Security-Policy": "x"}),
        WorkerReply(200, "text/html; charset=utf-8", b"<p>"),
        WorkerReply(204, "text/plain", b""),
        error_reply(400, "bad query"),
        error_reply(406, "cannot answer"),
        error_reply(500, "query failed"),
        error_reply(503, "worker died"),
    ],
)
def test_reply_headers_are_the_full_stacks(reply: WorkerReply) -> None:
    assert reply_headers(reply) == full_stack_headers(reply)
    assert reply_headers(reply) == full_stack_headers(reply)  # and again, from the template


def test_only_plain_query_strings_take_the_fast_path() -> None:
    plain = urlencode({"query": QUERY, "format": "csv", "default-graph-uri": "http://g/"})
    assert simple_query(plain.encode()) == (QUERY, ("csv",), ("http://g/",), ())
    both = urlencode([("format", "json"), ("output", "csv"), ("query", QUERY)])
    assert simple_query(both.encode()) == (QUERY, ("json", "csv"), (), ())
    for left_to_the_full_stack in (
        "",
        "query=",
        "query=%20%20",
        urlencode([("query", QUERY), ("query", QUERY)]),
        urlencode({"query": QUERY, "update": "CLEAR ALL"}),
        urlencode({"update": "CLEAR ALL"}),
    ):
        assert simple_query(left_to_the_full_stack.encode()) is None


class Recorder:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name: str) -> str:
        return name


def test_head_and_body_go_out_in_one_write() -> None:
    inner = Recorder()
    transport = HeadWithBody(inner)  # type: ignore[arg-type]
    transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
    assert inner.writes == []
    transport.write(b"ok")
    transport.write(b"HTTP/1.1 200 later body bytes")
    assert inner.writes == [
        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok",
        b"HTTP/1.1 200 later body bytes",
    ]


def test_interim_replies_are_not_held_and_closing_sends_the_head() -> None:
    inner = Recorder()
    transport = HeadWithBody(inner)  # type: ignore[arg-type]
    transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
    assert inner.writes == [b"HTTP/1.1 100 Continue\r\n\r\n"]
    held = HeadWithBody(inner2 := Recorder())  # type: ignore[arg-type]
    held.write(b"HTTP/1.1 500 Internal Server Error\r\n\r\n")
    held.close()
    assert inner2.writes == [b"HTTP/1.1 500 Internal Server Error\r\n\r\n"] and inner2.closed
    other = HeadWithBody(inner3 := Recorder())  # type: ignore[arg-type]
    other.write(b"HTTP/1.1 200 OK\r\n\r\n")
    assert other.get_extra_info("peername") == "peername"  # any other use sends the head first
    assert inner3.writes == [b"HTTP/1.1 200 OK\r\n\r\n"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("fast")
    path = folder / "graph.nt"
    triples = [
        ox.Triple(ox.NamedNode(f"http://x/e{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i)))
        for i in range(20)
    ]
    ox.serialize(triples, str(path))
    config = ServerConfig(graph=path, port=0, timeout_s=3.0, workers=1, max_results=5)
    with start_in_background(config) as running:
        yield running


def request(
    server: RunningServer, method: str, path: str, body: str | None = None, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        found = {k.lower(): v for k, v in response.getheaders() if k.lower() != "date"}
        return response.status, found, response.read()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "params",
    [
        {"query": QUERY},
        {"query": QUERY, "format": "csv"},
        {"query": "SELECT * WHERE { ?s ?p ?o }"},  # truncated: X-PolicyKG-Truncated
        {"query": "SELECT ?s WHERE { ?s ?p }"},  # 400
        {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"},  # 403
        {"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "format": "nonsense"},
    ],
)
def test_a_get_is_answered_as_the_same_query_by_post(
    server: RunningServer, params: dict[str, str]
) -> None:
    fast = request(server, "GET", "/sparql?" + urlencode(params), Accept="text/csv")
    full = request(
        server,
        "POST",
        "/sparql",
        urlencode(params),
        Accept="text/csv",
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert fast == full


def test_the_host_check_and_plain_errors_still_apply(server: RunningServer) -> None:
    path = "/sparql?" + urlencode({"query": QUERY})
    assert request(server, "GET", path, Host="evil.example")[0] == 400
    assert request(server, "GET", path, Host="evil.example")[2] == b"Invalid host header"
    assert request(server, "GET", path, Host=f"localhost:{server.port}")[0] == 200
    assert request(server, "GET", "/sparql?query=")[0] == 400
    twice = "/sparql?" + urlencode([("query", QUERY), ("query", QUERY)])
    assert request(server, "GET", twice)[0] == 400


def test_head_replies_are_not_held_on_a_kept_alive_connection(server: RunningServer) -> None:
    path = "/sparql?" + urlencode({"query": QUERY})
    raw = f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(raw)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200 OK")
        sock.sendall(raw.replace(b"HEAD", b"GET", 1))
        reply = b""
        while b"</sparql>" not in reply and b"}}" not in reply:
            chunk = sock.recv(65536)
            assert chunk
            reply += chunk
        assert reply.startswith(b"HTTP/1.1 200 OK")
