"""The graph stage of ``--jobs N`` with the workers never waiting for this process: the first
document parts go out while this process still makes the other parts (shared nodes, entities,
assertions), whose Turtle the workers write in between.

A document's part is checked against the types of the entities and place it points at, which
only the other parts give. The first :data:`EARLY_DOCS` documents (the largest) are sent with
those types read from the plan instead (``GraphParts.expected_types``); once every other part is
made, each of them is compared with the types they gave, and a document sent with a type that
differs is checked again here, with the real ones, and its worker's verdict dropped. So the
verdict and ``graph.ttl`` are those of the serial build whatever the guess (tests make it wrong
on purpose). Until then the early documents' own types wait here (at most ``EARLY_DOCS`` of
them: memory does not grow with the corpus), since only the others say which are kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from policykg.build.collector import for_graph_tasks
from policykg.build.doc_parts import DocDone, DocTask, Types, make_task, run_task
from policykg.build.other_parts import KeptRows
from policykg.build.pool import Workers
from policykg.graph.rdf import GraphParts, document_part
from policykg.graph.shacl import Violation
from policykg.graph.shacl_parts import PartChecker
from policykg.graph.triples import Row
from policykg.graph.turtle_spool import Blocks, TurtleSpool, subject_blocks

logger = logging.getLogger(__name__)

EARLY_DOCS = 64  # documents sent before the other parts are all made, at most
DOCS_PER_PART = 3  # documents sent after each other part while those are made

Item = tuple[int, DocTask] | list[Row]


def run_item(item: Item) -> DocDone | Blocks:
    """A document task, or the Turtle of another part's rows (in a worker, or here)."""
    return run_task(item[1]) if isinstance(item, tuple) else subject_blocks(item)


def run_in_worker(item: Item) -> DocDone | Blocks:
    """:func:`run_item` in a worker, its garbage collector set for graph tasks (unless the
    parts are checked by pyshacl, see ``collector.unscanned``)."""
    if isinstance(item, tuple) and item[1].native:
        for_graph_tasks()
    return run_item(item)


@dataclass(frozen=True, slots=True)
class _Held:
    """What an early document's worker found, until its types can be judged."""

    types: Types
    violations: list[Violation] | None
    rows: list[Row] | None
    triples: int


def spool_all(
    parts: GraphParts,
    spool: TurtleSpool,
    checker: PartChecker,
    workers: Workers,
    paths: frozenset[str],
    kept: KeptRows,
    check: Callable[[Sequence[Row]], None],
) -> None:
    """Every part spooled, the document parts checked (on ``workers``, or here when their
    worker could not); ``checker.types`` ends with the types the other parts' checks need."""
    docs = parts.extraction.docs
    order = sorted(range(len(docs)), key=lambda i: -len(docs[i].raw))
    early: dict[int, Types] = {}  # the types each early document was sent with
    held: dict[int, _Held] = {}
    wrong: set[int] = set()  # early documents sent with a type the others did not give
    later: list[list[Row]] = []  # parts their worker left to this process
    settled = False

    def settle(index: int, found: _Held) -> None:
        checker.types.merge(found.types)
        if index in wrong:
            place = parts.places.get(docs[index].meta.place or "")
            later.append(document_part(parts.docs, docs[index], place, parts.plan).rows())
        elif found.violations is None:
            later.append(found.rows or [])
        else:
            checker.found.extend(found.violations)
            checker.checked += found.triples

    def items() -> Iterator[Item]:
        nonlocal settled
        sent = 0
        pointed: set[str] = set()
        for part in parts.others():
            rows = part.rows()
            checker.types.add(rows)
            pointed.update(checker.types.targets(rows, paths))
            kept.add(rows)
            yield rows
            for index in order[sent : min(sent + DOCS_PER_PART, EARLY_DOCS)]:
                task = make_task(parts, docs[index], None, native=checker.native)
                early[index] = task.types
                sent += 1
                yield index, task
        # Every other part is made: of the document parts' types, keep only those they point at.
        checker.types.keep = {node for node in pointed if not checker.types.knows(node)}
        del pointed
        wrong.update(
            i for i, sent_types in early.items() if checker.types.subset(sent_types) != sent_types
        )
        if wrong:
            logger.warning("%d document parts sent with other types: checked here", len(wrong))
        settled = True
        for index in sorted(held):
            settle(index, held.pop(index))
        for index in order[sent:]:
            yield index, make_task(parts, docs[index], checker.types, native=checker.native)

    def done(item: Item, future: Future[DocDone | Blocks]) -> None:
        try:
            result = future.result()
        except Exception as exc:  # the worker died: the part is handled here instead
            logger.warning("RDF worker failed (%s); part made here", exc)
            result = run_item(item)
        if isinstance(result, Blocks):
            spool.add_blocks(result)
            return
        spool.add_blocks(result.blocks)
        index = item[0] if isinstance(item, tuple) else -1
        found = _Held(result.types, result.violations, result.rows, result.blocks.triples)
        if settled:
            settle(index, found)
        else:
            held[index] = found

    workers.stream(run_in_worker, items(), done)
    for rows in later:
        check(rows)
