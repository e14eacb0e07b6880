"""Start and stop the server: on-disk store copy, worker pool, threaded HTTP front."""

from __future__ import annotations

import json
import logging
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import FrameType, TracebackType

import pyoxigraph as ox

from policykg.server.config import ServerConfig, ServerConfigError
from policykg.server.http import Handler
from policykg.server.pool import WorkerPool
from policykg.server.worker import WorkerReply, error_reply
from policykg.sparql.saved import load_saved_queries
from policykg.sparql.store import copy_graph_file, load_memory_store
from policykg.views import UnknownViewError, ViewError, list_views, render_view

log = logging.getLogger(__name__)


class PolicyKGHTTPServer(ThreadingHTTPServer):
    """The HTTP server, holding what every request needs."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        self.config = config
        self.pool = pool
        self._saved_json = json.dumps(
            [q.as_json() for q in load_saved_queries(config.queries_dir)], ensure_ascii=False
        ).encode()
        self._view_store: ox.Store | None = None
        self._view_source: Path | None = None
        self._view_lock = threading.Lock()
        super().__init__((config.host, config.port), Handler)

    def saved_queries_reply(self) -> WorkerReply:
        return WorkerReply(200, "application/json; charset=utf-8", self._saved_json)

    def views_reply(self) -> WorkerReply:
        """The network views the query page links to (names, titles, descriptions)."""
        views = [
            {"name": v.name, "title": v.title, "description": v.description} for v in list_views()
        ]
        return WorkerReply(200, "application/json; charset=utf-8", json.dumps(views).encode())

    def render_viz(self, name: str, params: dict[str, list[str]]) -> WorkerReply:
        """A network or document view of the served graph, from the views layer."""
        with self._view_lock:
            if self._view_store is None or self._view_source != self.pool.snapshot:
                self._view_store = load_memory_store(self.pool.snapshot)
                self._view_source = self.pool.snapshot
            try:
                html = render_view(self._view_store, name, params)
            except UnknownViewError as exc:
                return error_reply(404, str(exc))
            except ViewError as exc:
                return error_reply(400, str(exc))
        return WorkerReply(200, "text/html; charset=utf-8", html.encode())


@dataclass
class RunningServer:
    """A started server: its URL, and how to stop it (also a context manager)."""

    httpd: PolicyKGHTTPServer
    pool: WorkerPool
    workdir: Path
    thread: threading.Thread | None = None
    stopped: bool = field(default=False)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.httpd.config.host}:{self.port}"

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        if self.thread is not None:
            self.httpd.shutdown()
            self.thread.join(10)
        self.httpd.server_close()
        self.pool.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def bind_server(config: ServerConfig, pool: WorkerPool) -> PolicyKGHTTPServer:
    try:
        return PolicyKGHTTPServer(config, pool)
    except OSError as exc:
        raise ServerConfigError(f"cannot listen on {config.host}:{config.port}: {exc}") from exc


def prepare_server(config: ServerConfig) -> RunningServer:
    """Copy the graph file aside, start the workers (each loads it), bind the port."""
    config.check()
    workdir = Path(tempfile.mkdtemp(prefix="policykg-serve-"))
    pool: WorkerPool | None = None
    try:
        snapshot = copy_graph_file(config.graph, workdir)
        pool = WorkerPool(snapshot, config.workers, workdir)
        pool.start()
        httpd = bind_server(config, pool)
    except BaseException:
        if pool is not None:
            pool.close()
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return RunningServer(httpd, pool, workdir)


def start_in_background(config: ServerConfig) -> RunningServer:
    """Start the server on a daemon thread (for tests and embedding); call ``stop()`` after."""
    server = prepare_server(config)
    server.thread = threading.Thread(target=server.httpd.serve_forever, name="policykg-http")
    server.thread.daemon = True
    server.thread.start()
    return server


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve_until_interrupted(config: ServerConfig, on_ready: Callable[[str], None]) -> None:
    """Serve in the foreground until Ctrl-C or SIGTERM; both stop the workers and clean up."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    with prepare_server(config) as server:
        on_ready(server.url)
        try:
            server.httpd.serve_forever()
        except KeyboardInterrupt:
            log.info("stopping")
