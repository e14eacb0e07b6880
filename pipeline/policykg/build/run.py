"""``policykg build``: read -> extract (or reuse the cache) -> resolve -> RDF -> SHACL -> write.

The outputs are written only after the graph validates, and appear together or not at all
(``publish``), so a failed or interrupted build leaves the previous ones as they were. The graph is never held whole:
it is made in parts (``rdf.graph_parts``), spooled as sorted Turtle blocks while the types of
its nodes are gathered, then made again part by part for SHACL (``shacl_parts``), so time and
memory grow with the corpus, not faster.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from policykg.build import publish
from policykg.build.cache import DocCache
from policykg.build.plan import SERIAL, ExtractPlan, run_plan
from policykg.build.progress import BuildProgress
from policykg.build.report import BuildReport, write_outputs
from policykg.build.stages import Failed, Outcome, Stages
from policykg.errors import InputError, PolicyKGError
from policykg.graph import shacl_parts
from policykg.graph.rdf import GraphParts
from policykg.graph.screen import screen
from policykg.graph.triples import Row
from policykg.graph.turtle_spool import TurtleSpool
from policykg.ir import DocResult, Extraction, SourceDoc
from policykg.text.sources import Batch, read_batch

logger = logging.getLogger(__name__)

VALIDATION_STAGE = "validating against the SHACL shapes"
COMPILED, PYSHACL = "compiled", "pyshacl"
VALIDATORS = (COMPILED, PYSHACL)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced and where it wrote it."""

    graph_path: Path
    extraction: Extraction
    failures: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...]
    reused: int
    documents: int
    report: BuildReport
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    _parsed: dict[str, Graph] = field(default_factory=dict, repr=False, compare=False)

    @property
    def graph(self) -> Graph:
        """``graph.ttl`` as an rdflib Graph, parsed on first use (meant for small graphs: a
        large one is better loaded into ``policykg.sparql.store``)."""
        if "graph" not in self._parsed:
            self._parsed["graph"] = Graph().parse(self.graph_path, format="turtle")
        return self._parsed["graph"]


def nlp_stages() -> Stages:
    """The real pipeline: ``policykg.nlp`` (imported here, as spaCy takes a while to load)."""
    from policykg.nlp.extract import extract_doc, resolve_batch
    from policykg.nlp.jsonl import dump_extraction
    from policykg.nlp.pipeline import build_nlp

    return Stages(
        make_nlp=build_nlp,
        extract_doc=extract_doc,
        resolve=resolve_batch,
        dump_extraction=dump_extraction,
    )


Inputs = Path | Sequence[Path]


def _folders(seeds: Inputs) -> list[Path]:
    return [seeds] if isinstance(seeds, Path) else list(seeds)


def build(
    seeds: Inputs,
    out: Path,
    *,
    use_cache: bool = True,
    progress: bool = False,
    plan: ExtractPlan = SERIAL,
    validator: str = COMPILED,
) -> BuildResult:
    """Build ``OUT/graph.ttl`` (plus ``extraction.jsonl`` and ``build.json``) from ``seeds`` (one
    folder or several, each with its manifest); ``plan`` says where documents missing from the
    cache are extracted, ``validator`` which SHACL validator checks the graph (the output is the
    same)."""
    return run_build(
        seeds,
        out,
        nlp_stages(),
        use_cache=use_cache,
        progress=progress,
        plan=plan,
        validator=validator,
    )


def run_build(
    seeds: Inputs,
    out: Path,
    stages: Stages,
    *,
    use_cache: bool = True,
    progress: bool = False,
    plan: ExtractPlan = SERIAL,
    validator: str = COMPILED,
) -> BuildResult:
    """:func:`build` with the NLP stages given."""
    if validator not in VALIDATORS:
        raise PolicyKGError(f"--validator: choose {' or '.join(VALIDATORS)}, not {validator!r}")
    with publish.locked(out):
        publish.recover(out)
        return _build_locked(
            seeds, out, stages, plan, use_cache=use_cache, progress=progress, validator=validator
        )


