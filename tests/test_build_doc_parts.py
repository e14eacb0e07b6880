"""``build --jobs N``: the documents' RDF, Turtle and SHACL made on worker processes give the bytes
and the verdict of the parts made here, and a worker that fails leaves its documents to the
parent (``policykg.build.doc_parts``)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from policykg.build import other_parts
from policykg.build.doc_parts import make_task, run_task
from policykg.build.pool import Workers
from policykg.build.progress import BuildProgress
from policykg.build.stages import Stages
from policykg.build.write_graph import write_and_check
from policykg.errors import OntologyError
from policykg.graph.rdf import GraphParts
from policykg.graph.shacl_parts import PartChecker
from policykg.graph.turtle_spool import TurtleSpool
from policykg.ir import DocResult, Extraction, SourceDoc


def load_parts_tests() -> ModuleType:
    """``test_graph_parts`` (tests are imported by path, not as a package)."""
    path = Path(__file__).with_name("test_graph_parts.py")
    spec = importlib.util.spec_from_file_location("policykg_test_graph_parts_for_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PARTS = load_parts_tests()


def never_nlp() -> Any:
    raise AssertionError("no document is extracted here")


def never_extract(doc: SourceDoc, nlp: Any) -> DocResult:
    raise AssertionError("no document is extracted here")


STAGES = Stages(never_nlp, never_extract, lambda results: ((), ()), lambda ex: iter(()))


class DyingWorkers(Workers):
    """Workers whose every task fails, as if the process had died."""

    def _submit(self, task: Callable[[Any], Any], item: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(RuntimeError("worker died"))
        return future


def graph_bytes(extraction: Extraction, folder: Path, workers: Workers | None) -> bytes:
    with BuildProgress(enabled=False) as bar, TurtleSpool(folder) as spool:
        write_and_check(GraphParts(extraction, size=PARTS.PART_SIZE), spool, bar, workers)
        spool.write(folder / "graph.ttl")
    return (folder / "graph.ttl").read_bytes()


def test_parts_made_on_workers_give_the_bytes_made_here(tmp_path: Path) -> None:
    extraction = PARTS.joined_cases()
    here = graph_bytes(extraction, tmp_path / "here", None)
    with Workers(STAGES, 2) as workers:
        there = graph_bytes(extraction, tmp_path / "there", workers)
    assert there == here
    died = graph_bytes(extraction, tmp_path / "died", DyingWorkers(STAGES, 2))
    assert died == here


def checked_types(parts: GraphParts) -> PartChecker:
    checker = PartChecker()
    for part in parts.others():
        checker.types.add(part)
    return checker


def test_a_document_task_has_the_verdict_of_its_part_checked_here() -> None:
    extraction = PARTS.joined_cases()
    broken = Extraction(
        extraction.docs,
        tuple(e for e in extraction.entities if e.type.value != "Project"),
        (),
    )
    parts = GraphParts(broken, size=PARTS.PART_SIZE)
    checker = checked_types(parts)
    for doc, part in zip(broken.docs, parts.documents(), strict=True):
        done = run_task(make_task(parts, doc, checker.types, native=True))
        here = PartChecker()
        here.types = checker.types
        here.check(part)
        assert done.violations == here.found
        assert done.rows is None


def test_a_document_pointing_at_nodes_whose_types_were_not_sent_is_left_to_the_parent() -> None:
    extraction = PARTS.joined_cases()
    parts = GraphParts(extraction, size=PARTS.PART_SIZE)
    checker = checked_types(parts)
    named = [doc for doc in extraction.docs if parts.plan.mentions.get(doc.name)]
    assert named
    task = replace(make_task(parts, named[0], checker.types, native=True), types={})
    done = run_task(task)
    assert done.violations is None and done.rows


def test_a_violation_found_on_a_worker_fails_the_build(tmp_path: Path) -> None:
    extraction = PARTS.joined_cases()
    docs = (replace(extraction.docs[0], sha256="not a digest"), *extraction.docs[1:])
    broken = Extraction(docs, extraction.entities, extraction.relations)
    with Workers(STAGES, 2) as workers, pytest.raises(OntologyError) as caught:
        graph_bytes(broken, tmp_path / "there", workers)
    with pytest.raises(OntologyError) as serial:
        graph_bytes(broken, tmp_path / "here", None)
    assert str(caught.value) == str(serial.value) and "sha256" in str(caught.value)


def test_a_violation_in_an_entity_part_checked_on_a_worker_fails_the_build(tmp_path: Path) -> None:
    extraction = PARTS.joined_cases()
    first, *rest = extraction.entities
    broken = Extraction(extraction.docs, (replace(first, label=""), *rest), extraction.relations)
    with pytest.raises(OntologyError) as serial:
        graph_bytes(broken, tmp_path / "here", None)
    with Workers(STAGES, 2) as workers, pytest.raises(OntologyError) as caught:
        graph_bytes(broken, tmp_path / "there", workers)
    with pytest.raises(OntologyError) as died:
        graph_bytes(broken, tmp_path / "died", DyingWorkers(STAGES, 2))
    assert str(caught.value) == str(serial.value) == str(died.value)
    assert "prefLabel" in str(serial.value)


@pytest.mark.parametrize("limit", [0, 10**9])
def test_the_other_parts_made_again_or_kept_give_the_same_bytes_and_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    extraction = PARTS.joined_cases()
    reference = graph_bytes(extraction, tmp_path / "reference", None)
    monkeypatch.setattr(other_parts, "KEEP_ROWS", limit)
    assert graph_bytes(extraction, tmp_path / "here", None) == reference
    with Workers(STAGES, 2) as workers:
        assert graph_bytes(extraction, tmp_path / "there", workers) == reference
    first, *rest = extraction.entities
    broken = Extraction(extraction.docs, (replace(first, label=""), *rest), extraction.relations)
    with pytest.raises(OntologyError, match="prefLabel"):
        graph_bytes(broken, tmp_path / "broken", None)


def test_kept_rows_give_up_past_their_limit() -> None:
    kept: other_parts.KeptRows[list[Any]] = other_parts.KeptRows(limit=3)
    kept.add([("s", True, "p", "o", "I", "", "")] * 2)
    assert kept.kept is not None
    kept.add([("t", True, "p", "o", "I", "", "")] * 2)
    assert kept.kept is None and kept.count == 4


class RecordingWorkers(Workers):
    """Workers that run each task at once in this process, recording the tasks."""

    def __init__(self) -> None:
        super().__init__(STAGES, 2)
        self.sent: list[Any] = []

    def _submit(self, task: Callable[[Any], Any], item: Any) -> Future[Any]:
        self.sent.append(item)
        future: Future[Any] = Future()
        future.set_result(task(item))
        return future


def test_the_other_parts_are_pickled_once_for_their_turtle_and_their_check(
    tmp_path: Path,
) -> None:
    extraction = PARTS.joined_cases()
    reference = graph_bytes(extraction, tmp_path / "reference", None)
    workers = RecordingWorkers()
    assert graph_bytes(extraction, tmp_path / "there", workers) == reference
    turtle = [t.data for t in workers.sent if isinstance(t, other_parts.OtherTurtle)]
    checks = [t for t in workers.sent if isinstance(t, other_parts.OtherCheck)]
    assert len(turtle) == len(checks) > 1
    assert all(c.data is t for c, t in zip(checks, turtle, strict=True))  # the same bytes
    parts = GraphParts(extraction, size=PARTS.PART_SIZE)
    assert [other_parts.unpickled(t) for t in turtle] == [p.rows() for p in parts.others()]
