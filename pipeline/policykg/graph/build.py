"""``policykg build``: read -> extract (or reuse the cache) -> resolve -> RDF -> SHACL -> write.

Every output is written atomically and only after the graph validates, so a failed or
interrupted build leaves the previous ``graph.ttl`` as it was. The graph is never held whole:
it is made in parts (``rdf.graph_parts``), spooled as sorted Turtle blocks while the types of
its nodes are gathered, then made again part by part for SHACL (``shacl_parts``), so time and
memory grow with the corpus, not faster.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from policykg.errors import InputError
from policykg.graph import shacl_parts
from policykg.graph.build_progress import BuildProgress
from policykg.graph.cache import DocCache
from policykg.graph.outputs import BuildReport, write_outputs
from policykg.graph.rdf import GraphParts
from policykg.graph.screen import screen
from policykg.graph.turtle_spool import TurtleSpool
from policykg.ir import DocResult, Entity, Extraction, Relation, SourceDoc
from policykg.text.sources import read_batch

logger = logging.getLogger(__name__)

Resolver = Callable[[Sequence[DocResult]], tuple[tuple[Entity, ...], tuple[Relation, ...]]]


@dataclass(frozen=True, slots=True)
class Stages:
    """The NLP functions a build calls; tests may pass small ones to check the build mechanics."""

    make_nlp: Callable[[], Any]
    extract_doc: Callable[[SourceDoc, Any], DocResult]
    resolve: Resolver
    dump_extraction: Callable[[Extraction], Iterable[str]]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced and where it wrote it."""

    graph_path: Path
    extraction: Extraction
    failures: tuple[tuple[str, str], ...]
    reused: int
    documents: int
    report: BuildReport
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
    from policykg.nlp.extract import extract_doc
    from policykg.nlp.jsonl import dump_extraction
    from policykg.nlp.pipeline import build_nlp
    from policykg.nlp.resolve import resolve

    return Stages(
        make_nlp=build_nlp,
        extract_doc=extract_doc,
        resolve=resolve,
        dump_extraction=dump_extraction,
    )


def build(seeds: Path, out: Path, *, use_cache: bool = True, progress: bool = False) -> BuildResult:
    """Build ``OUT/graph.ttl`` (plus ``extraction.jsonl`` and ``build.json``) from ``seeds``."""
    return run_build(seeds, out, nlp_stages(), use_cache=use_cache, progress=progress)


def run_build(
    seeds: Path, out: Path, stages: Stages, *, use_cache: bool = True, progress: bool = False
) -> BuildResult:
    """:func:`build` with the NLP stages given."""
    cache = DocCache(out / "cache") if use_cache else None
    with BuildProgress(enabled=progress) as bar:
        batch = read_batch([seeds])
        if not batch.docs:
            reasons = "; ".join(f"{path}: {why}" for path, why in batch.failures)
            raise InputError(
                seeds, f"no readable documents{' (' + reasons + ')' if reasons else ''}"
            )
        results, failed, reused = extract_all(batch.docs, stages, cache, bar)
        if cache is not None:
            cache.prune()
        bar.stage("resolving entities")
        entities, relations = stages.resolve(results)
        failures = batch.failures + failed
        found = Extraction(tuple(r.doc for r in results), entities, relations, failures)
        extraction, left_out = screen(found)
        bar.stage("building and validating the RDF graph")
        with TurtleSpool(out) as spool:
            write_and_check(extraction, spool, bar)
            bar.stage("writing graph.ttl")
            report = BuildReport.of(
                extraction, spool.triples, reused=reused, cache=cache, left_out=left_out
            )
            jsonl = stages.dump_extraction(extraction)
            graph_path = write_outputs(out, spool.write, jsonl, report)
    return BuildResult(graph_path, extraction, failures, reused, len(results), report)


def write_and_check(extraction: Extraction, spool: TurtleSpool, bar: BuildProgress) -> None:
    """Spool every part of the graph and validate it, one part in memory at a time.

    The shared and entity parts are made first, for their types; each document part is then
    checked as soon as it is made (it points only at its own nodes and at those); the others
    are made again and checked last, when every type is known.
    """
    parts = GraphParts(extraction)
    checker = shacl_parts.PartChecker()
    for part in parts.others():
        checker.types.add(part)
        spool.add(part)
    for part in parts.documents():
        checker.types.add(part)
        spool.add(part)
        checker.check(part)
    for part in parts.others():
        checker.check(part)
    checker.raise_if_any()
    bar.note(f"{spool.triples} triples conform to the SHACL shapes")


def extract_all(
    docs: Sequence[SourceDoc], stages: Stages, cache: DocCache | None, bar: BuildProgress
) -> tuple[list[DocResult], tuple[tuple[str, str], ...], int]:
    """Each document's DocResult, from the cache when it has one; failures are kept, not raised."""
    results: list[DocResult] = []
    failures: list[tuple[str, str]] = []
    reused = 0
    nlp: Any = None
    bar.start_documents(len(docs))
    for doc in docs:
        cached = cache.get(doc) if cache is not None else None
        if cached is not None:
            results.append(cached)
            reused += 1
            bar.document_done(doc.name, from_cache=True)
            continue
        if nlp is None:
            bar.note("loading the NLP pipeline")
            nlp = stages.make_nlp()
        try:
            result = stages.extract_doc(doc, nlp)
        except Exception as exc:  # one bad document must not sink the others
            logger.exception("%s: extraction failed", doc.path)
            failures.append((doc.path, f"extraction failed: {type(exc).__name__}: {exc}"))
            bar.document_done(doc.name, from_cache=False)
            continue
        if cache is not None:
            cache.put(result)
        results.append(result)
        bar.document_done(doc.name, from_cache=False)
    return results, tuple(failures), reused
