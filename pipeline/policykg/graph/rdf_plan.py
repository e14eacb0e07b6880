"""Indexes over an extraction that let its RDF be written one part at a time.

The graph of a large corpus is never held whole: ``rdf_parts`` writes it as parts whose subject
sets are disjoint (each subject's triples all in one part). A part needs to know, for its own
subjects, things that the IR keeps elsewhere: which mentions fall in a document, which amounts
were kept, which wholes a glossary part is narrower than, which relations an entity starts.
:class:`Plan` holds those, computed once in IR order so the triples equal a one-graph build.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from policykg.graph import iri
from policykg.graph.rdf_amounts import decimal_literal, decimal_of
from policykg.graph.rdf_summary import Summary, summarize
from policykg.graph.rdf_text import source_of
from policykg.graph.vocab import CONCEPT_SCHEMES
from policykg.ir import Amount, Entity, EntityType, Extraction, Mention, Relation, TextSpan

logger = logging.getLogger(__name__)

URIRef = str  # an IRI, as text


@dataclass(frozen=True, slots=True)
class KeptAmount:
    """An amount that becomes RDF: its owner, its node and what it states."""

    owner: URIRef
    node: URIRef
    amount: Amount


@dataclass(frozen=True, slots=True)
class Plan:
    """What each part of the graph needs from the rest of the extraction."""

    mentions: Mapping[str, list[tuple[URIRef, EntityType, Mention]]]
    amounts: Mapping[str, list[KeptAmount]]
    links: Mapping[URIRef, list[KeptAmount]]
    evidence: Mapping[str, list[TextSpan]]
    broader: Mapping[URIRef, list[URIRef]]
    new_concepts: Mapping[URIRef, str]
    relations: Mapping[URIRef, list[Relation]]
    entities: Mapping[URIRef, list[Entity]]
    summary: Summary

    def for_document(self, name: str) -> Plan:
        """What the part of document ``name`` needs, alone (small, to send to a worker)."""
        counts = self.summary.by_document.get(name)
        return Plan(
            {name: list(self.mentions.get(name, ()))},
            {name: list(self.amounts.get(name, ()))},
            {},
            {name: list(self.evidence.get(name, ()))},
            {},
            {},
            {},
            {},
            Summary({}, {name: counts} if counts is not None else {}, {}),
        )


def make_plan(
    extraction: Extraction,
    concepts: Mapping[str, URIRef],
    places: Mapping[str, URIRef] | None = None,
) -> Plan:
    """The indexes of ``extraction``; ``concepts`` maps glossary and slogan labels to nodes,
    ``places`` the place names of the documents' metadata to theirs."""
    docs = {doc.name: doc for doc in extraction.docs}
    mentions: dict[str, list[tuple[URIRef, EntityType, Mention]]] = defaultdict(list)
    entities: dict[URIRef, list[Entity]] = defaultdict(list)
    for entity in extraction.entities:
        node = iri.entity_iri(entity.id)
        entities[node].append(entity)
        for mention in entity.mentions:
            mentions[source_of(docs, mention.span).name].append((node, entity.type, mention))
    amounts: dict[str, list[KeptAmount]] = defaultdict(list)
    links: dict[URIRef, list[KeptAmount]] = defaultdict(list)
    for kept in kept_amounts(extraction):
        amounts[kept.amount.span.doc].append(kept)
        links[kept.owner].append(kept)
    evidence: dict[str, list[TextSpan]] = defaultdict(list)
    relations: dict[URIRef, list[Relation]] = defaultdict(list)
    for relation in extraction.relations:
        relations[iri.entity_iri(relation.subject)].append(relation)
        for span in relation.evidence:
            evidence[source_of(docs, span).name].append(span)
    broader, new_concepts = concept_parts(extraction.entities, concepts)
    summary = summarize(docs, entities, places)
    return Plan(
        mentions, amounts, links, evidence, broader, new_concepts, relations, entities, summary
    )


def kept_amounts(extraction: Extraction) -> list[KeptAmount]:
    """Amounts with a numeric value; of two readings of one span that differ, the first wins."""
    docs = {doc.name: doc for doc in extraction.docs}
    stated: dict[URIRef, str] = {}
    kept: list[KeptAmount] = []
    for entity in extraction.entities:
        owner = iri.entity_iri(entity.id)
        for amount in entity.amounts:
            number = decimal_of(amount.value)
            if number is None:
                logger.warning(
                    "%s: amount %r is not a number; left out", amount.span.doc, amount.value
                )
                continue
            doc = source_of(docs, amount.span)
            node = iri.amount_iri(doc.name, amount.span.start, amount.span.end)
            value = decimal_literal(number)
            first = stated.setdefault(node, value)
            if first != value:
                logger.warning(
                    "%s: amount at %s read twice differently; kept %s", doc.name, node, first
                )
                continue
            kept.append(KeptAmount(owner, node, amount))
    return kept


def concept_parts(
    entities: tuple[Entity, ...], concepts: Mapping[str, URIRef]
) -> tuple[dict[URIRef, list[URIRef]], dict[URIRef, str]]:
    """For each part node the wholes it is narrower than, and the parts that are no entity."""
    broader: dict[URIRef, list[URIRef]] = defaultdict(list)
    new_concepts: dict[URIRef, str] = {}
    for entity in entities:
        if entity.type not in CONCEPT_SCHEMES:  # only glossary terms and slogans have parts
            continue
        whole = iri.entity_iri(entity.id)
        for part in entity.parts:
            if not part.strip():
                continue
            node = concepts.get(part)
            if node is None:
                node = iri.concept_iri(part)
                new_concepts[node] = part  # the last spelling, as a second label would replace it
            broader[node].append(whole)
    return broader, new_concepts
