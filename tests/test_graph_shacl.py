"""SHACL: the shapes accept good graphs and reject broken ones with a readable report."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from policykg.errors import OntologyError
from policykg.graph import shacl
from policykg.graph.vocab import KG, NIF

CASES = Path(__file__).parent / "data" / "cases"
NON_NEGATIVE_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def case_graph(name: str) -> Graph:
    return Graph().parse(CASES / name / "expected.ttl", format="turtle")


def first(graph: Graph, cls: URIRef) -> URIRef:
    node = sorted(graph.subjects(RDF.type, cls))[0]
    assert isinstance(node, URIRef)
    return node


def test_golden_graphs_conform() -> None:
    for case in ("glossary", "project_amounts", "park_slogan"):
        assert shacl.violations(case_graph(case)) == []


def test_two_preferred_labels_are_reported_with_the_label() -> None:
    g = case_graph("project_amounts")
    enterprise = first(g, KG.Enterprise)
    g.add((enterprise, SKOS.prefLabel, Literal("恒强化工", lang="zh")))
    with pytest.raises(OntologyError) as caught:
        shacl.check(g)
    report = str(caught.value)
    assert "MaxCountConstraintComponent" in report and "prefLabel" in report
    assert str(enterprise) in report


def test_a_label_without_language_tag_is_refused() -> None:
    g = case_graph("glossary")
    concept = first(g, KG.Abbreviation)
    g.set((concept, SKOS.prefLabel, Literal("六稳")))
    found = shacl.violations(g)
    assert any(v.path.endswith("prefLabel") and str(concept) in v.focus for v in found)


def test_undertakes_must_point_at_a_project() -> None:
    g = case_graph("park_slogan")
    enterprise = first(g, KG.Enterprise)
    g.add((enterprise, KG.undertakes, first(g, KG.Park)))
    found = shacl.violations(g)
    assert any(v.constraint == "ClassConstraintComponent" and "undertakes" in v.path for v in found)


def test_an_assertion_needs_evidence() -> None:
    g = case_graph("project_amounts")
    assertion = first(g, KG.Assertion)
    g.remove((assertion, KG.evidence, None))
    found = shacl.violations(g)
    assert any(
        v.path.endswith("evidence") and v.constraint == "MinCountConstraintComponent" for v in found
    )


def test_offsets_must_be_xsd_integer() -> None:
    g = case_graph("glossary")
    phrase = first(g, NIF.Phrase)
    begin = g.value(phrase, NIF.beginIndex)
    g.set((phrase, NIF.beginIndex, Literal(str(begin), datatype=NON_NEGATIVE_INTEGER)))
    found = shacl.violations(g)
    assert any(
        v.constraint == "DatatypeConstraintComponent" and "beginIndex" in v.path for v in found
    )


def test_begin_must_be_less_than_end() -> None:
    g = case_graph("glossary")
    phrase = first(g, NIF.Phrase)
    g.set((phrase, NIF.beginIndex, Literal(10**6)))
    found = shacl.violations(g)
    assert any(v.constraint == "LessThanConstraintComponent" for v in found)


def test_report_groups_many_violations_and_shows_few_examples() -> None:
    g = case_graph("glossary")
    for concept in list(g.subjects(RDF.type, SKOS.Concept)):
        g.remove((concept, SKOS.inScheme, None))
    text = shacl.format_report(shacl.violations(g))
    assert text.count("e.g.") <= shacl.EXAMPLES_PER_PROBLEM * 3
    assert "node(s)" in text


def test_unreadable_shapes_file_is_an_ontology_error(tmp_path: Path) -> None:
    broken = tmp_path / "shapes.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(OntologyError, match="shapes"):
        shacl.violations(case_graph("glossary"), broken)
