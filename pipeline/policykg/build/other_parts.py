"""The parts of the graph that belong to no single document (shared nodes, glossary concepts,
entities, assertions) under ``--jobs N``: the parent makes their rows and gathers their types,
the workers write their Turtle and, once every type is known, check them against the shapes.

The parent sends the rows of a part as it makes it (a few parts out at a time, so memory stays
bounded), pickled once for both trips (:class:`OtherPart`), and spools the Turtle blocks that
come back; the checks run the same function on the
same rows and borrowed types as the parent would (``shacl_parts.part_violations``), so the
verdict and ``graph.ttl`` do not depend on where a part was handled. A part whose worker died is
handled here instead.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterator, Sized
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

from policykg.build.collector import for_graph_tasks
from policykg.build.pool import Workers
from policykg.graph.rdf import GraphParts
from policykg.graph.shacl import Violation
from policykg.graph.shacl_parts import PartChecker, TypeIndex, part_violations
from policykg.graph.triples import Row
from policykg.graph.turtle_spool import Blocks, TurtleSpool, subject_blocks

logger = logging.getLogger(__name__)


KEEP_ROWS = 500_000  # rows of the other parts kept from their first pass (≈ 150 MB at most)
K = TypeVar("K", bound=Sized)


class KeptRows(Generic[K]):
    """The other parts from their first pass (their rows, or :class:`OtherPart`), kept for their
    checks so that they are not made twice, unless they hold more than ``limit`` rows (then they
    are made again)."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = KEEP_ROWS if limit is None else limit
        self.count = 0
        self.kept: list[K] | None = []

    def add(self, part: K) -> None:
        """Keep ``part`` (its ``len`` is its rows), or give up keeping once past the limit."""
        if self.kept is None:
            return
        self.count += len(part)
        if self.count > self.limit:
            self.kept = None  # memory must not grow with the corpus: made again instead
        else:
            self.kept.append(part)

    def again(self, parts: GraphParts, kept_as: Callable[[list[Row]], K]) -> Iterator[K]:
        """Every other part, as kept or made again (``kept_as`` its rows; each part once)."""
        if self.kept is None:
            yield from (kept_as(part.rows()) for part in parts.others())
            return
        kept, self.kept = self.kept, None
        kept.reverse()
        while kept:
            yield kept.pop()  # each part let go once it is checked


@dataclass(frozen=True, slots=True)
class OtherPart:
    """One other part between its two trips to the workers (its Turtle, then its check): its rows
    pickled once, here, for both, and the nodes of other parts it points at (whose types its
    check borrows). Pickled again for the check, the 253,000 rows of the corpus' other parts
    took 0.07 s more of this process's time."""

    data: bytes
    count: int
    borrowed: frozenset[str]

    @classmethod
    def of(cls, rows: list[Row], targets: set[str]) -> OtherPart:
        """``rows`` pickled, with ``targets`` (the nodes they point at by the shapes' class
        paths) less their own subjects."""
        borrowed = frozenset(targets.difference(row[0] for row in rows))
        return cls(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), len(rows), borrowed)

    def __len__(self) -> int:
        return self.count


def unpickled(data: bytes) -> list[Row]:
    """The rows of :attr:`OtherPart.data` (in a worker, or here if it died)."""
    rows: list[Row] = pickle.loads(data)
    return rows


@dataclass(frozen=True, slots=True)
class OtherTurtle:
    """One part (its pickled rows), to be written as Turtle blocks."""

    data: bytes
    native: bool  # checked by the compiled shapes (see ``collector.unscanned``)


def turtle_in_worker(task: OtherTurtle) -> Blocks:
    """The Turtle blocks of one part in a worker, its garbage collector set for graph tasks
    like :func:`check_in_worker` (these are a worker's first graph tasks)."""
    if task.native:
        for_graph_tasks()
    return subject_blocks(unpickled(task.data))


@dataclass(frozen=True, slots=True)
class OtherCheck:
    """One part (its pickled rows) with the types of the nodes of other parts it points at."""

    data: bytes
    types: dict[str, tuple[str, ...]]
    native: bool


def check_other(task: OtherCheck) -> list[Violation]:
    """The violations of one part (in a worker, or here)."""
    index = TypeIndex()
    index.merge(task.types)
    return part_violations(unpickled(task.data), index, native=task.native)


def spool_others(
    parts: GraphParts,
    spool: TurtleSpool,
    checker: PartChecker,
    workers: Workers,
    paths: frozenset[str],
    kept: KeptRows[OtherPart],
) -> set[str]:
    """Spool every part of ``parts.others()`` with its Turtle written on ``workers``, record
    the types of their nodes in ``checker.types``, and return the nodes they point at by
    ``paths`` (whose types their checks will borrow)."""
    pointed: set[str] = set()

    def tasks() -> Iterator[OtherTurtle]:
        for part in parts.others():
            rows = part.rows()
            checker.types.add(rows)
            targets = checker.types.targets(rows, paths)
            pointed.update(targets)
            sent = OtherPart.of(rows, targets)
            kept.add(sent)
            yield OtherTurtle(sent.data, checker.native)

    def done(task: OtherTurtle, future: Future[Blocks]) -> None:
        try:
            blocks = future.result()
        except Exception as exc:  # the worker died: the Turtle is written here instead
            logger.warning("RDF worker failed (%s); Turtle written here", exc)
            blocks = subject_blocks(unpickled(task.data))
        spool.add_blocks(blocks)

    workers.stream(turtle_in_worker, tasks(), done)
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
    kept: KeptRows[OtherPart],
) -> None:
    """Check every part of ``parts.others()`` on ``workers`` (as ``kept``, or made again: the
    types of every node they point at must be in ``checker.types`` by now)."""

    def made_again(rows: list[Row]) -> OtherPart:
        return OtherPart.of(rows, checker.types.targets(rows, paths))

    def tasks() -> Iterator[OtherCheck]:
        for part in kept.again(parts, made_again):
            checker.checked += part.count  # here or, if its worker dies, in this process
            yield OtherCheck(part.data, checker.types.subset(part.borrowed), checker.native)

    def done(task: OtherCheck, future: Future[list[Violation]]) -> None:
        try:
            found = future.result()
        except Exception as exc:  # the worker died: the part is checked here instead
            logger.warning("RDF worker failed (%s); part checked here", exc)
            found = check_other(task)
        checker.found.extend(found)

    workers.stream(check_in_worker, tasks(), done)