def _build_locked(
    seeds: Inputs,
    out: Path,
    stages: Stages,
    plan: ExtractPlan,
    *,
    use_cache: bool,
    progress: bool,
    validator: str,
) -> BuildResult:
    cache = DocCache(out / "cache") if use_cache else None
    with BuildProgress(enabled=progress) as bar:
        batch = read_batch(_folders(seeds))
        if not batch.docs:
            reasons = "; ".join(f"{path}: {why}" for path, why in batch.failures)
            raise InputError(
                ", ".join(map(str, _folders(seeds))),
                f"no readable documents{' (' + reasons + ')' if reasons else ''}",
            )
        results, failed, reused = extract_all(batch.docs, stages, cache, bar, plan)
        if cache is not None:
            cache.prune()
        bar.stage("resolving entities")
        entities, relations = stages.resolve(results)
        failures = batch.failures + failed
        found = Extraction(tuple(r.doc for r in results), entities, relations, failures)
        extraction, left_out = screen(found)
        bar.stage("building the RDF graph")
        with unscanned(), TurtleSpool(out) as spool:
            write_and_check(extraction, spool, bar, native=validator == COMPILED)
            bar.stage("writing graph.ttl")
            report = BuildReport.of(
                extraction,
                spool.triples,
                reused=reused,
                cache=cache,
                left_out=left_out,
                skipped=batch.skipped,
            )
            jsonl = stages.dump_extraction(extraction)
            graph_path = write_outputs(out, spool.write, jsonl, report)
    return BuildResult(
        graph_path, extraction, failures, batch.skipped, reused, len(results), report, bar.timings
    )


@contextmanager
def unscanned() -> Iterator[None]:
    """The objects alive now (the IR: millions of them, kept to the end) frozen out of the
    cyclic garbage collector's sight while the graph is written: the parts make millions of
    short-lived tuples, and each full collection would walk the IR again (half the time of
    writing the corpus graph went to it)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def write_and_check(
    extraction: Extraction, spool: TurtleSpool, bar: BuildProgress, *, native: bool = True
) -> None:
    """Spool every part of the graph and validate it, one part in memory at a time.

    The shared and entity parts are made first, for their types; each document part is then
    checked as soon as it is made (it points only at its own nodes and at those); the others
    are made again and checked last, when every type is known.
    """
    parts = GraphParts(extraction)
    checker = shacl_parts.PartChecker(native=native)
    checking = 0.0

    def check(rows: list[Row]) -> None:
        nonlocal checking
        start = time.perf_counter()
        checker.check(rows)
        checking += time.perf_counter() - start

    for part in parts.others():
        rows = part.rows()
        checker.types.add(rows)
        spool.add(rows)
    for part in parts.documents():
        rows = part.rows()
        checker.types.add(rows)
        spool.add(rows)
        check(rows)
    for part in parts.others():
        check(part.rows())
    checker.raise_if_any()
    bar.carve(VALIDATION_STAGE, checking)
    bar.note(f"{spool.triples} triples conform to the SHACL shapes")


def extract_all(
    docs: Sequence[SourceDoc],
    stages: Stages,
    cache: DocCache | None,
    bar: BuildProgress,
    plan: ExtractPlan = SERIAL,
) -> tuple[list[DocResult], tuple[tuple[str, str], ...], int]:
    """Each document's DocResult, from the cache when it has one, the others extracted as
    ``plan`` says; results and failures come in document order, failures are kept, not raised."""
    outcomes: dict[int, Outcome] = {}
    todo: list[int] = []
    bar.start_documents(len(docs))
    for index, doc in enumerate(docs):
        cached = cache.get(doc) if cache is not None else None
        if cached is None:
            todo.append(index)
            continue
        outcomes[index] = cached
        bar.document_done(doc.name, from_cache=True)

    def done(position: int, outcome: Outcome) -> None:
        index = todo[position]
        if isinstance(outcome, Failed):
            logger.error(
                "%s: extraction failed\n%s", outcome.path, outcome.detail or outcome.reason
            )
        elif cache is not None:
            cache.put(outcome)
        outcomes[index] = outcome
        bar.document_done(docs[index].name, from_cache=False)

    if todo:
        bar.note(plan.describe())
        run_plan([docs[i] for i in todo], stages, plan, done)
    ordered = [outcomes[i] for i in sorted(outcomes)]
    results = [o for o in ordered if isinstance(o, DocResult)]
    failures = tuple((o.path, o.reason) for o in ordered if isinstance(o, Failed))
    return results, failures, len(docs) - len(todo)


def extract_batch_with(batch: Batch, stages: Stages, plan: ExtractPlan) -> Extraction:
    """``policykg extract`` on a plan: every document extracted (no cache), then resolved."""
    with BuildProgress(enabled=False) as bar:
        results, failed, _ = extract_all(batch.docs, stages, None, bar, plan)
    entities, relations = stages.resolve(results)
    docs = tuple(r.doc for r in results)
    return Extraction(docs, entities, relations, batch.failures + failed)
