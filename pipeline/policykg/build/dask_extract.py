"""Per-document extraction as a Dask bag (``--dask SCHEDULER``): one machine or a cluster.

Documents → ``dask.bag.from_sequence`` → ``map_partitions`` (each worker thread builds the NLP
pipeline once and keeps it for the partitions it is given) → the outcomes come back in document
order to the caller, which resolves and writes exactly as a serial build does. Dask is the
scheduler; nothing here schedules. ``SCHEDULER`` is ``synchronous`` (this process, for
debugging), ``processes`` (a local pool of spawned processes) or the address of a running
``dask.distributed`` scheduler (``tcp://host:8786``; needs the ``distributed`` package).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from policykg.build.cache import pipeline_version
from policykg.build.stages import Failed, Outcome, Stages, extract_guarded
from policykg.errors import PolicyKGError
from policykg.ir import DocResult, SourceDoc

logger = logging.getLogger(__name__)

LOCAL_SCHEDULERS = ("synchronous", "processes")
CLUSTER_PREFIXES = ("tcp://", "tls://")
MAX_PARTITIONS = 1000  # one document per partition up to here: a task costs ~1 ms, a document ~1 s

_LOCAL = threading.local()  # a Dask worker may run several threads: one pipeline per thread


class DaskSchedulerError(PolicyKGError):
    """``--dask``: an unknown scheduler, a missing package or an unreachable cluster."""


def check_scheduler(scheduler: str) -> None:
    """Refuse a scheduler name this module does not know, before any work starts."""
    if scheduler in LOCAL_SCHEDULERS or scheduler.startswith(CLUSTER_PREFIXES):
        return
    raise DaskSchedulerError(
        f"--dask: unknown scheduler {scheduler!r} (choose synchronous, processes, "
        "or a dask.distributed address such as tcp://host:8786)"
    )


def _worker_nlp(make_nlp: Callable[[], Any]) -> Any:
    """The pipeline of this worker thread, built on first use and kept for later partitions."""
    built: dict[Callable[[], Any], Any] = _LOCAL.__dict__.setdefault("nlp_by_factory", {})
    if make_nlp not in built:
        built[make_nlp] = make_nlp()
    return built[make_nlp]


def extract_partition(
    docs: Iterable[SourceDoc],
    make_nlp: Callable[[], Any],
    extract_doc: Callable[[SourceDoc, Any], DocResult],
    client_version: str,
) -> list[Outcome]:
    """Extract one partition of the bag with this worker's pipeline; a worker whose policykg
    code differs from the client's fails its documents instead of mixing results."""
    here = pipeline_version()
    if here != client_version:
        reason = (
            f"extraction failed: the Dask worker runs policykg pipeline {here}, the client "
            f"{client_version} (install the same policykg on every worker)"
        )
        return [Failed(doc.path, reason) for doc in docs]
    nlp = _worker_nlp(make_nlp)
    return [extract_guarded(extract_doc, doc, nlp) for doc in docs]


def _cluster(address: str) -> AbstractContextManager[Any]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskSchedulerError(
            f"--dask {address}: a cluster address needs the 'distributed' package "
            "(pip install 'policykg[distributed]')"
        ) from exc
    try:
        client: AbstractContextManager[Any] = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise DaskSchedulerError(f"--dask {address}: cannot reach the scheduler ({exc})") from exc
    return client


def _compute(bag: Any, scheduler: str, jobs: int) -> list[Outcome]:
    if scheduler.startswith(CLUSTER_PREFIXES):
        with _cluster(scheduler):
            return list(bag.compute())
    options: dict[str, Any] = {"scheduler": scheduler}
    if scheduler == "processes":
        options["num_workers"] = jobs
    return list(bag.compute(**options))


def extract_on_dask(
    docs: Sequence[SourceDoc],
    stages: Stages,
    scheduler: str,
    jobs: int,
    on_done: Callable[[int, Outcome], None],
) -> None:
    """Extract ``docs`` as a Dask bag; ``on_done(index, outcome)`` runs here, in document order,
    once the bag is computed. ``jobs`` is the number of local processes for ``processes``."""
    import dask.bag

    check_scheduler(scheduler)
    partitions = max(1, min(len(docs), MAX_PARTITIONS))
    bag = dask.bag.from_sequence(list(docs), npartitions=partitions)
    outcomes = bag.map_partitions(
        extract_partition, stages.make_nlp, stages.extract_doc, pipeline_version()
    )
    logger.info("extracting %d documents as a Dask bag on %s", len(docs), scheduler)
    results = _compute(outcomes, scheduler, jobs)
    if len(results) != len(docs):
        raise DaskSchedulerError(
            f"--dask {scheduler}: {len(results)} results came back for {len(docs)} documents"
        )
    for index, outcome in enumerate(results):
        on_done(index, outcome)
