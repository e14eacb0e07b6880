"""The JSONL interface of ``policykg extract`` (issue 3): one document, entity or relation per line.

document: ``{"kind":"document","doc","meta":{"place","province","city","year","kind","date",
"speaker","meeting","title"},"sources":{field: "manifest" | "text" | "file name"}}``, the
metadata of each document read and where each known value came from (issue 13);
entity: ``{"kind":"entity","id","type","label","aliases","definition","parts","mentions","amounts"}``
relation: ``{"kind":"relation","type","subject","object","evidence"}``; mentions and evidence are
``{"doc","start","end","text"}`` with raw code-point offsets. Documents come first (by name), then
entities, then relations, each sorted. The document lines came with issue 13: a reader that
picks lines by their ``kind`` is not affected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import Any

from policykg.errors import PolicyKGError
from policykg.ir import (
    Amount,
    DocMeta,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    RelationType,
    SourceDoc,
    TextSpan,
)

_META_FIELDS = tuple(f.name for f in fields(DocMeta) if f.name not in ("name", "sources"))


class JsonlError(PolicyKGError):
    """A line of extraction JSONL cannot be read: names the line and the reason."""


def _span(span: TextSpan) -> dict[str, Any]:
    return {"doc": span.doc, "start": span.start, "end": span.end, "text": span.text}


def _amount(amount: Amount) -> dict[str, Any]:
    return {"kind": amount.kind, "value": amount.value, "unit": amount.unit, **_span(amount.span)}


def document_record(doc: SourceDoc) -> dict[str, Any]:
    """The JSON object of one document's metadata, with the source of each known value."""
    return {
        "kind": "document",
        "doc": doc.name,
        "meta": {name: getattr(doc.meta, name) for name in _META_FIELDS},
        "sources": dict(doc.meta.sources),
    }


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
    """One JSON line (no trailing newline) per document, then per entity, then per relation."""
    for doc in sorted(ex.docs, key=lambda d: d.name):
        yield json.dumps(document_record(doc), ensure_ascii=False)
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


def _document(data: dict[str, Any]) -> SourceDoc:
    """A document with its metadata only: the JSONL does not carry the text."""
    name = str(data["doc"])
    values = {k: v for k, v in data.get("meta", {}).items() if k in _META_FIELDS}
    sources = tuple((str(k), str(v)) for k, v in data.get("sources", {}).items())
    return SourceDoc(name, name, "", "", "", DocMeta(name=name, **values, sources=sources))


def _relation(data: dict[str, Any]) -> Relation:
    evidence = tuple(_text_span(e) for e in data.get("evidence", ()))
    return Relation(RelationType(data["type"]), data["subject"], data["object"], evidence)


def load_extraction(lines: Iterable[str]) -> Extraction:
    """Read JSONL written by :func:`dump_extraction` (blank lines ignored). Documents come back
    with their metadata and an empty text."""
    docs: list[SourceDoc] = []
    entities: list[Entity] = []
    relations: list[Relation] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if data.get("kind") == "document":
                docs.append(_document(data))
            elif data.get("kind") == "entity":
                entities.append(_entity(data))
            elif data.get("kind") == "relation":
                relations.append(_relation(data))
            else:
                raise ValueError(f"unknown kind {data.get('kind')!r}")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise JsonlError(f"line {number}: {exc}") from exc
    return Extraction(tuple(docs), tuple(entities), tuple(relations))
