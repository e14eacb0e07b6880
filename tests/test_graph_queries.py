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

CASES = Path(__file__).parent / "data" / "cases"
CASE_FILES = sorted(CASES.glob("*/expected.ttl"))

OFFSETS = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?s ?ok WHERE {
  ?s nif:referenceContext ?ctx ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a .
  ?ctx nif:isString ?text .
  BIND(SUBSTR(?text, ?b + 1, ?e - ?b) = ?a AS ?ok)
}
"""


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.parent.name)
def test_every_anchor_is_its_substring_in_rdflib(path: Path) -> None:
    rows = list(Graph().parse(path, format="turtle").query(OFFSETS))
    assert rows and all(row.ok.toPython() is True for row in rows)  # type: ignore[union-attr]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.parent.name)
def test_every_anchor_is_its_substring_in_oxigraph(path: Path) -> None:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(OFFSETS))  # type: ignore[arg-type]
    assert rows and all(row["ok"].value == "true" for row in rows)


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
    rows = list(graph.query(OFFSETS))
    assert len(rows) == 2 and all(row.ok.toPython() is True for row in rows)  # type: ignore[union-attr]
