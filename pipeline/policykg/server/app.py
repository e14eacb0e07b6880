"""Start and stop the server: on-disk snapshot, worker pool, Starlette app on uvicorn."""

from __future__ import annotations

import errno
import logging
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType

import uvicorn

from policykg.server.config import ServerConfig, ServerConfigError
from policykg.server.pool import WorkerPool
from policykg.server.routes import ServerState, make_app
from policykg.server.transport import protocol_with_head_timeout
from policykg.sparql.store import copy_graph_file

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 1000  # uvicorn answers 503 beyond this many open connections and tasks


@dataclass
class RunningServer:
    """A started server: its URL, and how to stop it (also a context manager)."""

    server: uvicorn.Server
    sock: socket.socket
    pool: WorkerPool
    config: ServerConfig
    workdir: Path
    thread: threading.Thread | None = None
    stopped: bool = field(default=False)

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://{self.config.host}:{self.port}"

    def serve(self) -> None:
        """Serve until asked to stop (Ctrl-C or SIGTERM when on the main thread)."""
        self.server.run(sockets=[self.sock])

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(10)
        self.sock.close()
        self.pool.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def bind(config: ServerConfig) -> socket.socket:
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY on accepted connections only when
    # the socket says it is TCP, and without it every keep-alive reply (headers and body are
    # two writes) stalled 40 ms on the peer's delayed ACK (measured: 44 ms per request).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((config.host, config.port))
    except OSError as exc:
        sock.close()
        where = f"{config.host}:{config.port}"
        if exc.errno == errno.EADDRINUSE:
            raise ServerConfigError(
                f"{where} is already in use: pick another port with --port N "
                "(--port 0 picks a free one)"
            ) from exc
        raise ServerConfigError(f"cannot listen on {where}: {exc}") from exc
    sock.listen(128)
    sock.setblocking(False)
    return sock


def uvicorn_server(config: ServerConfig, state: ServerState) -> uvicorn.Server:
    settings = uvicorn.Config(
        make_app(state),
        http=protocol_with_head_timeout(config.header_timeout_s),
        loop="auto",  # uvloop when installed
        lifespan="off",
        access_log=False,
        log_config=None,
        proxy_headers=False,  # the client address is the peer's, never a header's
        server_header=False,
        timeout_keep_alive=config.keep_alive_s,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=5,
    )
    return uvicorn.Server(settings)


def prepare_server(config: ServerConfig) -> RunningServer:
    """Copy the graph file aside, start the workers (each loads it), bind the port."""
    config.check()
    workdir = Path(tempfile.mkdtemp(prefix="policykg-serve-"))
    pool: WorkerPool | None = None
    try:
        snapshot = copy_graph_file(config.graph, workdir)
        pool = WorkerPool(
            snapshot,
            config.workers,
            workdir,
            per_client=config.per_client,
            queue_limit=config.queue_limit,
        )
        pool.start()
        sock = bind(config)
        server = uvicorn_server(config, ServerState.create(config, pool))
    except BaseException:
        if pool is not None:
            pool.close()
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return RunningServer(server, sock, pool, config, workdir)


def start_in_background(config: ServerConfig) -> RunningServer:
    """Start the server on a daemon thread (for tests and embedding); call ``stop()`` after."""
    running = prepare_server(config)
    running.thread = threading.Thread(target=running.serve, name="policykg-http", daemon=True)
    running.thread.start()
    deadline = time.monotonic() + 30
    while not running.server.started and running.thread.is_alive():
        if time.monotonic() > deadline:
            running.stop()
            raise ServerConfigError("the HTTP server did not start within 30 s")
        time.sleep(0.01)
    return running


def serve_until_interrupted(config: ServerConfig, on_ready: Callable[[str], None]) -> None:
    """Serve in the foreground until Ctrl-C or SIGTERM; both stop the workers and clean up."""
    if threading.current_thread() is threading.main_thread():
        # uvicorn stops gracefully on either signal, then raises it again: let both end here.
        signal.signal(signal.SIGTERM, _interrupt)
    with prepare_server(config) as running:
        on_ready(running.url)
        try:
            running.serve()
        except KeyboardInterrupt:
            log.info("stopping")


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
