"""Golden cases: a small document and its extraction (``ir.json``) must give ``expected.ttl``.

Each folder of tests/data/cases/ holds ``input.txt`` (the document), ``ir.json`` (entities and
relations as an extractor would resolve them; offsets are found by searching the text, so the
files stay readable), ``expected.ttl`` (reviewed by hand) and ``notes.md`` (what the case checks).
Graphs are compared by isomorphism; on failure the triples only in one side are printed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from policykg.graph import shacl
from policykg.graph.rdf import to_graph
from policykg.ir import (
    Amount,
    DocMeta,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    RelationType,
    SourceDoc,
    TextSpan,
    entity_id,
)

CASES = Path(__file__).parent / "data" / "cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "ir.json").is_file())


def span_of(doc: SourceDoc, text: str, occurrence: int = 0) -> TextSpan:
    """The ``occurrence``-th place ``text`` appears in the document."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.raw.index(text, start + 1)
    return TextSpan(doc.name, start, start + len(text), text)


def read_doc(folder: Path, spec: dict[str, Any]) -> SourceDoc:
    data = (folder / "input.txt").read_bytes()
    meta = DocMeta(name=spec["name"], **spec["meta"])
    return SourceDoc(
        spec["name"],
        str(folder / "input.txt"),
        data.decode(),
        "utf-8",
        hashlib.sha256(data).hexdigest(),
        meta,
    )


def read_entity(doc: SourceDoc, spec: dict[str, Any]) -> Entity:
    kind = EntityType(spec["type"])
    mentions = tuple(
        Mention(
            span_of(doc, m["text"], m.get("occurrence", 0)),
            m["source"],
            span_of(doc, m["sentence"]) if "sentence" in m else None,
        )
        for m in spec["mentions"]
    )
    amounts = tuple(
        Amount(a["kind"], a["value"], a["unit"], span_of(doc, a["text"]))
        for a in spec.get("amounts", [])
    )
    return Entity(
        id=entity_id(kind, spec["label"]),
        type=kind,
        label=spec["label"],
        aliases=tuple(spec.get("aliases", [])),
        definition=spec.get("definition"),
        parts=tuple(spec.get("parts", [])),
        mentions=mentions,
        amounts=amounts,
        merges=tuple(spec.get("merges", [])),
    )


def case_extraction(folder: Path) -> Extraction:
    """The Extraction a case's ir.json describes."""
    spec = json.loads((folder / "ir.json").read_text(encoding="utf-8"))
    doc = read_doc(folder, spec["doc"])
    entities = {ref: read_entity(doc, e) for ref, e in spec["entities"].items()}
    relations = tuple(
        Relation(
            RelationType(r["type"]),
            entities[r["subject"]].id,
            entities[r["object"]].id,
            tuple(span_of(doc, text) for text in r["evidence"]),
            tuple(r["rules"]),
        )
        for r in spec["relations"]
    )
    return Extraction((doc,), tuple(entities.values()), relations)


def diff_text(got: Graph, expected: Graph) -> str:
    _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
    return (
        "only in the built graph:\n"
        + only_got.serialize(format="nt")
        + "\nonly in expected.ttl:\n"
        + only_expected.serialize(format="nt")
    )


@pytest.mark.parametrize("case", CASE_NAMES)
def test_golden_case_is_isomorphic_to_expected(case: str) -> None:
    folder = CASES / case
    got = to_graph(case_extraction(folder))
    expected = Graph().parse(folder / "expected.ttl", format="turtle")
    assert isomorphic(got, expected), diff_text(got, expected)


@pytest.mark.parametrize("case", CASE_NAMES)
def test_golden_case_conforms_to_shapes(case: str) -> None:
    shacl.check(to_graph(case_extraction(CASES / case)))


def test_every_case_has_its_files() -> None:
    assert len(CASE_NAMES) >= 3
    for case in CASE_NAMES:
        for name in ("input.txt", "ir.json", "expected.ttl", "notes.md"):
            assert (CASES / case / name).is_file(), f"{case}/{name} missing"
