"""The graph stage of a build: every part of the graph made, spooled as Turtle and checked
against the SHACL shapes, with the document parts on the worker processes under ``--jobs N``
(``doc_parts``). The output bytes do not depend on where a part was made.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import nullcontext

from policykg.build.doc_parts import spool_documents
from policykg.build.idle import IdleWork
from policykg.build.other_parts import KeptRows, OtherPart, check_others, spool_others
from policykg.build.pool import Workers
from policykg.build.progress import BuildProgress
from policykg.graph import shacl_parts
from policykg.graph.rdf import GraphParts
from policykg.graph.shacl import load_shapes
from policykg.graph.triples import Row
from policykg.graph.turtle_spool import TurtleSpool
from policykg.graph.vocab import shapes_path

VALIDATION_STAGE = "validating against the SHACL shapes"


def write_and_check(
    parts: GraphParts,
    spool: TurtleSpool,
    bar: BuildProgress,
    workers: Workers | None = None,
    *,
    native: bool = True,
    idle: IdleWork | None = None,
) -> None:
    """Spool every part of the graph and validate it, one part in memory at a time.

    The shared and entity parts are made first, for their types; each document part is then
    checked as soon as it is made (it points only at its own nodes and at those), here or on
    ``workers``, and of its nodes' types only those the others point at are kept; the others
    are checked last, when every type they borrow is known (their rows kept from the first pass
    up to ``other_parts.KEEP_ROWS`` rows, else made again). With ``workers``
    the others' Turtle and checks run there too (``other_parts``): this process only makes rows
    and gathers types, and runs steps of ``idle`` while it waits for the document parts and the
    checks.
    """
    checker = shacl_parts.PartChecker(native=native)
    checking = 0.0

    def check(rows: Sequence[Row]) -> None:
        nonlocal checking
        start = time.perf_counter()
        checker.check(rows)
        checking += time.perf_counter() - start

    paths = shacl_parts.class_paths(load_shapes(shapes_path()))
    parallel = workers is not None and len(parts.extraction.docs) > 1
    sent: KeptRows[OtherPart] = KeptRows()
    kept: KeptRows[list[Row]] = KeptRows()
    if parallel:
        assert workers is not None
        pointed = spool_others(parts, spool, checker, workers, paths, sent)
    else:
        pointed = set()
        for part in parts.others():
            rows = part.rows()
            checker.types.add(rows)
            pointed |= checker.types.targets(rows, paths)
            spool.add(rows)
            kept.add(rows)
    # A document part points only at its own nodes and at those of the others: of its nodes'
    # types, only those the others point at are ever borrowed (millions of nodes not kept).
    checker.types.keep = {node for node in pointed if not checker.types.knows(node)}
    del pointed
    if parallel:
        assert workers is not None
        with workers.meanwhile(idle) if idle is not None else nullcontext():
            spool_documents(parts, spool, checker, workers, check)
            check_others(parts, checker, workers, paths, sent)
        workers.release()  # nothing more for them: they exit while the outputs are written
    else:
        for part in parts.documents():
            rows = part.rows()
            checker.types.add(rows)
            spool.add(rows)
            check(rows)
        for rows in kept.again(parts, as_made):
            check(rows)
    checker.raise_if_any()
    bar.carve(VALIDATION_STAGE, checking)
    bar.note(f"{spool.triples} triples conform to the SHACL shapes")


def as_made(rows: list[Row]) -> list[Row]:
    """A part's rows, kept as they are made (the one-process build keeps its rows)."""
    return rows
