"""Where the documents a build must extract are run: here, on a process pool, or on Dask."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policykg.build.collector import built_to_last
from policykg.build.stages import Outcome, Stages, extract_guarded
from policykg.errors import PolicyKGError
from policykg.ir import SourceDoc

if TYPE_CHECKING:
    from policykg.build.pool import Workers

logger = logging.getLogger(__name__)

OnDone = Callable[[int, Outcome], None]


@dataclass(frozen=True, slots=True)
class ExtractPlan:
    """``jobs`` worker processes (1: in this process), or a Dask ``dask`` scheduler."""

    jobs: int = 1
    dask: str | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise PolicyKGError(f"--jobs: must be at least 1, not {self.jobs}")
        if self.dask is not None:
            from policykg.build.dask_extract import check_scheduler

            check_scheduler(self.dask)

    def describe(self) -> str:
        """How the documents will be extracted, for the progress display."""
        if self.dask is not None:
            return f"extracting on Dask ({self.dask})"
        if self.jobs > 1:
            return f"starting {self.jobs} worker processes"
        return "loading the NLP pipeline"


SERIAL = ExtractPlan()


def extract_here(docs: Sequence[SourceDoc], stages: Stages, on_done: OnDone) -> None:
    """One pipeline in this process, one document after another."""
    nlp = built_to_last(stages.make_nlp)
    for index, doc in enumerate(docs):
        on_done(index, extract_guarded(stages.extract_doc, doc, nlp))


def run_plan(
    docs: Sequence[SourceDoc],
    stages: Stages,
    plan: ExtractPlan,
    on_done: OnDone,
    workers: Workers | None = None,
) -> None:
    """Extract ``docs`` as ``plan`` says (on ``workers`` when given and ``plan`` has jobs);
    ``on_done(index, outcome)`` runs in this process."""
    if plan.dask is not None:
        from policykg.build.dask_extract import extract_on_dask

        extract_on_dask(docs, stages, plan.dask, plan.jobs, on_done)
    elif plan.jobs > 1 and len(docs) > 1 and workers is not None:
        workers.extract(docs, on_done)
    elif plan.jobs > 1 and len(docs) > 1:
        from policykg.build.pool import extract_in_pool

        extract_in_pool(docs, stages, plan.jobs, on_done)
    else:
        extract_here(docs, stages, on_done)
