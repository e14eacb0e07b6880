"""Screen an extraction before it becomes RDF: leave out what the ontology cannot hold.

A relation whose ends are missing or of the wrong type (an undertakes whose object is not a
project), a relation without evidence, an entity named nowhere: each is logged with the reason,
counted in ``build.json``, and left out, so one doubtful finding in an unseen report does not
stop the whole build. SHACL then checks that what remains was turned into RDF correctly.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

from policykg.ir import Entity, EntityType, Extraction, Relation, RelationType, TextSpan

logger = logging.getLogger(__name__)

ANY = frozenset(EntityType)
# What the ontology allows at each end of each relation (see ontology/shapes.ttl).
SIGNATURES: dict[RelationType, tuple[frozenset[EntityType], frozenset[EntityType]]] = {
    RelationType.UNDERTAKES: (frozenset({EntityType.ENTERPRISE}), frozenset({EntityType.PROJECT})),
    RelationType.LEADS: (frozenset({EntityType.ENTERPRISE}), frozenset({EntityType.PARK})),
    RelationType.RESPONSIBLE_FOR: (
        frozenset({EntityType.GOVERNMENT_BODY}),
        frozenset({EntityType.PROJECT}),
    ),
    RelationType.LOCATED_IN: (ANY, frozenset({EntityType.PLACE, EntityType.PARK})),
    RelationType.PART_OF: (
        frozenset({EntityType.PROJECT}),
        frozenset({EntityType.PARK, EntityType.PROJECT}),
    ),
}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Something the screen removed, and why."""

    what: str
    reason: str


def valid_span(span: TextSpan, lengths: Mapping[str, int]) -> bool:
    """The span lies inside the text of a document of the extraction and is not empty."""
    return span.doc in lengths and 0 <= span.start < span.end <= lengths[span.doc]


def with_valid_spans(entity: Entity, lengths: Mapping[str, int]) -> Entity:
    """The entity without mentions or amounts whose offsets fall outside their document (the
    entity itself when every offset is inside, as nearly always: no copy made)."""
    if all_spans_valid(entity, lengths):
        return entity
    mentions = tuple(
        m if m.sentence is None or valid_span(m.sentence, lengths) else replace(m, sentence=None)
        for m in entity.mentions
        if valid_span(m.span, lengths)
    )
    amounts = tuple(a for a in entity.amounts if valid_span(a.span, lengths))
    if len(mentions) < len(entity.mentions) or len(amounts) < len(entity.amounts):
        logger.warning("%s %r: spans outside their document left out", entity.id, entity.label)
    return replace(entity, mentions=mentions, amounts=amounts)


def all_spans_valid(entity: Entity, lengths: Mapping[str, int]) -> bool:
    """Whether every mention, its sentence and every amount of ``entity`` lie inside their
    document."""
    for mention in entity.mentions:
        if not valid_span(mention.span, lengths):
            return False
        if mention.sentence is not None and not valid_span(mention.sentence, lengths):
            return False
    return all(valid_span(amount.span, lengths) for amount in entity.amounts)


def entity_problem(entity: Entity) -> str | None:
    """Why an entity cannot go into the graph, or None."""
    if not entity.label.strip():
        return "empty label"
    if not entity.mentions:
        return "no mention in any document"
    return None


def relation_problem(relation: Relation, types: dict[str, EntityType]) -> str | None:
    """Why a relation cannot go into the graph, or None."""
    if not relation.evidence:
        return "no evidence sentence inside its document"
    if not any(rule.strip() for rule in relation.rules):
        return "no rule named"
    if relation.subject not in types or relation.object not in types:
        return "an end is not a kept entity"
    if relation.subject == relation.object:
        return "links an entity to itself"
    subjects, objects = SIGNATURES[relation.type]
    if types[relation.subject] not in subjects or types[relation.object] not in objects:
        kinds = f"{types[relation.subject].value} -> {types[relation.object].value}"
        return f"{relation.type.value} cannot link {kinds}"
    return None


def screen(extraction: Extraction) -> tuple[Extraction, tuple[LeftOut, ...]]:
    """The extraction without what the ontology cannot hold, and the list of what was left out."""
    lengths = {doc.name: len(doc.raw) for doc in extraction.docs}
    left_out: list[LeftOut] = []
    entities: list[Entity] = []
    for entity in (with_valid_spans(e, lengths) for e in extraction.entities):
        problem = entity_problem(entity)
        if problem is None:
            entities.append(entity)
        else:
            left_out.append(LeftOut(f"entity {entity.id} {entity.label!r}", problem))
    types = {e.id: e.type for e in entities}
    relations: list[Relation] = []
    for relation in extraction.relations:
        evidence = tuple(span for span in relation.evidence if valid_span(span, lengths))
        if len(evidence) < len(relation.evidence):
            relation = replace(relation, evidence=evidence)
        problem = relation_problem(relation, types)
        if problem is None:
            relations.append(relation)
        else:
            what = f"relation {relation.subject} {relation.type.value} {relation.object}"
            left_out.append(LeftOut(what, problem))
    for item in left_out:
        logger.warning("left out %s: %s", item.what, item.reason)
    kept = replace(extraction, entities=tuple(entities), relations=tuple(relations))
    return kept, tuple(left_out)
