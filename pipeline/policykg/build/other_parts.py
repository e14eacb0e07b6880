"""The parts of the graph that belong to no single document (shared nodes, glossary concepts,
entities, assertions) under ``--jobs N``: the parent makes their rows and gathers their types,
the workers write their Turtle and, once every type is known, check them against the shapes.

The parent sends the rows of a part as it makes it (a few parts out at a time, so memory stays
bounded) and spools the Turtle blocks that come back; the checks run the same function on the
same rows and borrowed types as the parent would (``shacl_parts.part_violations``), so the
verdict and ``graph.ttl`` do not depend on where a part was handled. A part whose worker died is
handled here instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass

from policykg.build.collector import for_graph_tasks
from policykg.build.pool import Workers
from policykg.graph.rdf import GraphParts
from policykg.graph.shacl import Violation
from policykg.graph.shacl_parts import PartChecker, TypeIndex, part_violations
from policykg.graph.triples import Row
from policykg.graph.turtle_spool import Blocks, TurtleSpool, subject_blocks

logger = logging.getLogger(__name__)


KEEP_ROWS = 500_000  # rows of the other parts kept from their first pass (≈ 150 MB at most)


class KeptRows:
    """The other parts' rows from their first pass, kept for their checks so that they are not
    made twice, unless there are more than ``limit`` of them (then they are made again)."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = KEEP_ROWS if limit is None else limit
        self.count = 0
        self.kept: list[list[Row]] | None = []

    def add(self, rows: list[Row]) -> None:
        """Keep ``rows`` (one part's), or give up keeping once past the limit."""
        if self.kept is None:
            return
        self.count += len(rows)
        if self.count > self.limit:
            self.kept = None  # memory must not grow with the corpus: made again instead
        else:
            self.kept.append(rows)

    def again(self, parts: GraphParts) -> Iterator[list[Row]]:
        """The rows of every other part, as kept or made again (each part once)."""
        if self.kept is None:
            yield from (part.rows() for part in parts.others())
            return
        kept, self.kept = self.kept, None
        kept.reverse()
        while kept:
            yield kept.pop()  # each part let go once it is checked


@dataclass(frozen=True, slots=True)
class OtherCheck:
    """One part's rows with the types of the nodes of other parts that it points at."""

    rows: list[Row]
    types: dict[str, tuple[str, ...]]
    native: bool


def check_other(task: OtherCheck) -> list[Violation]:
    """The violations of one part (in a worker, or here)."""
    index = TypeIndex()
    index.merge(task.types)
    return part_violations(task.rows, index, native=task.native)


def spool_others(
    parts: GraphParts,
    spool: TurtleSpool,
    checker: PartChecker,
    workers: Workers,
    paths: frozenset[str],
    kept: KeptRows,
) -> set[str]:
    """Spool every part of ``parts.others()`` with its Turtle written on ``workers``, record
    the types of their nodes in ``checker.types``, and return the nodes they point at by
    ``paths`` (whose types their checks will borrow)."""
    pointed: set[str] = set()

    def rows_of_others() -> Iterator[list[Row]]:
        for part in parts.others():
            rows = part.rows()
            checker.types.add(rows)
            pointed.update(checker.types.targets(rows, paths))
            kept.add(rows)
            yield rows

    def done(rows: list[Row], future: Future[Blocks]) -> None:
        try:
            blocks = future.result()
        except Exception as exc:  # the worker died: the Turtle is written here instead
            logger.warning("RDF worker failed (%s); Turtle written here", exc)
            blocks = subject_blocks(rows)
        spool.add_blocks(blocks)

    workers.stream(subject_blocks, rows_of_others(), done)
    return pointed


def check_in_worker(task: OtherCheck) -> list[Violation]:
    """:func:`check_other` in a worker, its garbage collector set for graph tasks (unless the
    parts are checked by pyshacl, see ``collector.unscanned``)."""
    if task.native:
        for_graph_tasks()
    return check_other(task)


def check_others(
    parts: GraphParts,
    checker: PartChecker,
    workers: Workers,
    paths: frozenset[str],
    kept: KeptRows,
) -> None:
    """Check every part of ``parts.others()`` on ``workers`` (as ``kept``, or made again: the
    types of every node they point at must be in ``checker.types`` by now)."""

    def tasks() -> Iterator[OtherCheck]:
        for rows in kept.again(parts):
            borrowed = checker.types.targets(rows, paths) - {row[0] for row in rows}
            yield OtherCheck(rows, checker.types.subset(borrowed), checker.native)

    def done(task: OtherCheck, future: Future[list[Violation]]) -> None:
        try:
            found = future.result()
        except Exception as exc:  # the worker died: the part is checked here instead
            logger.warning("RDF worker failed (%s); part checked here", exc)
            found = check_other(task)
        checker.found.extend(found)
        checker.checked += len(task.rows)

    workers.stream(check_in_worker, tasks(), done)
