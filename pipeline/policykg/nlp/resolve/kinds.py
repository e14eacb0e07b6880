"""Batch evidence: a name that several places use, made of common words only, is a kind.

A firm or a work named alike by reports of different places (城投公司 in 顺平 and in 临沂,
房地产开发项目, 第二污水处理厂, 修复工程) is what each place has of a kind, not one entity: the
name has no part of its own — no place, no brand, no number or phase — and reads as common words
of the dictionary and of the genre (``GENRE_WORDS``). After resolution, such an Enterprise or
Project named in documents of at least ``MIN_PLACES`` places is dropped with its relations.
Places are the documents' place metadata (清苑县 and 清苑区 are one place), so the reports of one
county over the years count once. Not kinds: works that run through many places and are one work
there (北沿江高铁: ``LINE_HEADS``), the nation's own (国家电网), and names with a part of their
own (华为, 大唐, 雄忻高铁).

Streets, and works named by common words and a number (南环路, 纬一路, 6号线, 110千伏变电站), are
works of each place, and a group named by a kind (城发集团, 金控集团, 市农发集团) is the group that
city formed: one name of several places becomes one entity per place. A kind before 公司 or with
no legal suffix names a class of firms in policy talk (落实城投公司举债融资提级管理, 创办强村公司) and
is dropped.

A document's own table of works (专栏 items, 卫生工程1项：中医院迁建工程) makes the kind that
place's work (H-c13): such a place keeps an entity of its own, with the mentions of its
documents that list it, and the relations whose evidence is there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from policykg.ir import (
    Amount,
    Entity,
    EntityType,
    Mention,
    Relation,
    SourceDoc,
    TextSpan,
    entity_id,
)
from policykg.nlp.candidates import COLUMN_ITEM, NUMBERED_WORKS
from policykg.nlp.resolve.entities import enterprise_key
from policykg.nlp.rules.lexicon import is_common_phrase, is_word
from policykg.nlp.rules.vocabulary import GENRE_WORDS, LINE_HEADS, STREET_HEADS
from policykg.text.divisions import core_name

MIN_PLACES = 2
GROUP = "集团"
KINDS = (EntityType.ENTERPRISE, EntityType.PROJECT)
_LEVEL_PREFIXES = ("园区", "市", "县", "区", "省")
TABLE_SOURCES = frozenset((COLUMN_ITEM.name, NUMBERED_WORKS.name))
_EXTENSIONS = ("东延", "西延", "南延", "北延", "延伸")
_LOCAL = re.compile(
    rf"(?P<head>\d+号线|{'|'.join(STREET_HEADS)})(?:{'|'.join(_EXTENSIONS)})?(?:工程|项目)?$"
)
# Roads named by what they are, not by a name of their own (农村公路, 市政道路, 美丽乡村路).
_ROAD_NOUNS = ("公路", "道路", "村路", "马路")
_LOCAL_WORDS = frozenset((*GENRE_WORDS, *_EXTENSIONS, "号线"))
# A count of items (20项, 十项, 3个) counts a kind; it is no part of a name of its own.
_COUNT = re.compile(r"[0-9一二三四五六七八九十百]+[项个条]")
_DIGITS = re.compile(r"[0-9]+")
# The nation's own (国家电网, 中国建设银行) is one thing wherever it is named.
_NATIONAL = ("国家", "中国")


def place_of(doc: SourceDoc) -> str:
    """The place a document speaks for, without its level (清苑县 and 清苑区 → 清苑, by
    ``divisions.core_name``); the document's name when its place is unknown."""
    place = doc.meta.place or doc.meta.city or ""
    return core_name(place) or place or doc.name


def places_naming(entity: Entity, places: dict[str, str]) -> int:
    """How many places the documents that name ``entity`` speak for."""
    return len({places.get(m.span.doc, m.span.doc) for m in entity.mentions})


def _core(entity: Entity) -> str:
    """The name to test: for a firm its trade name, without a level word before it (市城发)."""
    if entity.type is not EntityType.ENTERPRISE:
        return entity.label
    core = enterprise_key(entity.label)
    for prefix in _LEVEL_PREFIXES:
        if core.startswith(prefix) and len(core) > len(prefix) + 1:
            return core[len(prefix) :]
    return core


@cache
def is_kind_name(name: str) -> bool:
    """True when ``name`` reads as common and genre words only and is neither a line that runs
    through places nor a street (房地产开发项目, 城投, 修复工程; not 北沿江高铁, 南环路, 华为)."""
    if name.endswith(LINE_HEADS) or name.startswith(_NATIONAL) or _street(name):
        return False
    return is_common_phrase(_COUNT.sub("", name), frozenset(GENRE_WORDS))


