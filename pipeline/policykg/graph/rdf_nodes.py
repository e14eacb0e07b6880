"""The triples of one subject at a time: entities, glossary parts, mentions, assertions, places.

Each function writes only triples whose subject is the node it is given (mentions also write
their phrase and sentence, which belong to the same document part), so ``rdf`` can put every
subject's triples in exactly one part of the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib.namespace import RDFS, SKOS

from policykg.graph import iri
from policykg.graph.rdf_amounts import amount_property
from policykg.graph.rdf_plan import Plan
from policykg.graph.rdf_text import DERIVED_FROM, ZH, add_phrase, add_sentence, source_of
from policykg.graph.triples import TYPE, Part, plain
from policykg.graph.vocab import (
    ASSERTION_CLASSES,
    CONCEPT_SCHEMES,
    ENTITY_CLASSES,
    GLOSSARY_SCHEME,
    ITSRDF,
    KG,
    NIF,
    RDF,
    RELATION_PROPERTIES,
)
from policykg.ir import Entity, EntityType, Mention, Relation, SourceDoc

_TYPES = {kind: tuple(map(plain, (cls, *supers))) for kind, (cls, supers) in ENTITY_CLASSES.items()}
_ASSERTION_TYPES = tuple(map(plain, (ASSERTION_CLASSES[0], *ASSERTION_CLASSES[1])))
_SCHEMES = {kind: plain(scheme) for kind, scheme in CONCEPT_SCHEMES.items()}
_RELATIONS = {kind: plain(prop) for kind, prop in RELATION_PROPERTIES.items()}
_PREF, _LABEL, _ALT = plain(SKOS.prefLabel), plain(RDFS.label), plain(SKOS.altLabel)
_DEFINITION, _IN_SCHEME = plain(SKOS.definition), plain(SKOS.inScheme)
_NARROWER, _BROADER, _CONCEPT = plain(SKOS.narrower), plain(SKOS.broader), plain(SKOS.Concept)
_MERGED, _MENTIONED_IN = plain(KG.mergedBecause), plain(KG.mentionedIn)
_IDENT, _CLASS_REF, _FOUND_BY = (
    plain(ITSRDF.taIdentRef),
    plain(ITSRDF.taClassRef),
    plain(KG.foundBy),
)
_SENTENCE = plain(NIF.sentence)
_EVIDENCE, _RULE = plain(KG.evidence), plain(KG.rule)
_SUBJECT, _PREDICATE, _OBJECT = plain(RDF.subject), plain(RDF.predicate), plain(RDF.object)
_GLOSSARY = plain(GLOSSARY_SCHEME)


def add_types(g: Part, node: str, kind: EntityType) -> None:
    """The kg class of the entity type and the standard superclasses the ontology gives it."""
    for type_ in _TYPES[kind]:
        g.iri(node, TYPE, type_)


def add_label(g: Part, node: str, label: str) -> None:
    """The one ``skos:prefLabel`` (and ``rdfs:label`` for generic tools), tagged @zh."""
    g.only(node, _PREF, label, ZH)
    g.only(node, _LABEL, label, ZH)


def add_entity(
    g: Part, docs: Mapping[str, SourceDoc], entity: Entity, concepts: Mapping[str, str]
) -> str:
    """An entity: types, labels, definition, parts, merges and the documents naming it."""
    node = iri.entity_iri(entity.id)
    add_types(g, node, entity.type)
    add_label(g, node, entity.label)
    for alias in sorted({a.strip() for a in entity.aliases} - {entity.label, ""}):
        g.literal(node, _ALT, alias, language=ZH)
    if entity.definition:
        g.literal(node, _DEFINITION, entity.definition, language=ZH)
    if entity.type in _SCHEMES:
        g.iri(node, _IN_SCHEME, _SCHEMES[entity.type])
        for part in entity.parts:  # only glossary terms and slogans have SKOS parts
            if part.strip():
                g.iri(node, _NARROWER, concepts.get(part) or iri.concept_iri(part))
    for reason in entity.merges:
        g.literal(node, _MERGED, reason)
    for name in {source_of(docs, mention.span).name for mention in entity.mentions}:
        document = iri.doc_iri(name)
        g.iri(node, _MENTIONED_IN, document)
        g.iri(node, DERIVED_FROM, document)
    return node


def add_links(g: Part, node: str, plan: Plan) -> None:
    """The subject's amounts, its broader wholes and the relations it starts."""
    for kept in plan.links.get(node, ()):
        g.iri(node, amount_property(kept.amount)[0], kept.node)
    for whole in plan.broader.get(node, ()):
        g.iri(node, _BROADER, whole)
    add_relation_triples(g, plan.relations.get(node, ()))


def add_relation_triples(g: Part, relations: Iterable[Relation]) -> None:
    """The direct triple of each relation (``?s kg:undertakes ?o``)."""
    for relation in relations:
        subject, obj = iri.entity_iri(relation.subject), iri.entity_iri(relation.object)
        g.iri(subject, _RELATIONS[relation.type], obj)


def add_concept(g: Part, node: str, label: str, plan: Plan) -> None:
    """A glossary part that is no entity of its own (稳就业 of 六稳): a concept in the glossary."""
    g.iri(node, TYPE, _CONCEPT)
    add_label(g, node, label)
    g.iri(node, _IN_SCHEME, _GLOSSARY)
    add_links(g, node, plan)


def add_mention(
    g: Part,
    docs: Mapping[str, SourceDoc],
    entity: str,
    kind: EntityType,
    mention: Mention,
    sentences: dict[str, str],
) -> None:
    """A ``nif:Phrase`` pointing at the entity (and its sentence, the first one given:
    ``sentences`` remembers which phrase has one)."""
    phrase = add_phrase(g, docs, mention.span)
    g.iri(phrase, _IDENT, entity)
    g.iri(phrase, _CLASS_REF, _TYPES[kind][0])
    g.literal(phrase, _FOUND_BY, mention.source)
    if mention.sentence is not None and phrase not in sentences:
        sentences[phrase] = add_sentence(g, docs, mention.sentence)
        g.iri(phrase, _SENTENCE, sentences[phrase])


def add_assertion(g: Part, relation: Relation) -> str:
    """A ``kg:Assertion``: the triple it states, its evidence sentences and its rules."""
    subject, obj = iri.entity_iri(relation.subject), iri.entity_iri(relation.object)
    node = iri.assertion_iri(relation.type.value, relation.subject, relation.object)
    for type_ in _ASSERTION_TYPES:
        g.iri(node, TYPE, type_)
    g.iri(node, _SUBJECT, subject)
    g.iri(node, _PREDICATE, _RELATIONS[relation.type])
    g.iri(node, _OBJECT, obj)
    for span in relation.evidence:
        g.iri(node, _EVIDENCE, iri.sentence_iri(span.doc, span.start, span.end))
        g.iri(node, DERIVED_FROM, iri.doc_iri(span.doc))
    for rule in relation.rules:
        g.literal(node, _RULE, rule)
    return node


def add_meta_place(g: Part, node: str, label: str, documents: Iterable[str]) -> None:
    """A place known only from the manifest: typed, labelled, derived from its documents."""
    add_types(g, node, EntityType.PLACE)
    add_label(g, node, label)
    for document in documents:
        g.iri(node, DERIVED_FROM, document)
