"""Server throughput and latency on loopback: endpoints under test and a Python load client.

Compares ``policykg serve`` with a plain rdflib-based endpoint (the baseline the issue names:
rdflib's own SPARQL engine behind a threaded HTTP server), on the same graph, in the same run.
Every load is bounded: a fixed number of requests per client and a wall-clock cap. The Python
client keeps its connections alive (as ``wrk``, the C load generator in ``wrk_load``, does);
``process_tree_cpu_seconds`` tells what the server's processes spent during a load.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from policykg.bench.timing import policykg_command

_RDFLIB_ENDPOINT = r"""
import sys, json, threading, urllib.parse
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from rdflib import Graph
graph = Graph().parse(sys.argv[1], format="turtle")
lock = threading.Lock()  # rdflib's query parser is not thread-safe: one query at a time
class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query).get("query", [""])[0]
        try:
            with lock:
                body = graph.query(query).serialize(format="json")
            self.send_response(200)
        except Exception as exc:
            body = str(exc).encode()
            self.send_response(400)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler).serve_forever()
"""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a bounded load measured."""

    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, *, timeout: float = 120.0) -> None:
    """Poll ``url`` until it answers (any HTTP status), or raise after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not come up within {timeout:.0f} s")


@contextmanager
def running(cmd: list[str], probe: str) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server process, wait for it, and always stop it."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(probe)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A running server under test: its /sparql URL and its process id."""

    url: str
    pid: int


@contextmanager
def rdflib_endpoint(graph_path: Path) -> Iterator[Endpoint]:
    """The baseline endpoint on a free loopback port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql"
    ask = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    cmd = [sys.executable, "-c", _RDFLIB_ENDPOINT, str(graph_path), str(port)]
    with running(cmd, ask) as proc:
        yield Endpoint(url, proc.pid)


@contextmanager
def policykg_endpoint(graph_path: Path) -> Iterator[Endpoint]:
    """``policykg serve --graph`` on a free loopback port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql"
    ask = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    command = [*policykg_command(), "serve", "--graph", str(graph_path), "--port", str(port)]
    with running(command, ask) as proc:
        yield Endpoint(url, proc.pid)


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server of the ``oxigraph`` PyPI package (a dev dependency), if installed."""
    beside = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    return beside or shutil.which("oxigraph")


@contextmanager
def oxigraph_endpoint(graph_path: Path) -> Iterator[Endpoint]:
    """Stock ``oxigraph serve-read-only`` over the same graph, loaded into a temporary store."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("the oxigraph server is not installed (pip install oxigraph)")
    with tempfile.TemporaryDirectory(prefix="policykg-oxigraph-") as location:
        load = [binary, "load", "--location", location, "--file", str(graph_path)]
        subprocess.run(load, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = free_port()
        url = f"http://127.0.0.1:{port}/query"
        ask = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        command = [binary, "serve-read-only", "--location", location, "--bind", f"127.0.0.1:{port}"]
        with running(command, ask) as proc:
            yield Endpoint(url, proc.pid)


def process_tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by ``pid`` and its live descendants.

    Read from Linux ``/proc`` (None elsewhere): the server's front process, its fork server
    and its query workers together, so a load's server-side cost can be told from the client's.
    """
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # the process ended while we looked
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        used[child] = (int(fields[11]) + int(fields[12])) / tick
    tree = {pid}
    grew = True
    while grew:
        found = {child for child, parent in parents.items() if parent in tree}
        grew = not found <= tree
        tree |= found
    return sum(used.get(member, 0.0) for member in tree)


def _client(
    url: str, queries: list[str], count: int, cap: float, out: list[float], errors: list[int]
) -> None:
    """One keep-alive client (it reconnects when a server closes the connection)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    deadline = time.monotonic() + cap
    try:
        for index in range(count):
            if time.monotonic() > deadline:
                break
            path = (
                parts.path + "?" + urllib.parse.urlencode({"query": queries[index % len(queries)]})
            )
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    raise ValueError(f"HTTP {response.status}")
                json.loads(body)
                out.append(time.perf_counter() - start)
            except (OSError, ValueError, http.client.HTTPException):
                errors.append(1)
                conn.close()
    finally:
        conn.close()


def load(
    url: str, queries: list[str], *, clients: int = 4, per_client: int = 250, cap: float = 60.0
) -> LoadResult:
    """Run ``clients`` threads of ``per_client`` requests each (at most ``cap`` seconds)."""
    latencies: list[float] = []
    errors: list[int] = []
    threads = [
        threading.Thread(target=_client, args=(url, queries, per_client, cap, latencies, errors))
        for _ in range(clients)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    ordered = sorted(latencies) or [float("nan")]
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return LoadResult(
        len(latencies), len(errors), seconds, statistics.median(ordered) * 1000, p99 * 1000
    )
