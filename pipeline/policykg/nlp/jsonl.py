"""The JSONL interface of ``policykg extract`` (issue 3): one entity or relation per line.

entity: ``{"kind":"entity","id","type","label","aliases","definition","parts","mentions","amounts"}``
relation: ``{"kind":"relation","type","subject","object","evidence"}``; mentions and evidence are
``{"doc","start","end","text"}`` with raw code-point offsets. Entities come first, both sorted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from policykg.errors import PolicyKGError
from policykg.ir import (
    Amount,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    RelationType,
    TextSpan,
)


class JsonlError(PolicyKGError):
    """A line of extraction JSONL cannot be read: names the line and the reason."""


def _span(span: TextSpan) -> dict[str, Any]:
    return {"doc": span.doc, "start": span.start, "end": span.end, "text": span.text}


def _amount(amount: Amount) -> dict[str, Any]:
    return {"kind": amount.kind, "value": amount.value, "unit": amount.unit, **_span(amount.span)}


def entity_record(entity: Entity) -> dict[str, Any]:
    """The JSON object of one entity."""
    return {
        "kind": "entity",
        "id": entity.id,
        "type": entity.type.value,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "definition": entity.definition,
        "parts": list(entity.parts),
        "mentions": [_span(m.span) for m in entity.mentions],
        "amounts": [_amount(a) for a in entity.amounts],
    }


def relation_record(relation: Relation) -> dict[str, Any]:
    """The JSON object of one relation."""
    return {
        "kind": "relation",
        "type": relation.type.value,
        "subject": relation.subject,
        "object": relation.object,
        "evidence": [_span(e) for e in relation.evidence],
    }


def dump_extraction(ex: Extraction) -> Iterator[str]:
    """One JSON line (no trailing newline) per entity, then per relation."""
    for entity in ex.entities:
        yield json.dumps(entity_record(entity), ensure_ascii=False)
    for relation in ex.relations:
        yield json.dumps(relation_record(relation), ensure_ascii=False)


def _text_span(data: dict[str, Any]) -> TextSpan:
    return TextSpan(str(data["doc"]), int(data["start"]), int(data["end"]), str(data["text"]))


def _entity(data: dict[str, Any]) -> Entity:
    return Entity(
        id=data["id"],
        type=EntityType(data["type"]),
        label=data["label"],
        aliases=tuple(data.get("aliases", ())),
        definition=data.get("definition"),
        parts=tuple(data.get("parts", ())),
        mentions=tuple(Mention(_text_span(m), "jsonl") for m in data.get("mentions", ())),
        amounts=tuple(
            Amount(a["kind"], a["value"], a["unit"], _text_span(a)) for a in data.get("amounts", ())
        ),
    )


def _relation(data: dict[str, Any]) -> Relation:
    evidence = tuple(_text_span(e) for e in data.get("evidence", ()))
    return Relation(RelationType(data["type"]), data["subject"], data["object"], evidence)


def load_extraction(lines: Iterable[str]) -> Extraction:
    """Read JSONL written by :func:`dump_extraction` (blank lines ignored)."""
    entities: list[Entity] = []
    relations: list[Relation] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if data.get("kind") == "entity":
                entities.append(_entity(data))
            elif data.get("kind") == "relation":
                relations.append(_relation(data))
            else:
                raise ValueError(f"unknown kind {data.get('kind')!r}")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise JsonlError(f"line {number}: {exc}") from exc
    return Extraction((), tuple(entities), tuple(relations))
