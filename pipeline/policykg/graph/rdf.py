"""IR -> RDF: :func:`to_graph` turns an :class:`~policykg.ir.Extraction` into an rdflib Graph.

Pure: the same extraction always gives the same triples (no timestamps, no blank nodes). One
small function per IR type; documents and text live in ``rdf_text``, amounts in ``rdf_amounts``.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from policykg.errors import OntologyError
from policykg.graph import iri
from policykg.graph.rdf_amounts import add_amount
from policykg.graph.rdf_text import ZH, add_document, add_phrase, add_sentence, source_of
from policykg.graph.vocab import (
    ASSERTION_CLASSES,
    CONCEPT_SCHEMES,
    ENTITY_CLASSES,
    GLOSSARY_SCHEME,
    ITSRDF,
    KG,
    NIF,
    PREFIXES,
    RELATION_PROPERTIES,
    SLOGAN_SCHEME,
)
from policykg.ir import Entity, EntityType, Extraction, Mention, Relation, SourceDoc, entity_id


def to_graph(extraction: Extraction) -> Graph:
    """The RDF graph of an extraction: documents, text, entities, mentions, relations."""
    g = new_graph()
    docs = index_docs(extraction.docs)
    add_schemes(g)
    places = place_nodes(extraction)
    for doc in extraction.docs:
        add_document(g, doc, places.get(doc.meta.place or ""))
    add_meta_places(g, extraction, places)
    concepts = concept_index(extraction.entities)
    for entity in extraction.entities:
        add_entity(g, docs, entity, concepts)
    for relation in extraction.relations:
        add_relation(g, docs, relation)
    return g


def new_graph() -> Graph:
    """An empty graph with the policykg prefixes bound."""
    g = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True)
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


def add_schemes(g: Graph) -> None:
    """The two SKOS concept schemes: the glossary and the slogans."""
    for scheme, label in ((GLOSSARY_SCHEME, "政策缩略语"), (SLOGAN_SCHEME, "提法与口号")):
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, Literal(label, lang=ZH)))


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


def add_meta_places(g: Graph, extraction: Extraction, places: Mapping[str, URIRef]) -> None:
    """Places known only from the manifest: typed, labelled, derived from their documents."""
    extracted = {iri.entity_iri(e.id) for e in extraction.entities}
    for doc in extraction.docs:
        node = places.get(doc.meta.place or "")
        if node is None or node in extracted:
            continue
        add_types(g, node, EntityType.PLACE)
        add_label(g, node, doc.meta.place or "")
        g.add((node, PROV.wasDerivedFrom, iri.doc_iri(doc.name)))


def concept_index(entities: tuple[Entity, ...]) -> dict[str, URIRef]:
    """Labels of glossary and slogan entities, so a part naming one links to it."""
    return {
        e.label: iri.entity_iri(e.id)
        for e in entities
        if e.type in (EntityType.ABBREVIATION, EntityType.SLOGAN)
    }


def add_types(g: Graph, node: URIRef, kind: EntityType) -> None:
    """The kg class of the entity type and the standard superclasses the ontology gives it."""
    cls, supers = ENTITY_CLASSES[kind]
    for type_ in (cls, *supers):
        g.add((node, RDF.type, type_))


def add_label(g: Graph, node: URIRef, label: str) -> None:
    """The one ``skos:prefLabel`` (and ``rdfs:label`` for generic tools), tagged @zh."""
    g.set((node, SKOS.prefLabel, Literal(label, lang=ZH)))
    g.set((node, RDFS.label, Literal(label, lang=ZH)))


def add_entity(
    g: Graph, docs: Mapping[str, SourceDoc], entity: Entity, concepts: Mapping[str, URIRef]
) -> URIRef:
    """An entity: types, labels, definition, parts, merges, mentions, amounts, documents."""
    node = iri.entity_iri(entity.id)
    add_types(g, node, entity.type)
    add_label(g, node, entity.label)
    for alias in sorted({a.strip() for a in entity.aliases} - {entity.label, ""}):
        g.add((node, SKOS.altLabel, Literal(alias, lang=ZH)))
    if entity.definition:
        g.add((node, SKOS.definition, Literal(entity.definition, lang=ZH)))
    if entity.type in CONCEPT_SCHEMES:
        g.add((node, SKOS.inScheme, CONCEPT_SCHEMES[entity.type]))
    for reason in entity.merges:
        g.add((node, KG.mergedBecause, Literal(reason)))
    if entity.type in CONCEPT_SCHEMES:  # only glossary terms and slogans have SKOS parts
        for part in entity.parts:
            add_part(g, node, part, concepts)
    for mention in entity.mentions:
        add_mention(g, docs, node, entity.type, mention)
    for amount in entity.amounts:
        add_amount(g, docs, node, amount)
    return node


def add_part(g: Graph, whole: URIRef, part: str, concepts: Mapping[str, URIRef]) -> None:
    """A part of an abbreviation (稳就业 of 六稳): a narrower concept in the glossary scheme."""
    if not part.strip():
        return
    node = concepts.get(part)
    if node is None:
        node = iri.concept_iri(part)
        g.add((node, RDF.type, SKOS.Concept))
        add_label(g, node, part)
        g.add((node, SKOS.inScheme, GLOSSARY_SCHEME))
    g.add((whole, SKOS.narrower, node))
    g.add((node, SKOS.broader, whole))


def add_mention(
    g: Graph, docs: Mapping[str, SourceDoc], entity: URIRef, kind: EntityType, mention: Mention
) -> None:
    """A ``nif:Phrase`` pointing at the entity; the entity points at the document."""
    phrase = add_phrase(g, docs, mention.span)
    g.add((phrase, ITSRDF.taIdentRef, entity))
    g.add((phrase, ITSRDF.taClassRef, ENTITY_CLASSES[kind][0]))
    g.add((phrase, KG.foundBy, Literal(mention.source)))
    if mention.sentence is not None and g.value(phrase, NIF.sentence) is None:
        g.add((phrase, NIF.sentence, add_sentence(g, docs, mention.sentence)))
    document = iri.doc_iri(source_of(docs, mention.span).name)
    g.add((entity, KG.mentionedIn, document))
    g.add((entity, PROV.wasDerivedFrom, document))


def add_relation(g: Graph, docs: Mapping[str, SourceDoc], relation: Relation) -> URIRef:
    """The direct triple, and a ``kg:Assertion`` carrying its evidence sentences and rules."""
    subject, obj = iri.entity_iri(relation.subject), iri.entity_iri(relation.object)
    prop = RELATION_PROPERTIES[relation.type]
    g.add((subject, prop, obj))
    node = iri.assertion_iri(relation.type.value, relation.subject, relation.object)
    cls, supers = ASSERTION_CLASSES
    for type_ in (cls, *supers):
        g.add((node, RDF.type, type_))
    g.add((node, RDF.subject, subject))
    g.add((node, RDF.predicate, prop))
    g.add((node, RDF.object, obj))
    for span in relation.evidence:
        g.add((node, KG.evidence, add_sentence(g, docs, span)))
        g.add((node, PROV.wasDerivedFrom, iri.doc_iri(span.doc)))
    for rule in relation.rules:
        g.add((node, KG.rule, Literal(rule)))
    return node
