"""Per-document extraction on N local worker processes (``policykg build --jobs N``).

The stdlib ``ProcessPoolExecutor`` with the *spawn* start method (fork would copy a parent that
may hold threads and a loaded pipeline); each worker builds the NLP pipeline once, in its
initializer, then takes one document at a time. Workers ignore Ctrl-C: the parent alone decides,
drops the queued documents and re-raises, so nothing is written.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any

from policykg.build.stages import Failed, Outcome, Stages, extract_guarded
from policykg.ir import DocResult, SourceDoc

logger = logging.getLogger(__name__)

_WORKER: dict[str, Any] = {}


def _start_worker(make_nlp: Callable[[], Any], extract_doc: Callable[..., DocResult]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["extract_doc"] = extract_doc
    _WORKER["nlp"] = make_nlp()


def _extract_in_worker(doc: SourceDoc) -> Outcome:
    return extract_guarded(_WORKER["extract_doc"], doc, _WORKER["nlp"])


def _outcome(future: Future[Outcome], doc: SourceDoc) -> Outcome:
    """The worker's answer, or a :class:`Failed` if the worker itself died or could not start."""
    try:
        return future.result()
    except Exception as exc:
        return Failed(doc.path, f"extraction failed: worker process: {type(exc).__name__}: {exc}")


def extract_in_pool(
    docs: Sequence[SourceDoc],
    stages: Stages,
    jobs: int,
    on_done: Callable[[int, Outcome], None],
) -> None:
    """Extract ``docs`` on ``jobs`` processes; ``on_done(index, outcome)`` runs in this process,
    in completion order, as each document comes back. Long documents are queued first, so a
    long one does not start last and leave the other workers idle."""
    workers = max(1, min(jobs, len(docs)))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(stages.make_nlp, stages.extract_doc),
    )
    logger.info("extracting %d documents on %d worker processes", len(docs), workers)
    finished = False
    try:
        longest_first = sorted(range(len(docs)), key=lambda i: -len(docs[i].raw))
        futures = {pool.submit(_extract_in_worker, docs[i]): i for i in longest_first}
        for future in as_completed(futures):
            index = futures[future]
            on_done(index, _outcome(future, docs[index]))
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=True)
