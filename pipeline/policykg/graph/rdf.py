"""IR -> RDF: :class:`GraphParts` writes an :class:`~policykg.ir.Extraction` as a sequence of
:class:`~policykg.graph.triples.Part` (plain tuples, no RDF library per triple);
:func:`graph_parts` gives them as rdflib Graphs and :func:`to_graph` joins them into one (for
small graphs and tests).

Pure: the same extraction always gives the same triples (no timestamps, no blank nodes). Parts
have disjoint subjects, each subject's triples all in one part: one part per document (the
document, its text, mentions, sentences and amounts), then the shared nodes (schemes, places of
the manifest), glossary parts, entities and assertions in chunks of bounded size. So a build
never needs the whole graph in memory, and SHACL can check a part at a time (``shacl_parts``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import TypeVar

from rdflib import Graph
from rdflib.namespace import SKOS

from policykg.errors import OntologyError
from policykg.graph import iri, rdf_nodes, rdf_summary
from policykg.graph.rdf_amounts import add_amount_node
from policykg.graph.rdf_plan import Plan, make_plan
from policykg.graph.rdf_text import ZH, add_document, add_sentence
from policykg.graph.triples import TYPE, Part, plain, to_rdflib
from policykg.graph.vocab import GLOSSARY_SCHEME, PREFIXES, SLOGAN_SCHEME
from policykg.ir import Entity, EntityType, Extraction, Relation, SourceDoc, entity_id

NODES_PER_PART = 2000
T = TypeVar("T")
URIRef = str  # an IRI, as text
_SCHEMES = ((plain(GLOSSARY_SCHEME), "政策缩略语"), (plain(SLOGAN_SCHEME), "提法与口号"))
_CONCEPT_SCHEME, _PREF = plain(SKOS.ConceptScheme), plain(SKOS.prefLabel)


def to_graph(extraction: Extraction) -> Graph:
    """The RDF graph of an extraction: documents, text, entities, mentions, relations."""
    g = new_graph()
    parts = GraphParts(extraction)
    for part in (*parts.documents(), *parts.others()):
        to_rdflib(part.rows(), g)
    return g


def new_graph() -> Graph:
    """An empty graph with the policykg prefixes bound."""
    g = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True)
    return g


def graph_parts(extraction: Extraction, size: int = NODES_PER_PART) -> Iterator[Graph]:
    """The graph in parts with disjoint subjects, as rdflib Graphs: documents first, then the
    rest."""
    parts = GraphParts(extraction, size)
    for part in (*parts.documents(), *parts.others()):
        yield to_rdflib(part.rows())


class GraphParts:
    """The parts of an extraction's graph; entity and assertion parts hold ``size`` subjects
    at most, document parts one document each. Either sequence may be made more than once."""

    def __init__(self, extraction: Extraction, size: int = NODES_PER_PART) -> None:
        self.extraction = extraction
        self.size = size
        self.docs = index_docs(extraction.docs)
        self.places = place_nodes(extraction)
        self.concepts = concept_index(extraction.entities)
        self.plan = make_plan(extraction, self.concepts, self.places)

    def documents(self) -> Iterator[Part]:
        """One part per document: only its own nodes and nodes of :meth:`others` are objects."""
        for doc in self.extraction.docs:
            place = self.places.get(doc.meta.place or "")
            yield document_part(self.docs, doc, place, self.plan)

    def others(self) -> Iterator[Part]:
        """Shared nodes, glossary parts, entities and assertions."""
        plan, size = self.plan, self.size
        yield shared_part(self.extraction, self.places, plan)
        for concepts_chunk in chunks(sorted(plan.new_concepts.items()), size):
            g = Part()
            for node, label in concepts_chunk:
                rdf_nodes.add_concept(g, node, label, plan)
            yield g
        for entity_chunk in chunks(list(plan.entities.items()), size):
            yield entity_part(self.docs, entity_chunk, self.concepts, plan)
        assertions: dict[URIRef, list[Relation]] = {}
        for relation in self.extraction.relations:
            node = iri.assertion_iri(relation.type.value, relation.subject, relation.object)
            assertions.setdefault(node, []).append(relation)
        for assertion_chunk in chunks(list(assertions.values()), size):
            g = Part()
            for relations in assertion_chunk:
                for relation in relations:
                    rdf_nodes.add_assertion(g, relation)
            yield g


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of ``size``."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def document_part(
    docs: Mapping[str, SourceDoc], doc: SourceDoc, place: URIRef | None, plan: Plan
) -> Part:
    """A document with its text, the mentions and amounts in it and its evidence sentences."""
    g = Part()
    add_document(g, doc, place)
    sentences: dict[str, str] = {}
    for entity, kind, mention in plan.mentions.get(doc.name, ()):
        rdf_nodes.add_mention(g, docs, entity, kind, mention, sentences)
    for kept in plan.amounts.get(doc.name, ()):
        add_amount_node(g, docs, kept.node, kept.amount)
    for span in plan.evidence.get(doc.name, ()):
        add_sentence(g, docs, span)
    rdf_summary.add_document_counts(g, doc.name, plan.summary.by_document.get(doc.name, {}))
    return g


def shared_part(extraction: Extraction, places: Mapping[str, URIRef], plan: Plan) -> Part:
    """The concept schemes, places known only from the manifest, and relations whose subject
    is no entity of the extraction."""
    g = Part()
    for scheme, label in _SCHEMES:
        g.iri(scheme, TYPE, _CONCEPT_SCHEME)
        g.literal(scheme, _PREF, label, language=ZH)
    for year, counts in plan.summary.by_year.items():
        rdf_summary.add_year_counts(g, year, counts)
    documents: dict[URIRef, list[URIRef]] = {}
    labels: dict[URIRef, str] = {}
    for doc in extraction.docs:
        node = places.get(doc.meta.place or "")
        if node is None or node in plan.entities or node in plan.new_concepts:
            continue
        documents.setdefault(node, []).append(iri.doc_iri(doc.name))
        labels[node] = doc.meta.place or ""
    for node, found_in in documents.items():
        rdf_nodes.add_meta_place(g, node, labels[node], found_in)
        rdf_nodes.add_links(g, node, plan)
    for subject, relations in plan.relations.items():
        owned = subject in plan.entities or subject in plan.new_concepts or subject in documents
        if not owned:
            rdf_nodes.add_relation_triples(g, relations)
    return g


def entity_part(
    docs: Mapping[str, SourceDoc],
    entities: Sequence[tuple[URIRef, list[Entity]]],
    concepts: Mapping[str, URIRef],
    plan: Plan,
) -> Part:
    """Entities with their links (amounts, broader wholes, relations they start)."""
    g = Part()
    for node, same in entities:
        for entity in same:
            rdf_nodes.add_entity(g, docs, entity, concepts)
        rdf_nodes.add_links(g, node, plan)
        rdf_summary.add_entity_stats(g, node, plan.summary.entities[node])
    return g


def index_docs(docs: tuple[SourceDoc, ...]) -> dict[str, SourceDoc]:
    """Documents by name; two documents that would share one IRI are refused."""
    by_iri: dict[URIRef, str] = {}
    for doc in docs:
        node = iri.doc_iri(doc.name)
        if node in by_iri and by_iri[node] != doc.name:
            raise OntologyError(
                f"{doc.name}: same document IRI {node} as {by_iri[node]}; rename one of them"
            )
        by_iri[node] = doc.name
    return {doc.name: doc for doc in docs}


def place_nodes(extraction: Extraction) -> dict[str, URIRef]:
    """The place entity of each document's ``meta.place``: an extracted one if a name matches."""
    extracted = {
        name: iri.entity_iri(e.id)
        for e in extraction.entities
        if e.type is EntityType.PLACE
        for name in (e.label, *e.aliases)
    }
    result: dict[str, URIRef] = {}
    for doc in extraction.docs:
        name = doc.meta.place
        if name and name not in result:
            result[name] = extracted.get(name) or iri.entity_iri(entity_id(EntityType.PLACE, name))
    return result


def concept_index(entities: tuple[Entity, ...]) -> dict[str, URIRef]:
    """Labels of glossary and slogan entities, so a part naming one links to it."""
    return {
        e.label: iri.entity_iri(e.id)
        for e in entities
        if e.type in (EntityType.ABBREVIATION, EntityType.SLOGAN)
    }
