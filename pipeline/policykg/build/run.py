"""``policykg build``: read -> extract (or reuse the cache) -> resolve -> RDF -> SHACL -> write.

The outputs are written only after the graph validates, and appear together or not at all
(``publish``), so a failed or interrupted build leaves the previous ones as they were. The graph is never held whole:
it is made in parts of plain tuples (``rdf.GraphParts``, ``graph.triples``), spooled as sorted
Turtle blocks while the types of its nodes are gathered and checked part by part against the SHACL
shapes (``write_graph``; with ``--jobs N`` the document parts on the workers, ``doc_parts``), so
time and memory grow with the corpus, not faster.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rdflib import Graph

from policykg.build import publish
from policykg.build.cache import DocCache
from policykg.build.collector import YOUNG_THRESHOLD, keep_received, unscanned
from policykg.build.doc_parts import ready_worker
from policykg.build.plan import SERIAL, ExtractPlan, run_plan
from policykg.build.pool import Workers
from policykg.build.progress import BuildProgress
from policykg.build.report import BuildReport, lines_in_steps, staged_outputs
from policykg.build.stages import Failed, Outcome, Stages
from policykg.build.write_graph import write_and_check
from policykg.errors import InputError, PolicyKGError
from policykg.graph import atomic
from policykg.graph.outputs import EXTRACTION_NAME, GRAPH_NAME, REPORT_NAME
from policykg.graph.rdf import GraphParts
from policykg.graph.screen import screen
from policykg.graph.turtle_spool import TurtleSpool
from policykg.ir import DocResult, Extraction, SourceDoc
from policykg.text.sources import Batch, read_batch

logger = logging.getLogger(__name__)

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
    """The real pipeline: ``policykg.nlp`` (spaCy is imported only by a process that
    extracts: the parent of a ``--jobs N`` build never does)."""
    from policykg.nlp.entry import extract_document, make_nlp
    from policykg.nlp.jsonl import dump_extraction
    from policykg.nlp.resolve.batch import resolve_batch, warm_up

    return Stages(
        make_nlp=make_nlp,
        extract_doc=extract_document,
        resolve=resolve_batch,
        dump_extraction=dump_extraction,
        warm_resolve=warm_up,
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
    local = plan.jobs > 1 and plan.dask is None  # the RDF of documents goes to the workers too
    with BuildProgress(enabled=progress) as bar, ExitStack() as stack:
        workers = stack.enter_context(Workers(stages, plan.jobs)) if local else None
        if workers is not None:
            workers.warm_up()  # the workers' pipeline is built while the documents are read
        batch = read_batch(_folders(seeds))
        if workers is not None:
            stages.warm_resolve()  # while the fork server still builds the workers' pipeline
        if not batch.docs:
            reasons = "; ".join(f"{path}: {why}" for path, why in batch.failures)
            raise InputError(
                ", ".join(map(str, _folders(seeds))),
                f"no readable documents{' (' + reasons + ')' if reasons else ''}",
            )
        results, failed, reused = extract_all(batch.docs, stages, cache, bar, plan, workers)
        if workers is not None:
            workers.send_each(ready_worker)  # while the entities are resolved here
        if cache is not None:
            cache.prune()
        bar.stage("resolving entities")
        with unscanned():  # the documents' results: millions of objects, read, not freed
            extraction, left_out = screen(resolved(results, stages, batch.failures + failed))
        documents = len(results)
        del results  # the candidates: what is left of them is in the entities now
        bar.stage("building the RDF graph")
        young = YOUNG_THRESHOLD if validator == COMPILED else 0
        with unscanned(young=young):
            report = _graph_and_outputs(
                extraction,
                out,
                bar,
                workers,
                lines=stages.dump_extraction(extraction),
                native=validator == COMPILED,
                report=partial(
                    BuildReport.of,
                    extraction,
                    reused=reused,
                    cache=cache,
                    left_out=left_out,
                    skipped=batch.skipped,
                ),
            )
    return BuildResult(
        out / GRAPH_NAME,
        extraction,
        batch.failures + failed,
        batch.skipped,
        reused,
        documents,
        report,
        bar.timings,
    )


def _graph_and_outputs(
    extraction: Extraction,
    out: Path,
    bar: BuildProgress,
    workers: Workers | None,
    *,
    lines: Iterable[str],
    native: bool,
    report: Callable[[int], BuildReport],
) -> BuildReport:
    """Make, check and spool the graph of ``extraction``, then move ``graph.ttl``,
    ``extraction.jsonl`` (``lines``: with ``workers``, written while this process waits for
    them) and ``build.json`` (``report`` of the number of triples) into ``out`` together."""
    with TurtleSpool(out) as spool, staged_outputs(out) as staged:
        with lines_in_steps(staged.path(EXTRACTION_NAME), lines) as jsonl:
            parts = GraphParts(extraction)
            write_and_check(parts, spool, bar, workers, native=native, idle=jsonl)
            bar.stage("writing graph.ttl")
        built = report(spool.triples)
        atomic.write_text(staged.path(REPORT_NAME), built.to_json())
        spool.write(staged.path(GRAPH_NAME))
    return built


def resolved(
    results: Sequence[DocResult], stages: Stages, failures: tuple[tuple[str, str], ...]
) -> Extraction:
    """The documents of ``results`` with their entities and relations resolved."""
    entities, relations = stages.resolve(results)
    return Extraction(tuple(r.doc for r in results), entities, relations, failures)


def extract_all(
    docs: Sequence[SourceDoc],
    stages: Stages,
    cache: DocCache | None,
    bar: BuildProgress,
    plan: ExtractPlan = SERIAL,
    workers: Workers | None = None,
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
        if received:
            keep_received()
        bar.document_done(docs[index].name, from_cache=False)

    # Extracted elsewhere (workers, Dask: see run_plan), this process only receives the results
    # and keeps them.
    received = plan.dask is not None or (plan.jobs > 1 and len(todo) > 1)
    if todo:
        bar.note(plan.describe())
        with unscanned() if received else nullcontext():
            run_plan([docs[i] for i in todo], stages, plan, done, workers)
    ordered = [outcomes[i] for i in sorted(outcomes)]
    results = [o for o in ordered if isinstance(o, DocResult)]
    failures = tuple((o.path, o.reason) for o in ordered if isinstance(o, Failed))
    return results, failures, len(docs) - len(todo)


def extract_batch_with(batch: Batch, stages: Stages, plan: ExtractPlan) -> Extraction:
    """``policykg extract`` on a plan: every document extracted (no cache), then resolved."""
    with BuildProgress(enabled=False) as bar:
        results, failed, _ = extract_all(batch.docs, stages, None, bar, plan)
    with unscanned():  # as in a build
        entities, relations = stages.resolve(results)
    docs = tuple(r.doc for r in results)
    return Extraction(docs, entities, relations, batch.failures + failed)
