"""The RDF terms of a policykg graph: the ``kg:`` vocabulary of ``ontology/policykg.ttl`` and the
standard namespaces it reuses.

Every ``kg:`` term the code writes is named here once; ``tests/test_graph_vocab.py`` checks that
this module and the ontology file declare the same terms and the same superclasses.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import ORG, PROV, RDF, SDO, SKOS

from policykg.ir import EntityType, RelationType
from policykg.paths import data_dir

BASE = "https://w3id.org/policykg/"
KG = Namespace(BASE + "def#")
ID = Namespace(BASE + "id/")
DOC = Namespace(BASE + "doc/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = SDO

GLOSSARY_SCHEME = URIRef(BASE + "scheme/glossary")
SLOGAN_SCHEME = URIRef(BASE + "scheme/slogans")
SHARED_GRAPH = URIRef(BASE + "graph/shared")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "id": str(ID),
    "doc": str(DOC),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Classes: the kg class of each entity type and the standard superclasses the ontology gives it.
# Both are written on every entity, so plain SPARQL (no reasoner) finds 六稳 as a skos:Concept.
ENTITY_CLASSES: dict[EntityType, tuple[URIRef, tuple[URIRef, ...]]] = {
    EntityType.ENTERPRISE: (KG.Enterprise, (ORG.FormalOrganization, SCHEMA.Organization)),
    EntityType.GOVERNMENT_BODY: (
        KG.GovernmentBody,
        (ORG.Organization, SCHEMA.GovernmentOrganization),
    ),
    EntityType.PARK: (KG.Park, (SCHEMA.Place,)),
    EntityType.PROJECT: (KG.Project, (SCHEMA.Project,)),
    EntityType.PLACE: (KG.Place, (SCHEMA.Place,)),
    EntityType.ABBREVIATION: (KG.Abbreviation, (SKOS.Concept,)),
    EntityType.SLOGAN: (KG.Slogan, (SKOS.Concept,)),
}
DOCUMENT_CLASSES: tuple[URIRef, tuple[URIRef, ...]] = (
    KG.Document,
    (SCHEMA.DigitalDocument, PROV.Entity),
)
ASSERTION_CLASSES: tuple[URIRef, tuple[URIRef, ...]] = (KG.Assertion, (RDF.Statement, PROV.Entity))

CONCEPT_SCHEMES: dict[EntityType, URIRef] = {
    EntityType.ABBREVIATION: GLOSSARY_SCHEME,
    EntityType.SLOGAN: SLOGAN_SCHEME,
}

RELATION_PROPERTIES: dict[RelationType, URIRef] = {
    RelationType.UNDERTAKES: KG.undertakes,
    RelationType.LEADS: KG.leads,
    RelationType.RESPONSIBLE_FOR: KG.responsibleFor,
    RelationType.LOCATED_IN: KG.locatedIn,
    RelationType.PART_OF: KG.partOf,
}

# Amount kinds of the IR -> (property, class). Investments are money; the rest are quantities.
AMOUNT_PROPERTIES: dict[str, tuple[URIRef, URIRef]] = {
    "investment": (KG.investment, SCHEMA.MonetaryAmount),
    "capacity": (KG.capacity, SCHEMA.QuantitativeValue),
    "area": (KG.area, SCHEMA.QuantitativeValue),
    "length": (KG.length, SCHEMA.QuantitativeValue),
    "other": (KG.quantity, SCHEMA.QuantitativeValue),
}

# Counts the build writes so that queries need not aggregate the whole graph (``rdf_summary``).
SUMMARY_TERMS: frozenset[URIRef] = frozenset(
    {KG.mentionCount, KG.documentCount, KG.firstYear, KG.lastYear, KG.rank, KG.mentionedInPlace}
    | {KG.EntityCount, KG.countOf, KG["count"], KG.inDocument, KG.inYear}
)

# Every kg: term the code writes, for the agreement test with the ontology file.
KG_TERMS: frozenset[URIRef] = frozenset(
    {cls for cls, _ in ENTITY_CLASSES.values()}
    | {DOCUMENT_CLASSES[0], ASSERTION_CLASSES[0]}
    | set(RELATION_PROPERTIES.values())
    | {prop for prop, _ in AMOUNT_PROPERTIES.values()}
    | {
        KG.mentionedIn,
        KG.mergedBecause,
        KG.foundBy,
        KG.evidence,
        KG.rule,
        KG.valueInYuan,
        KG.year,
        KG.kind,
        KG.speaker,
        KG.meeting,
        KG.fileName,
        KG.encoding,
        KG.sha256,
    }
    | SUMMARY_TERMS
)


def ontology_path() -> Path:
    """``ontology/policykg.ttl``: the vocabulary."""
    return data_dir("ontology") / "policykg.ttl"


def shapes_path() -> Path:
    """``ontology/shapes.ttl``: the SHACL shapes every build must satisfy."""
    return data_dir("ontology") / "shapes.ttl"