def _street(name: str) -> re.Match[str] | None:
    """The head of a street's name (南环路, 振兴路南延), None for other names and for roads named
    by what they are (农村公路)."""
    match = _LOCAL.search(name)
    if match is None or name[: match.end("head")].endswith(_ROAD_NOUNS):
        return None
    return match


@cache
def is_local_name(name: str) -> bool:
    """True for a street, or a work named by common words and a number (南环路, 纬一路, 振兴路南延,
    6号线, 110千伏变电站): every place has its own. A street named by one dictionary word, a
    place's included, is one too (朝阳路, 长江路)."""
    street = _street(name)
    if street and is_word(name[: street.start()]):
        return True
    if not (street or _DIGITS.search(name)):
        return False
    return is_common_phrase(_DIGITS.sub("", name), _LOCAL_WORDS)


def is_local(entity: Entity, places: dict[str, str]) -> bool:
    """A Project of several places whose name is a street or a numbered work of each, or a
    group of several places named by a kind (城发集团, 金控集团: each city forms its own)."""
    if places_naming(entity, places) < MIN_PLACES:
        return False
    if entity.type is EntityType.ENTERPRISE:
        return entity.label.endswith(GROUP) and is_kind_name(_core(entity))
    return entity.type is EntityType.PROJECT and is_local_name(entity.label)


def is_kind(entity: Entity, places: dict[str, str]) -> bool:
    """An Enterprise or Project of several places whose name is a kind."""
    return (
        entity.type in KINDS
        and places_naming(entity, places) >= MIN_PLACES
        and is_kind_name(_core(entity))
    )


def _place_map(docs: Iterable[SourceDoc]) -> dict[str, str]:
    return {d.name: place_of(d) for d in docs}


def by_place(entity: Entity, places: dict[str, str], docs: set[str]) -> dict[str, Entity]:
    """Place → an entity of its own holding the mentions (and amounts) of ``docs`` there."""
    mentions: dict[str, list[Mention]] = {}
    for m in entity.mentions:
        if m.span.doc in docs:
            mentions.setdefault(places.get(m.span.doc, m.span.doc), []).append(m)
    amounts: dict[str, list[Amount]] = {}
    for a in entity.amounts:
        if a.span.doc in docs:
            amounts.setdefault(places.get(a.span.doc, a.span.doc), []).append(a)
    return {
        place: replace(
            entity,
            id=entity_id(entity.type, f"{entity.label}@{place}"),
            mentions=tuple(here),
            amounts=tuple(amounts.get(place, ())),
        )
        for place, here in mentions.items()
    }


def own_works(entity: Entity, places: dict[str, str]) -> dict[str, Entity]:
    """Place → that place's own entity of a kind: the mentions of its documents that list the
    kind in a table of their works (none when no document does)."""
    listing = {m.span.doc for m in entity.mentions if m.source in TABLE_SOURCES}
    return by_place(entity, places, listing)


def _relink(
    relation: Relation, owners: dict[str, dict[str, Entity]], places: dict[str, str]
) -> list[Relation]:
    """``relation`` with a kind's end moved to each place's own entity: one relation per place
    of its evidence, none where that place has no entity of its own."""
    if relation.subject not in owners and relation.object not in owners:
        return [relation]
    evidence_at: dict[str, list[TextSpan]] = {}
    for span in relation.evidence:
        evidence_at.setdefault(places.get(span.doc, span.doc), []).append(span)
    links = []
    for place, evidence in evidence_at.items():
        ends = [
            owners[end][place].id if end in owners and place in owners[end] else end
            for end in (relation.subject, relation.object)
        ]
        if not any(end in owners for end in ends):
            links.append(
                replace(relation, subject=ends[0], object=ends[1], evidence=tuple(evidence))
            )
    return links


def drop_kinds(
    entities: Sequence[Entity], relations: Sequence[Relation], docs: Sequence[SourceDoc]
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """Entities and relations without the kinds named by several places (a place whose table
    of works lists a kind keeps it as its own work), and each place's street or line its own."""
    places = _place_map(docs)
    owners = {
        e.id: by_place(e, places, {m.span.doc for m in e.mentions})
        for e in entities
        if is_local(e, places)
    }
    owners |= {
        e.id: own_works(e, places) for e in entities if e.id not in owners and is_kind(e, places)
    }
    kept = [e for e in entities if e.id not in owners]
    kept += [own for owned in owners.values() for own in owned.values()]
    kept.sort(key=lambda e: (e.type.value, e.label, e.id))
    return tuple(kept), tuple(link for r in relations for link in _relink(r, owners, places))
