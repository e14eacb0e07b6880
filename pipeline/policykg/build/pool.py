"""Per-document work on N local worker processes (``policykg build --jobs N``): extraction,
then the RDF and SHACL of each document's part (``build.doc_parts``) and of the other parts
(``build.other_parts``).

The stdlib ``ProcessPoolExecutor`` with the *forkserver* start method (*spawn* where there is
none): workers are forked from a clean single-threaded server process (never from the parent,
which may hold threads), and that server imports ``build.warm`` first, which builds the NLP
pipeline once for every worker (a worker otherwise spends ≈ 0.9 s importing spaCy and
building its own, with jieba's dictionary from the user's cache: ``text.dictionary``); ``build --jobs N`` starts it as the command line starts (``fork_server``).
The server is one per parent process: if the SPARQL server's
workers started it first, build workers build their pipeline themselves, on their first
document. Each worker takes one task at a time. Workers ignore Ctrl-C: the parent alone
decides, drops the queued tasks and re-raises, so nothing is written.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from policykg.build import fork_server, wire  # noqa: F401  (wire: IR types pickled by their constructor)
from policykg.build.collector import built_to_last
from policykg.build.compact import compact
from policykg.build.idle import IdleWork
from policykg.build.stages import Failed, Outcome, Stages, extract_guarded
from policykg.ir import DocResult, SourceDoc

logger = logging.getLogger(__name__)

_WORKER: dict[str, Any] = {}
IN_FLIGHT = 4  # tasks sent ahead per worker process
S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")


def _start_worker(stages: bytes, environment: dict[str, str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The fork server kept the environment it started with: take the parent's of today.
    os.environ.clear()
    os.environ.update(environment)
    _WORKER["stages"] = stages  # unpickled on the first document


def _extract_in_worker(doc: SourceDoc) -> Outcome:
    if "nlp" not in _WORKER:
        make_nlp, _WORKER["extract_doc"] = pickle.loads(_WORKER["stages"])
        _WORKER["nlp"] = built_to_last(make_nlp)  # built in the fork server, unless spawned
    outcome = extract_guarded(_WORKER["extract_doc"], doc, _WORKER["nlp"])
    return compact(outcome) if isinstance(outcome, DocResult) else outcome  # smaller to send


def _outcome(future: Future[Outcome], doc: SourceDoc) -> Outcome:
    """The worker's answer, or a :class:`Failed` if the worker itself died or could not start."""
    try:
        return future.result()
    except Exception as exc:
        return Failed(doc.path, f"extraction failed: worker process: {type(exc).__name__}: {exc}")


