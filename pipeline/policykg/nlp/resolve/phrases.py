"""Corpus-level evidence: a would-be firm that is only ever a piece of one longer phrase.

A string that recurs across many reports always inside the same longer phrase — 提振新能源 of
提振新能源汽车消费, 海新通 of 陆海新通道, 资源禀 of 资源禀赋 — is a fragment of common language, not
a firm. After resolution, an Enterprise named in at least ``MIN_DOCUMENTS`` documents whose
mentions are, in at least ``SHARE`` of cases, followed by the same Chinese character (or preceded
by the same one) is dropped with its relations, and so is one of several documents whose name
has no part that the word list does not know (可再生能源, 粮食产量). Real firms are followed by anything: 、, 等, 集团,
项目 names, verbs. Works over whatever batch is extracted together (a build, an evaluation fold).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from policykg.ir import Entity, EntityType, Relation, SourceDoc
from policykg.nlp.rules.lexicon import has_proper_part

MIN_DOCUMENTS = 3
SHARE = 0.9


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _sides(entity: Entity, raws: dict[str, str]) -> tuple[Counter[str], Counter[str]]:
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for m in entity.mentions:
        raw = raws.get(m.span.doc, "")
        left[raw[m.span.start - 1 : m.span.start] if m.span.start > 0 else ""] += 1
        right[raw[m.span.end : m.span.end + 1]] += 1
    return left, right


def is_phrase_fragment(entity: Entity, raws: dict[str, str]) -> bool:
    """True for an Enterprise of several documents that one fixed neighbour always extends, or
    whose name is made of common words only (可再生能源, 粮食产量: the language, not a firm)."""
    if entity.type is not EntityType.ENTERPRISE:
        return False
    if len({m.span.doc for m in entity.mentions}) < MIN_DOCUMENTS:
        return False
    if not has_proper_part(entity.label):
        return True
    total = len(entity.mentions)
    for side in _sides(entity, raws):
        ch, n = side.most_common(1)[0]
        if _is_han(ch) and n >= SHARE * total:
            return True
    return False


def drop_phrase_fragments(
    entities: Sequence[Entity], relations: Sequence[Relation], docs: Sequence[SourceDoc]
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """Entities and relations without the phrase fragments."""
    raws = {d.name: d.raw for d in docs}
    dropped = {e.id for e in entities if is_phrase_fragment(e, raws)}
    kept = tuple(e for e in entities if e.id not in dropped)
    links = tuple(r for r in relations if r.subject not in dropped and r.object not in dropped)
    return kept, links
