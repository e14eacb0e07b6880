"""``build --jobs N`` sends the first document parts before the other parts are made, with the
types those will give read from the plan (``policykg.build.interleave``): the guess is right,
and when it is not the bytes and the verdict are still those of the serial build."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from tests.test_build_doc_parts import PARTS, STAGES, graph_bytes

from policykg.build import interleave
from policykg.build.pool import Workers
from policykg.errors import OntologyError
from policykg.graph.rdf import GraphParts
from policykg.graph.shacl_parts import TypeIndex
from policykg.ir import Extraction


def test_the_types_read_from_the_plan_are_those_the_other_parts_give() -> None:
    parts = GraphParts(PARTS.joined_cases(), size=PARTS.PART_SIZE)
    types = TypeIndex()
    for part in parts.others():
        types.add(part)
    pointed = {node for found in parts.plan.mentions.values() for node, _, _ in found}
    pointed |= set(parts.places.values())
    assert len(pointed) > 5
    for node in sorted(pointed):
        assert parts.expected_types(node) == types.subset([node])[node], node


def test_documents_sent_early_or_late_give_the_serial_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extraction = PARTS.joined_cases()
    here = graph_bytes(extraction, tmp_path / "here", None)
    assert len(extraction.docs) > 2
    for early in (0, 1, len(extraction.docs)):
        monkeypatch.setattr(interleave, "EARLY_DOCS", early)
        with Workers(STAGES, 2) as workers:
            assert graph_bytes(extraction, tmp_path / f"early{early}", workers) == here


def test_a_wrong_guess_is_checked_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    extraction = PARTS.joined_cases()
    here = graph_bytes(extraction, tmp_path / "here", None)
    monkeypatch.setattr(GraphParts, "expected_types", lambda self, node: ())
    with Workers(STAGES, 2) as workers, caplog.at_level(logging.WARNING):
        assert graph_bytes(extraction, tmp_path / "there", workers) == here
    assert "sent with other types: checked here" in caplog.text

    docs = (replace(extraction.docs[0], sha256="not a digest"), *extraction.docs[1:])
    broken = Extraction(docs, extraction.entities, extraction.relations)
    with pytest.raises(OntologyError) as serial:
        graph_bytes(broken, tmp_path / "broken-here", None)
    with Workers(STAGES, 2) as workers, pytest.raises(OntologyError) as caught:
        graph_bytes(broken, tmp_path / "broken-there", workers)
    assert str(caught.value) == str(serial.value)
