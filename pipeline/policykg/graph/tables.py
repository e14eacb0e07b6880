"""The graph as two flat tables, entities and relations: what CSV, GraphML and GEXF exports show.

Read back from the RDF (not from the IR), so every export reflects exactly what ``graph.ttl`` says.
Multi-valued cells are joined with `` | `` in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Node, URIRef
from rdflib.namespace import RDF, SKOS

from policykg.graph.vocab import ENTITY_CLASSES, ID, ITSRDF, KG, NIF, RELATION_PROPERTIES

JOIN = " | "
KG_CLASSES: dict[Node, str] = {cls: kind.value for kind, (cls, _) in ENTITY_CLASSES.items()}
RELATION_NAMES: dict[Node | None, str] = {
    prop: kind.value for kind, prop in RELATION_PROPERTIES.items()
}
NARROWER = "narrower"


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One entity (or glossary part) of the graph."""

    id: str
    iri: str
    type: str
    label: str
    aliases: str
    definition: str
    parts: str
    documents: str
    years: str
    mentions: int


@dataclass(frozen=True, slots=True)
class RelationRow:
    """One relation between two entities, with the sentences that state it."""

    subject: str
    subject_label: str
    relation: str
    object: str
    object_label: str
    evidence: str
    documents: str
    rules: str


def short_id(node: Node) -> str:
    """``enterprise/d316174913ed`` for an entity IRI; other IRIs as they are."""
    text = str(node)
    return text[len(str(ID)) :] if text.startswith(str(ID)) else text


def joined(values: Iterable[object]) -> str:
    """Sorted, distinct, joined strings."""
    return JOIN.join(sorted({str(v) for v in values}))


def text(graph: Graph, node: Node, prop: URIRef) -> str:
    """The one value of ``prop`` on ``node`` as a string ("" if none)."""
    value = graph.value(node, prop)
    return "" if value is None else str(value)


def entity_type(graph: Graph, node: Node) -> str:
    """The policykg type name of a node ("Concept" for a glossary part, "" for anything else)."""
    types = set(graph.objects(node, RDF.type))
    for cls, name in KG_CLASSES.items():
        if cls in types:
            return name
    return "Concept" if SKOS.Concept in types else ""


def entity_nodes(graph: Graph) -> list[URIRef]:
    """Entities and glossary parts, sorted by IRI."""
    nodes = {s for cls in (*KG_CLASSES, SKOS.Concept) for s in graph.subjects(RDF.type, cls)}
    return sorted(n for n in nodes if isinstance(n, URIRef))


def entity_row(graph: Graph, node: URIRef) -> EntityRow:
    """The table row of one entity."""
    documents = list(graph.objects(node, KG.mentionedIn))
    mentions = list(graph.subjects(ITSRDF.taIdentRef, node))
    return EntityRow(
        id=short_id(node),
        iri=str(node),
        type=entity_type(graph, node),
        label=text(graph, node, SKOS.prefLabel),
        aliases=joined(graph.objects(node, SKOS.altLabel)),
        definition=text(graph, node, SKOS.definition),
        parts=joined(text(graph, p, SKOS.prefLabel) for p in graph.objects(node, SKOS.narrower)),
        documents=joined(text(graph, d, KG.fileName) for d in documents),
        years=joined(text(graph, d, KG.year) for d in documents if text(graph, d, KG.year)),
        mentions=len(mentions),
    )


def entity_rows(graph: Graph) -> list[EntityRow]:
    """Every entity of the graph, sorted by IRI."""
    return [entity_row(graph, node) for node in entity_nodes(graph)]


def relation_rows(graph: Graph) -> list[RelationRow]:
    """Every relation (and every glossary narrower link), sorted."""
    rows = [assertion_row(graph, a) for a in graph.subjects(RDF.type, KG.Assertion)]
    for whole, part in graph.subject_objects(SKOS.narrower):
        rows.append(
            RelationRow(
                subject=short_id(whole),
                subject_label=text(graph, whole, SKOS.prefLabel),
                relation=NARROWER,
                object=short_id(part),
                object_label=text(graph, part, SKOS.prefLabel),
                evidence=text(graph, whole, SKOS.definition),
                documents=joined(
                    text(graph, d, KG.fileName) for d in graph.objects(whole, KG.mentionedIn)
                ),
                rules="glossary",
            )
        )
    return sorted(rows, key=lambda r: (r.subject, r.relation, r.object))


def assertion_row(graph: Graph, assertion: Node) -> RelationRow:
    """The table row of one ``kg:Assertion``."""
    subject = graph.value(assertion, RDF.subject)
    obj = graph.value(assertion, RDF.object)
    predicate = graph.value(assertion, RDF.predicate)
    sentences = sorted(graph.objects(assertion, KG.evidence), key=str)
    contexts = {graph.value(s, NIF.referenceContext) for s in sentences}
    documents = {graph.value(c, NIF.sourceUrl) for c in contexts if c is not None}
    return RelationRow(
        subject=short_id(subject) if subject is not None else "",
        subject_label=text(graph, subject, SKOS.prefLabel) if subject is not None else "",
        relation=RELATION_NAMES.get(predicate, str(predicate)),
        object=short_id(obj) if obj is not None else "",
        object_label=text(graph, obj, SKOS.prefLabel) if obj is not None else "",
        evidence=JOIN.join(text(graph, s, NIF.anchorOf) for s in sentences),
        documents=joined(text(graph, d, KG.fileName) for d in documents if d is not None),
        rules=joined(graph.objects(assertion, KG.rule)),
    )
