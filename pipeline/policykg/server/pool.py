"""Query worker processes behind the event loop, with a time limit enforced from outside the engine.

Each worker loads the graph snapshot into its own in-memory store and answers queries and view
pages. The event loop never blocks on a worker: it waits for the worker's pipe to become
readable. A job that overruns is not asked to stop: its worker is killed and a fresh one is
started in the background while the others go on answering. A worker found dead is replaced the
same way. Updates (when enabled) run in a writer process that writes a new snapshot; every
worker is then replaced by one that loads it.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import threading
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.server.limits import Dispatcher
from policykg.server.procs import default_context, main_script_hidden
from policykg.server.worker import Job, WorkerReply, error_reply, job_to_wire, reply_from_wire
from policykg.server.writer import apply_update

log = logging.getLogger(__name__)

WORKER_DIED = (
    "the query worker died while answering (the query may be too large or too deep for the "
    "engine); it was restarted"
)


class QueryTimeoutError(Exception):
    """The query ran past its time limit; its worker was killed."""


class WorkerStartError(PolicyKGError):
    """A worker process died before it could open the store."""


class Worker:
    """One worker process, the parent's end of its pipe, and the snapshot it loaded."""

    def __init__(self, ctx: BaseContext, snapshot: Path) -> None:
        from policykg.server.worker import worker_main

        parent_end, child_end = ctx.Pipe()  # type: ignore[attr-defined]
        self.conn: Connection = parent_end
        self.snapshot = snapshot
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(str(snapshot), child_end), daemon=True
        )
        with main_script_hidden():
            self.process.start()
        child_end.close()
        self._blocking_flags: int | None = None

    def wait_ready(self, timeout_s: float) -> str | None:
        """None once the worker has loaded the graph, else why it did not."""
        try:
            if not self.conn.poll(timeout_s):
                return f"no answer within {timeout_s:g} s"
            message = self.conn.recv()
        except (EOFError, OSError):
            message = "the worker process died while loading the graph"
        return None if message == "ready" else str(message)

    async def readable(self, timeout_s: float) -> None:
        """Return once the reply (or the end of the pipe) can be read; TimeoutError after."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, _set_done, ready)
        # A timer on the future rather than ``asyncio.timeout``: the same deadline, without a
        # context manager and the task's cancel/uncancel bookkeeping on every request.
        timer = loop.call_later(timeout_s, _set_timed_out, ready)
        try:
            await ready
        finally:
            timer.cancel()
            loop.remove_reader(fd)
            # uvloop's add_reader leaves the pipe non-blocking, and a reply larger than one
            # read then failed: put the flags back (one fcntl; they were read once).
            if self._blocking_flags is None:
                self._blocking_flags = fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK
            fcntl.fcntl(fd, fcntl.F_SETFL, self._blocking_flags)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def _set_done(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _set_timed_out(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_exception(TimeoutError())


class WorkerPool:
    """``size`` workers over the graph snapshot; updates write new snapshots into ``workdir``."""

    def __init__(
        self,
        snapshot: Path,
        size: int,
        workdir: Path,
        *,
        per_client: int = 16,
        queue_limit: int = 64,
        start_timeout_s: float = 120.0,
    ) -> None:
        self.snapshot = snapshot
        self.workdir = workdir
        self.size = size
        self.start_timeout_s = start_timeout_s
        self.dispatcher: Dispatcher[Worker] = Dispatcher(per_client, queue_limit)
        self._ctx = default_context()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._refills: set[asyncio.Task[None]] = set()
        self._update_lock = asyncio.Lock()
        self._updates = 0
        self._closed = False

    def start(self) -> None:
        """Start every worker and wait until each has loaded the graph (before serving)."""
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            self.dispatcher.add(self._admitted(worker))

    def _spawn(self) -> Worker:
        worker = Worker(self._ctx, self.snapshot)
        with self._lock:
            self._all.add(worker)
        return worker

    def _admitted(self, worker: Worker) -> Worker:
        problem = worker.wait_ready(self.start_timeout_s)
        if problem is not None:
            self._discard(worker)
            raise WorkerStartError(f"a query worker could not start: {problem}")
        return worker

    def _discard(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def _fresh_worker(self, old: Worker | None) -> Worker:
        if old is not None:
            self._discard(old)
        return self._admitted(self._spawn())

    def replace(self, worker: Worker | None) -> None:
        """Kill ``worker`` (if any) and start another in the background."""
        if self._closed:
            if worker is not None:
                self._discard(worker)
            return
        task = asyncio.get_running_loop().create_task(self._refill(worker))
        self._refills.add(task)
        task.add_done_callback(self._refills.discard)

    async def _refill(self, old: Worker | None) -> None:
        try:
            worker = await asyncio.to_thread(self._fresh_worker, old)
        except (WorkerStartError, OSError) as exc:
            log.error("could not restart a query worker: %s", exc)
            return
        if self._closed:
            self._discard(worker)
        else:
            self.dispatcher.add(worker)

    async def run(self, job: Job, *, client: str, timeout_s: float, wait_s: float) -> WorkerReply:
        """Answer ``job`` on a free worker; kill it if it takes longer than ``timeout_s``."""
        async with self.dispatcher.turn(client, wait_s) as worker:
            return await self._ask(worker, job, timeout_s)

    async def _ask(self, worker: Worker, job: Job, timeout_s: float) -> WorkerReply:
        try:
            worker.conn.send_bytes(job_to_wire(job))
            await worker.readable(timeout_s)
            reply = reply_from_wire(worker.conn.recv_bytes())
        except TimeoutError:
            log.warning("query exceeded %g s; killing its worker", timeout_s)
            self.replace(worker)
            raise QueryTimeoutError(
                f"query cancelled after the {timeout_s:g} s time limit"
            ) from None
        except (EOFError, OSError) as exc:
            log.warning("a query worker died: %s", exc or type(exc).__name__)
            self.replace(worker)
            return error_reply(503, WORKER_DIED)
        except BaseException:  # the request was cancelled: the worker's reply is unread
            self.replace(worker)
            raise
        if worker.snapshot is not self.snapshot and worker.snapshot != self.snapshot:
            self.replace(worker)  # an update came in meanwhile: this one holds the old graph
        else:
            self.dispatcher.add(worker)
        return reply

    async def run_update(self, text: str, *, timeout_s: float) -> WorkerReply:
        """Apply an update in a writer process; then every worker is replaced by a fresh one."""
        async with self._update_lock:
            self._updates += 1
            target = self.workdir / f"snapshot-{self._updates}.nq"
            reply = await asyncio.to_thread(
                apply_update, self._ctx, self.snapshot, target, text, timeout_s
            )
            if reply.status < 300:
                self.snapshot = target
                stale, self.dispatcher.free[:] = list(self.dispatcher.free), []
                for worker in stale:
                    self.replace(worker)
            return reply

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
