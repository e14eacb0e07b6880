"""SPARQL over built graphs: the NIF offset invariant (rdflib and Oxigraph agree), and the
example queries of ontology/README.md answer."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from policykg.graph.rdf import to_graph
from policykg.graph.vocab import ontology_path
from policykg.ir import DocMeta, Entity, EntityType, Extraction, Mention, SourceDoc, TextSpan
from policykg.paths import data_dir

CASES = Path(__file__).parent / "data" / "cases"
CASE_FILES = sorted(CASES.glob("*/expected.ttl"))

OFFSETS = (data_dir("queries") / "checks" / "mention-offsets.rq").read_text(encoding="utf-8")
STRINGS = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?s WHERE { ?s nif:referenceContext ?ctx ; nif:anchorOf ?a }
"""
BREAK_AN_ANCHOR = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
DELETE { ?m nif:anchorOf ?a } INSERT { ?m nif:anchorOf "不对" }
WHERE { { SELECT ?m ?a WHERE { ?m a nif:Phrase ; nif:anchorOf ?a } ORDER BY ?m LIMIT 1 } }
"""


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.parent.name)
def test_offset_check_passes_and_catches_a_broken_anchor_in_rdflib(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    assert list(g.query(STRINGS)) and not list(g.query(OFFSETS))
    g.update(BREAK_AN_ANCHOR)
    assert [str(row.anchor) for row in g.query(OFFSETS)] == ["不对"]  # type: ignore[union-attr]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.parent.name)
def test_offset_check_passes_and_catches_a_broken_anchor_in_oxigraph(path: Path) -> None:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert list(store.query(STRINGS)) and not list(store.query(OFFSETS))  # type: ignore[arg-type]
    store.update(BREAK_AN_ANCHOR)
    broken = list(store.query(OFFSETS))  # type: ignore[arg-type]
    assert len(broken) == 1 and broken[0]["anchor"].value == "不对"


def readme_queries() -> list[str]:
    text = (ontology_path().parent / "README.md").read_text(encoding="utf-8")
    return [q for q in re.findall(r"```sparql\n(.*?)```", text, re.S) if "SELECT" in q]


@pytest.mark.parametrize("query", readme_queries())
def test_readme_example_queries_answer(query: str) -> None:
    g = Graph()
    for path in CASE_FILES:
        g.parse(path, format="turtle")
    assert len(list(g.query(query))) > 0


texts = st.text(
    alphabet=st.sampled_from(list("新绛县六稳，。“”\n \t𠀀𪚥abc123")), min_size=2, max_size=60
)


@settings(max_examples=30, deadline=None)
@given(texts, st.data())
def test_offsets_hold_for_any_text_including_astral_characters(
    raw: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(raw) - 1))
    end = data.draw(st.integers(start + 1, len(raw)))
    doc = SourceDoc("x.txt", "x.txt", raw, "utf-8", "0" * 64, DocMeta("x.txt"))
    span = TextSpan("x.txt", start, end, raw[start:end])
    entity = Entity("slogan/abc", EntityType.SLOGAN, "某", mentions=(Mention(span, "test", span),))
    graph = to_graph(Extraction((doc,), (entity,), ()))
    assert len(list(graph.query(STRINGS))) == 2  # the phrase and its sentence
    assert list(graph.query(OFFSETS)) == []
