"""The triples of one subject at a time: entities, glossary parts, mentions, assertions, places.

Each function writes only triples whose subject is the node it is given (mentions also write
their phrase and sentence, which belong to the same document part), so ``rdf`` can put every
subject's triples in exactly one part of the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from policykg.graph import iri
from policykg.graph.rdf_amounts import amount_property
from policykg.graph.rdf_plan import Plan
from policykg.graph.rdf_text import ZH, add_phrase, add_sentence, source_of
from policykg.graph.vocab import (
    ASSERTION_CLASSES,
    CONCEPT_SCHEMES,
    ENTITY_CLASSES,
    GLOSSARY_SCHEME,
    ITSRDF,
    KG,
    NIF,
    RELATION_PROPERTIES,
)
from policykg.ir import Entity, EntityType, Mention, Relation, SourceDoc


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
    """An entity: types, labels, definition, parts, merges and the documents naming it."""
    node = iri.entity_iri(entity.id)
    add_types(g, node, entity.type)
    add_label(g, node, entity.label)
    for alias in sorted({a.strip() for a in entity.aliases} - {entity.label, ""}):
        g.add((node, SKOS.altLabel, Literal(alias, lang=ZH)))
    if entity.definition:
        g.add((node, SKOS.definition, Literal(entity.definition, lang=ZH)))
    if entity.type in CONCEPT_SCHEMES:
        g.add((node, SKOS.inScheme, CONCEPT_SCHEMES[entity.type]))
        for part in entity.parts:  # only glossary terms and slogans have SKOS parts
            if part.strip():
                g.add((node, SKOS.narrower, concepts.get(part) or iri.concept_iri(part)))
    for reason in entity.merges:
        g.add((node, KG.mergedBecause, Literal(reason)))
    for mention in entity.mentions:
        document = iri.doc_iri(source_of(docs, mention.span).name)
        g.add((node, KG.mentionedIn, document))
        g.add((node, PROV.wasDerivedFrom, document))
    return node


def add_links(g: Graph, node: URIRef, plan: Plan) -> None:
    """The subject's amounts, its broader wholes and the relations it starts."""
    for kept in plan.links.get(node, ()):
        g.add((node, amount_property(kept.amount)[0], kept.node))
    for whole in plan.broader.get(node, ()):
        g.add((node, SKOS.broader, whole))
    add_relation_triples(g, plan.relations.get(node, ()))


def add_relation_triples(g: Graph, relations: Iterable[Relation]) -> None:
    """The direct triple of each relation (``?s kg:undertakes ?o``)."""
    for relation in relations:
        subject, obj = iri.entity_iri(relation.subject), iri.entity_iri(relation.object)
        g.add((subject, RELATION_PROPERTIES[relation.type], obj))


def add_concept(g: Graph, node: URIRef, label: str, plan: Plan) -> None:
    """A glossary part that is no entity of its own (稳就业 of 六稳): a concept in the glossary."""
    g.add((node, RDF.type, SKOS.Concept))
    add_label(g, node, label)
    g.add((node, SKOS.inScheme, GLOSSARY_SCHEME))
    add_links(g, node, plan)


def add_mention(
    g: Graph, docs: Mapping[str, SourceDoc], entity: URIRef, kind: EntityType, mention: Mention
) -> None:
    """A ``nif:Phrase`` pointing at the entity (and its sentence, the first one given)."""
    phrase = add_phrase(g, docs, mention.span)
    g.add((phrase, ITSRDF.taIdentRef, entity))
    g.add((phrase, ITSRDF.taClassRef, ENTITY_CLASSES[kind][0]))
    g.add((phrase, KG.foundBy, Literal(mention.source)))
    if mention.sentence is not None and g.value(phrase, NIF.sentence) is None:
        g.add((phrase, NIF.sentence, add_sentence(g, docs, mention.sentence)))


def add_assertion(g: Graph, relation: Relation) -> URIRef:
    """A ``kg:Assertion``: the triple it states, its evidence sentences and its rules."""
    subject, obj = iri.entity_iri(relation.subject), iri.entity_iri(relation.object)
    prop = RELATION_PROPERTIES[relation.type]
    node = iri.assertion_iri(relation.type.value, relation.subject, relation.object)
    cls, supers = ASSERTION_CLASSES
    for type_ in (cls, *supers):
        g.add((node, RDF.type, type_))
    g.add((node, RDF.subject, subject))
    g.add((node, RDF.predicate, prop))
    g.add((node, RDF.object, obj))
    for span in relation.evidence:
        g.add((node, KG.evidence, iri.sentence_iri(span.doc, span.start, span.end)))
        g.add((node, PROV.wasDerivedFrom, iri.doc_iri(span.doc)))
    for rule in relation.rules:
        g.add((node, KG.rule, Literal(rule)))
    return node


def add_meta_place(g: Graph, node: URIRef, label: str, documents: Iterable[URIRef]) -> None:
    """A place known only from the manifest: typed, labelled, derived from its documents."""
    add_types(g, node, EntityType.PLACE)
    add_label(g, node, label)
    for document in documents:
        g.add((node, PROV.wasDerivedFrom, document))
