"""The intermediate representation: plain frozen dataclasses that every stage after spaCy speaks.

Offsets are Python code-point offsets into the *raw* decoded text of a source file, so
``raw[start:end]`` is the mention (modulo white space the source put inside it).

Flow: ``SourceDoc`` -> (nlp) ``DocResult`` per document -> (resolve) ``Entity`` / ``Relation`` ->
``Extraction``, which the graph stage turns into RDF and ``policykg extract`` prints as JSONL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """The kinds of things policykg recognises."""

    ENTERPRISE = "Enterprise"
    PROJECT = "Project"
    SLOGAN = "Slogan"
    ABBREVIATION = "Abbreviation"
    GOVERNMENT_BODY = "GovernmentBody"
    PARK = "Park"
    PLACE = "Place"


class RelationType(StrEnum):
    """Typed links between entities; every relation carries its evidence."""

    UNDERTAKES = "undertakes"  # Enterprise -> Project (实施主体为…, X的Y项目, 依托X建设Y)
    LEADS = "leads"  # Enterprise -> Park / cluster (以A、B为龙头，打造C)
    RESPONSIBLE_FOR = "responsibleFor"  # GovernmentBody -> Project
    LOCATED_IN = "locatedIn"  # Enterprise / Project / Park -> Place or Park
    PART_OF = "partOf"  # Project -> Park, or a sub-item of a bigger project


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What is known about a document: from its text or file name, overridden by the seeds
    manifest. ``sources`` names where each known field came from, in field order:
    ``(("place", "text"), ("year", "manifest"), …)``; the sources are "manifest", "text" and
    "file name"."""

    name: str
    place: str | None = None
    province: str | None = None
    city: str | None = None
    year: int | None = None
    kind: str | None = None
    date: str | None = None  # ISO 8601, e.g. "2022-01-25"
    speaker: str | None = None
    meeting: str | None = None
    title: str | None = None
    sources: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One decoded input file."""

    name: str  # file name, the document's id in every output
    path: str
    raw: str  # decoded text, byte-for-byte content of the file
    encoding: str  # what ingest chose, e.g. "utf-8", "gb18030", "utf-16"
    sha256: str  # of the file's bytes: the cache key
    meta: DocMeta


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of one document's raw text: a mention, or the evidence sentence of a relation."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One place an entity is named. ``sentence`` is the raw span of the sentence around it."""

    span: TextSpan
    source: str  # which component found it, e.g. "rule:legal_suffix", "ner", "propagate"
    sentence: TextSpan | None = None


@dataclass(frozen=True, slots=True)
class Amount:
    """A stated quantity: investment (亿元, 万元), capacity (万吨, KVA, MW), area, length."""

    kind: str  # "investment" | "capacity" | "area" | "length" | "other"
    value: str  # decimal lexical form, e.g. "2.5"
    unit: str  # as written, e.g. "亿元", "万吨", "KVA"
    span: TextSpan


@dataclass(frozen=True, slots=True)
class Candidate:
    """One mention of a would-be entity inside one document, before cross-document resolution."""

    type: EntityType
    label: str  # the name as this mention gives it (normalised text)
    mention: Mention
    definition: str | None = None
    parts: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityRef:
    """Points at an entity before ids exist: its type and the label a candidate gave it."""

    type: EntityType
    label: str


@dataclass(frozen=True, slots=True)
class RelationCandidate:
    """A relation found in one document, between two candidate labels."""

    type: RelationType
    subject: EntityRef
    object: EntityRef
    evidence: TextSpan
    rule: str


@dataclass(frozen=True, slots=True)
class DocResult:
    """Everything extracted from one document; cached by the document's content hash."""

    doc: SourceDoc
    candidates: tuple[Candidate, ...]
    relations: tuple[RelationCandidate, ...]
    repeated_paragraphs: tuple[TextSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing, across all documents."""

    id: str
    type: EntityType
    label: str
    aliases: tuple[str, ...] = ()
    definition: str | None = None
    parts: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    amounts: tuple[Amount, ...] = ()
    merges: tuple[str, ...] = ()  # why each alias was merged: "rule: evidence"


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two entities, with every sentence that supports it."""

    type: RelationType
    subject: str  # entity id
    object: str  # entity id
    evidence: tuple[TextSpan, ...]
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """The result of extraction over a batch: resolved entities and relations, plus failures."""

    docs: tuple[SourceDoc, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    failures: tuple[tuple[str, str], ...] = field(default=())  # (path, reason)


def entity_id(kind: EntityType, key: str) -> str:
    """The stable id of an entity: its type and a hash of its resolution key.

    >>> entity_id(EntityType.ENTERPRISE, "高义钢铁")
    'enterprise/d316174913ed'
    """
    digest = hashlib.sha1(f"{kind.value}\x1f{key}".encode()).hexdigest()[:12]
    return f"{kind.value.lower()}/{digest}"
