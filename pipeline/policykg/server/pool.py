"""A pool of query worker processes with a time limit enforced from outside the engine.

Each worker loads the graph snapshot into its own in-memory store (measured 4-8x faster per
query than a shared read-only on-disk store). A query that overruns is not asked to stop: its
worker is killed and a fresh one takes its place in the background, while the other workers go
on answering. Updates (when enabled) run alone: the pool drains its workers, a writer process
applies the update to the snapshot and writes a new one, and fresh workers load it.
"""

from __future__ import annotations

import logging
import math
import multiprocessing as mp
import queue
import select
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.server.worker import (
    QueryJob,
    WorkerReply,
    error_reply,
    job_to_wire,
    reply_from_wire,
    update_main,
    worker_main,
)

log = logging.getLogger(__name__)


class QueryTimeoutError(Exception):
    """The query ran past its time limit; its worker was killed."""


class WorkerStartError(PolicyKGError):
    """A worker process died before it could open the store."""


class PoolBusyError(Exception):
    """No worker became free within the waiting time."""


_START_LOCK = threading.Lock()


@contextmanager
def main_script_hidden() -> Iterator[None]:
    """Start a child without making it re-run the parent's ``__main__`` script.

    Workers need only ``policykg.server.worker``; re-running the ``policykg`` console script
    in each child imports the whole CLI (spaCy included) and made start-up ~10x slower.
    """
    with _START_LOCK:
        main = sys.modules.get("__main__")
        path = getattr(main, "__file__", None)
        if main is None or path is None:
            yield
            return
        del main.__file__
        try:
            yield
        finally:
            main.__file__ = path


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx: BaseContext, snapshot: Path) -> None:
        parent_end, child_end = ctx.Pipe()  # type: ignore[attr-defined]
        self.conn: Connection = parent_end
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(str(snapshot), child_end), daemon=True
        )
        with main_script_hidden():
            self.process.start()
        child_end.close()
        # One poll object per worker, made once: Connection.poll builds a selector per call.
        self._poller = select.poll()
        self._poller.register(self.conn.fileno(), select.POLLIN)

    def answered_within(self, timeout_s: float) -> bool:
        """True once the worker's reply (or its end of the pipe closing) can be read."""
        return bool(self._poller.poll(max(0, math.ceil(timeout_s * 1000))))

    def wait_ready(self, timeout_s: float) -> str | None:
        """None once the worker has loaded the graph, else why it did not."""
        try:
            if not self.conn.poll(timeout_s):
                return f"no answer within {timeout_s:g} s"
            message = self.conn.recv()
        except (EOFError, OSError):
            message = "the worker process died while loading the graph"
        return None if message == "ready" else str(message)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def default_context() -> BaseContext:
    """Workers are forked from a clean fork server (the HTTP server itself runs threads)."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["policykg.server.worker"])
    return ctx


class WorkerPool:
    """``size`` workers over the graph snapshot; updates write new snapshots into ``workdir``."""

    def __init__(
        self, snapshot: Path, size: int, workdir: Path, *, start_timeout_s: float = 120.0
    ) -> None:
        self.snapshot = snapshot
        self.workdir = workdir
        self._updates = 0
        self.size = size
        self.start_timeout_s = start_timeout_s
        self._ctx = default_context()
        # SimpleQueue (C) rather than Queue (Python locks + Condition): one put and one get
        # per request, measured on the server's per-request path.
        self._idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start every worker and wait until each has opened the store."""
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            self._admit(worker)

    def _spawn(self) -> Worker:
        worker = Worker(self._ctx, self.snapshot)
        with self._lock:
            self._all.add(worker)
        return worker

    def _admit(self, worker: Worker) -> None:
        problem = worker.wait_ready(self.start_timeout_s)
        if problem is not None:
            self._discard(worker)
            raise WorkerStartError(f"a query worker could not start: {problem}")
        self._idle.put(worker)

    def _discard(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def _replace_later(self, worker: Worker) -> None:
        self._discard(worker)
        if self._closed:
            return

        def refill() -> None:
            try:
                self._admit(self._spawn())
            except (WorkerStartError, OSError) as exc:
                log.error("could not restart a query worker: %s", exc)

        threading.Thread(target=refill, name="worker-refill", daemon=True).start()

    def run(self, job: QueryJob, *, timeout_s: float, wait_s: float) -> WorkerReply:
        """Answer ``job`` on a free worker; kill it if it takes longer than ``timeout_s``."""
        try:
            worker = self._idle.get(timeout=wait_s)
        except queue.Empty as exc:
            raise PoolBusyError(
                f"all {self.size} query workers stayed busy for {wait_s:g} s"
            ) from exc
        try:
            worker.conn.send_bytes(job_to_wire(job))
            if worker.answered_within(timeout_s):
                reply = reply_from_wire(worker.conn.recv_bytes())
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as exc:
            log.error("a query worker died: %s", exc)
            self._replace_later(worker)
            return error_reply(500, "the query worker died while answering; it was restarted")
        log.warning("query exceeded %g s; killing its worker", timeout_s)
        self._replace_later(worker)
        raise QueryTimeoutError(f"query cancelled after the {timeout_s:g} s time limit")

    def run_update(self, text: str, *, timeout_s: float, wait_s: float) -> WorkerReply:
        """Apply an update with every query worker stopped, then restart them."""
        drained: list[Worker] = []
        try:
            for _ in range(self.size):
                drained.append(self._idle.get(timeout=wait_s))
        except queue.Empty as exc:
            for worker in drained:
                self._idle.put(worker)
            raise PoolBusyError("the workers stayed busy; try the update again") from exc
        for worker in drained:
            self._discard(worker)
        try:
            return self._apply_update(text, timeout_s)
        finally:
            self.start()

    def _apply_update(self, text: str, timeout_s: float) -> WorkerReply:
        self._updates += 1
        target = self.workdir / f"snapshot-{self._updates}.nq"
        parent_end, child_end = self._ctx.Pipe()  # type: ignore[attr-defined]
        writer = self._ctx.Process(  # type: ignore[attr-defined]
            target=update_main,
            args=(str(self.snapshot), str(target), child_end, text),
            daemon=True,
        )
        with main_script_hidden():
            writer.start()
        child_end.close()
        try:
            if parent_end.poll(timeout_s):
                reply: WorkerReply = parent_end.recv()
                writer.join(timeout_s)
                if reply.status < 300:
                    self.snapshot = target
                return reply
            raise QueryTimeoutError(f"update cancelled after the {timeout_s:g} s time limit")
        finally:
            if writer.is_alive():
                writer.kill()
                writer.join(5)
            parent_end.close()

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
