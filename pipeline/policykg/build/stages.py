"""The NLP functions a build calls, and one document's extraction with its failure kept.

A failure is a value (:class:`Failed`), not an exception, so one bad document never sinks the
batch, whether it ran here, in a worker process or on a Dask worker.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from policykg.ir import DocResult, Entity, Extraction, Relation, SourceDoc

Resolver = Callable[[Sequence[DocResult]], tuple[tuple[Entity, ...], tuple[Relation, ...]]]


@dataclass(frozen=True, slots=True)
class Stages:
    """The NLP functions a build calls; tests may pass small ones to check the build mechanics.

    To run in worker processes, ``make_nlp`` and ``extract_doc`` must be picklable (functions
    defined at module level).
    """

    make_nlp: Callable[[], Any]
    extract_doc: Callable[[SourceDoc, Any], DocResult]
    resolve: Resolver
    dump_extraction: Callable[[Extraction], Iterable[str]]
    warm_resolve: Callable[[], None] = lambda: None  # loads what ``resolve`` reads first


@dataclass(frozen=True, slots=True)
class Failed:
    """A document whose extraction raised: its path, a one-line reason and the traceback."""

    path: str
    reason: str
    detail: str = ""


Outcome = DocResult | Failed


def extract_guarded(
    extract_doc: Callable[[SourceDoc, Any], DocResult], doc: SourceDoc, nlp: Any
) -> Outcome:
    """``extract_doc(doc, nlp)``, or a :class:`Failed` naming the file if it raised."""
    try:
        return extract_doc(doc, nlp)
    except Exception as exc:  # one bad document must not sink the others
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return Failed(doc.path, reason, traceback.format_exc())
