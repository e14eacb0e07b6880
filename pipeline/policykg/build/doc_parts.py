"""The RDF of each document, its Turtle and its SHACL check, on the build's worker processes.

A document's part (its text, mentions, sentences, amounts and counts: most of the graph) needs
only the document, its slice of the plan (``Plan.for_document``) and the types of the entities and
place it points at, so ``--jobs N`` makes and checks it in a worker: the worker sends back its
Turtle blocks, the types of its nodes and its violations, and the parent spools them as if it had
made them (``graph.ttl`` has the same bytes: the spool sorts the blocks by subject). A part that
points at a node whose types were not sent is checked by the parent, with every type known; a
worker that dies leaves its documents to the parent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from policykg.build import wire
from policykg.build.collector import for_graph_tasks
from policykg.build.pool import Workers
from policykg.graph.rdf import GraphParts, document_part
from policykg.graph.rdf_plan import KeptAmount, Plan
from policykg.graph.rdf_summary import EntityStats, Summary
from policykg.graph.shacl import Violation, load_shapes
from policykg.graph.shacl_parts import PartChecker, TypeIndex, class_paths, part_violations
from policykg.graph.triples import Row
from policykg.graph.turtle_spool import Blocks, TurtleSpool, subject_blocks
from policykg.graph.vocab import shapes_path
from policykg.ir import SourceDoc

logger = logging.getLogger(__name__)
wire.register(KeptAmount, Plan, EntityStats, Summary, Violation)  # a task's plan, its verdict

Types = dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class DocTask:
    """What a worker needs to make, write and check one document's part."""

    doc: SourceDoc
    place: str | None
    plan: Plan
    types: Types  # of the nodes outside the document that it may point at
    native: bool


@dataclass(frozen=True, slots=True)
class DocDone:
    """A document's part as Turtle blocks, the types of its nodes, and its violations (None
    when the parent must check ``rows`` itself)."""

    blocks: Blocks
    types: Types
    violations: list[Violation] | None
    rows: list[Row] | None = None


def make_task(parts: GraphParts, doc: SourceDoc, types: TypeIndex, *, native: bool) -> DocTask:
    """The task of ``doc``, with the types of the entities it names and of its place."""
    plan = parts.plan.for_document(doc.name)
    place = parts.places.get(doc.meta.place or "")
    pointed = {node for node, _, _ in plan.mentions.get(doc.name, ())}
    if place is not None:
        pointed.add(place)
    return DocTask(doc, place, plan, types.subset(pointed), native)


def run_task(task: DocTask) -> DocDone:
    """Make, write and check one document's part (in a worker, or here)."""
    rows = document_part({task.doc.name: task.doc}, task.doc, task.place, task.plan).rows()
    blocks = subject_blocks(rows)
    own = TypeIndex.of_rows(rows)
    index = TypeIndex()
    index.merge(task.types)
    subjects = set(blocks.subjects)  # each subject once: fewer to go through than the rows
    if index.missing(rows, subjects, class_paths(load_shapes(shapes_path()))):
        return DocDone(blocks, own, None, rows)
    found = part_violations(rows, index, native=task.native)
    return DocDone(blocks, own, found)


def ready_worker() -> None:
    """Ready a worker for the graph stage: this module and what it imports (rdflib, the RDF
    mapping, Oxigraph), the shapes read and compiled. Sent to each worker when the documents
    are extracted (``Workers.send_each``), while the parent resolves the entities; else each
    worker paid 0.13-0.15 s for it on its first document part, both at once, when the parent
    waits for them."""
    part_violations([], TypeIndex())  # reads the shapes and compiles them, once per process


def run_in_worker(task: DocTask) -> DocDone:
    """:func:`run_task` in a worker, its garbage collector set for graph tasks (unless the
    parts are checked by pyshacl, see ``collector.unscanned``)."""
    if task.native:
        for_graph_tasks()
    return run_task(task)


def spool_documents(
    parts: GraphParts,
    spool: TurtleSpool,
    checker: PartChecker,
    workers: Workers,
    check: Callable[[Sequence[Row]], None],
) -> None:
    """Every document's part made, spooled and checked on ``workers``; the types of the other
    parts must be in ``checker.types`` already."""
    docs = parts.extraction.docs
    later: list[list[Row]] = []

    def task_of(doc: SourceDoc) -> DocTask:
        return make_task(parts, doc, checker.types, native=checker.native)

    def done(index: int, future: Future[DocDone]) -> None:
        try:
            result = future.result()
        except Exception as exc:  # the worker died: the part is made here instead
            logger.warning("%s: RDF worker failed (%s); made here", docs[index].name, exc)
            result = run_task(task_of(docs[index]))
        spool.add_blocks(result.blocks)
        checker.types.merge(result.types)
        if result.violations is None:
            later.append(result.rows or [])
        else:
            checker.found.extend(result.violations)
            checker.checked += result.blocks.triples

    workers.run(run_in_worker, docs, done, size=lambda doc: len(doc.raw), prepare=task_of)
    for rows in later:
        check(rows)