class Workers:
    """``jobs`` worker processes for one build, started on first use and stopped on exit
    (waiting for them only when every task came back)."""

    def __init__(self, stages: Stages, jobs: int) -> None:
        self.stages = stages
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._finished = True
        self._idle: IdleWork | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=self._finished and exc[0] is None, cancel_futures=True)

    def warm_up(self) -> None:
        """Start the fork server now (unless the command line did, ``fork_server``), so that it
        builds the NLP pipeline while this process reads the documents (the workers themselves
        start with the first task); spawned workers build their own pipeline."""
        fork_server.start()

    def release(self) -> None:
        """Let the workers go now, without waiting for them to exit: the build goes on with
        what is left in this process while they free their memory (every task came back)."""
        if self._pool is not None and self._finished:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    @contextmanager
    def meanwhile(self, work: IdleWork) -> Iterator[None]:
        """Run steps of ``work`` here whenever the tasks sent in this block are all out and none
        has come back (see ``idle``); what is left when the block ends stays for the caller."""
        self._idle = work
        try:
            yield
        finally:
            self._idle = None

    def send_each(self, task: Callable[[], object]) -> None:
        """Send ``task()`` once per worker now, without waiting for it: it readies the workers
        for what comes next while this process does something else. Idle workers take one
        each; one that takes two runs it twice, and a failure shows again in the real tasks."""
        try:
            for _ in range(self.jobs):
                self.pool().submit(task)
        except BrokenProcessPool:
            pass

    def pool(self) -> ProcessPoolExecutor:
        """The process pool, started now if it was not."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=fork_server.context(),
                initializer=_start_worker,
                initargs=(
                    pickle.dumps((self.stages.make_nlp, self.stages.extract_doc)),
                    dict(os.environ),
                ),
            )
        return self._pool

    def run(
        self,
        task: Callable[[T], R],
        items: Sequence[S],
        on_done: Callable[[int, Future[R]], None],
        *,
        size: Callable[[S], int] = lambda _: 0,
        prepare: Callable[[S], T] | None = None,
    ) -> None:
        """``task(prepare(item))`` on the workers, largest ``size`` first (so a long one does
        not start last and leave the other workers idle); ``on_done(index, future)`` runs in
        this process, in completion order.

        At most :data:`IN_FLIGHT` tasks per worker are out at a time: an item is prepared only
        when it is sent, and a future is dropped as soon as ``on_done`` has seen it, so neither
        the tasks nor their answers (a document part's Turtle) pile up in this process.
        """
        order = sorted(range(len(items)), key=lambda i: -size(items[i]))
        sent = ((i, prepare(items[i]) if prepare else items[i]) for i in order)
        self._drain(task, sent, lambda index, _, future: on_done(index, future))  # type: ignore[arg-type]

    def stream(
        self,
        task: Callable[[T], R],
        items: Iterable[T],
        on_done: Callable[[T, Future[R]], None],
    ) -> None:
        """``task(item)`` on the workers for each item of ``items`` in turn, read only as tasks
        are sent (at most :data:`IN_FLIGHT` per worker out at a time); ``on_done(item, future)``
        runs in this process, in completion order."""
        self._drain(task, enumerate(items), lambda _, item, future: on_done(item, future))

    def _drain(
        self,
        task: Callable[[T], R],
        indexed: Iterator[tuple[int, T]],
        on_done: Callable[[int, T, Future[R]], None],
    ) -> None:
        self._finished = False
        pending: dict[Future[R], tuple[int, T]] = {}

        def send() -> None:
            for index, item in indexed:
                pending[self._submit(task, item)] = (index, item)
                if len(pending) >= IN_FLIGHT * self.jobs:
                    return

        send()
        while pending:
            idle = self._idle if self._idle is not None and not self._idle.done else None
            finished, _ = wait(pending, timeout=0 if idle else None, return_when=FIRST_COMPLETED)
            if idle is not None and not finished:
                idle.step()
                continue
            for future in sorted(finished, key=lambda f: pending[f][0]):
                index, item = pending.pop(future)
                on_done(index, item, future)
            send()
        self._finished = True

    def _submit(self, task: Callable[[T], R], item: T) -> Future[R]:
        """The future of ``task(item)``; a failed one if a worker died before (the pool is
        then broken), so the caller handles it as it handles any failed task."""
        try:
            return self.pool().submit(task, item)
        except BrokenProcessPool as exc:
            failed: Future[R] = Future()
            failed.set_exception(exc)
            return failed

    def extract(self, docs: Sequence[SourceDoc], on_done: Callable[[int, Outcome], None]) -> None:
        """Extract ``docs``; ``on_done(index, outcome)`` as each document comes back."""
        logger.info("extracting %d documents on %d worker processes", len(docs), self.jobs)
        self.run(
            _extract_in_worker,
            docs,
            lambda i, future: on_done(i, _outcome(future, docs[i])),
            size=lambda doc: len(doc.raw),
        )


def extract_in_pool(
    docs: Sequence[SourceDoc],
    stages: Stages,
    jobs: int,
    on_done: Callable[[int, Outcome], None],
) -> None:
    """Extract ``docs`` on ``jobs`` processes started for them alone."""
    with Workers(stages, max(1, min(jobs, len(docs)))) as workers:
        workers.extract(docs, on_done)
