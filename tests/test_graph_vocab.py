"""The Python vocabulary (policykg.graph.vocab) and ontology/policykg.ttl must agree."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from policykg.graph.vocab import (
    ASSERTION_CLASSES,
    DOCUMENT_CLASSES,
    ENTITY_CLASSES,
    GLOSSARY_SCHEME,
    KG,
    KG_TERMS,
    SLOGAN_SCHEME,
    ontology_path,
    shapes_path,
)
from policykg.ir import EntityType


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def declared_kg_terms(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        s
        for kind in kinds
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(KG))
    }


def test_code_and_ontology_declare_the_same_kg_terms(ontology: Graph) -> None:
    declared = declared_kg_terms(ontology)
    assert declared - KG_TERMS == set(), "declared in policykg.ttl but never written by the code"
    assert KG_TERMS - declared == set(), "written by the code but missing from policykg.ttl"


@pytest.mark.parametrize(
    "classes", [*ENTITY_CLASSES.values(), DOCUMENT_CLASSES, ASSERTION_CLASSES], ids=str
)
def test_superclasses_written_on_nodes_match_the_ontology(
    ontology: Graph, classes: tuple[URIRef, tuple[URIRef, ...]]
) -> None:
    cls, supers = classes
    assert set(ontology.objects(cls, RDFS.subClassOf)) == set(supers)


def test_every_entity_type_has_a_class() -> None:
    assert set(ENTITY_CLASSES) == set(EntityType)


def test_every_kg_term_has_a_chinese_and_an_english_label(ontology: Graph) -> None:
    for term in declared_kg_terms(ontology):
        languages = {label.language for label in ontology.objects(term, RDFS.label)}  # type: ignore[attr-defined]
        assert "en" in languages, term
        if term not in (KG.sha256,):
            assert "zh" in languages, term


def test_schemes_are_declared(ontology: Graph) -> None:
    from rdflib.namespace import SKOS

    for scheme in (GLOSSARY_SCHEME, SLOGAN_SCHEME):
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology


def test_shapes_file_parses_and_only_targets_declared_kg_classes(ontology: Graph) -> None:
    from rdflib.namespace import SH

    shapes = Graph().parse(shapes_path(), format="turtle")
    targets = {t for t in shapes.objects(None, SH.targetClass) if str(t).startswith(str(KG))}
    assert targets and targets <= declared_kg_terms(ontology)
