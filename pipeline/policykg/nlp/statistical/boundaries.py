"""Boundary variants: the same candidate without the words a rule let in at its start.

Rules often start a project or firm name a word too early (竣工|健腾药业, 提速|遂宁民用机场,
占地120亩的|开发区基础设施提升项目). For every Project, Enterprise or Park candidate, the variants
without one or two leading opening words (dictionary verbs, adverbs, prepositions and
conjunctions: 竣工, 力促, 夯实, 是, 在, 和) and without a leading ``…的`` attribute are proposed
too, and an Enterprise candidate without a listed place that opens it (凯里市|其亚集团, 贞丰|紫金:
the guideline keeps a city before a firm's own name outside it, H-c6), and each item of a
Project candidate that joins several with 、 (``_list_items``), with the same proposer
``trimmed`` (``RuleId.trim``, written ``+trim``); of the candidates of one type that overlap, the
decision model (``decide``) keeps at most one.
"""

from __future__ import annotations

from collections.abc import Iterable

from policykg.ir import EntityType
from policykg.nlp.candidates import Spot
from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import word_entries

TRIMMED_TYPES = (EntityType.PROJECT.value, EntityType.ENTERPRISE.value, EntityType.PARK.value)
OPENING_TAGS = frozenset(("v", "vn", "vd", "d", "ad", "p", "c"))
OPENING_CHARS = "是在为将对与和及把被从向于"
MIN_LEFT = 2


def _opening_word(text: str, pos: int, end: int) -> int:
    """Length of the opening word at ``text[pos:]`` (0 when there is none)."""
    entries = word_entries()
    for n in (4, 3, 2):
        word = text[pos : pos + n]
        if pos + n <= end - MIN_LEFT and word in entries and entries[word][1] in OPENING_TAGS:
            return n
    return 1 if text[pos : pos + 1] and text[pos] in OPENING_CHARS else 0


def variants(text: str, spot: Spot) -> list[Spot]:
    """``spot`` without one or two opening words, or without a leading ``…的`` attribute."""
    start, end, label, source = spot
    if label not in TRIMMED_TYPES or end - start < MIN_LEFT + 2 or source.needs_decision:
        return []
    out: list[Spot] = []
    pos = start
    for _ in range(2):
        step = _opening_word(text, pos, end)
        if not step:
            break
        pos += step
        out.append((pos, end, label, source.trim()))
    de = text.find("的", start, end - MIN_LEFT)
    if de >= 0:
        out.append((de + 1, end, label, source.trim()))
    if label == EntityType.PROJECT.value:
        out += [(s, e, label, source.trim()) for s, e in _list_items(text, start, end)]
    if label == EntityType.ENTERPRISE.value:
        cut = place_prefix(text[start:end])
        if cut and end - start - cut >= MIN_LEFT:
            out.append((start + cut, end, label, source.trim()))
    return out


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a project candidate that joins several with 、 (宁淮铁路、宁芜铁路扩能改造):
    each one between the marks, the last up to 等 when one follows it (the guideline's H-xj3 and
    H-c14: each item that names a work is its own Project; the whole phrase stays a candidate
    for lists of places before one descriptive head). Items shorter than ``MIN_LEFT`` are
    left out. Cutting the part before 等 as a variant too was tried and lowered Project F1 on
    the dev folds (0.799 → 0.796); the items alone raised it (→ 0.809, drawn sentences 0.700 →
    0.710)."""
    stop = text.find("等", start + MIN_LEFT, end)
    last = stop if stop >= 0 else end
    if "、" not in text[start:last]:
        return []
    items, pos = [], start
    for part in text[start:last].split("、"):
        items.append((pos, pos + len(part)))
        pos += len(part) + 1
    return [(s, e) for s, e in items if e - s >= MIN_LEFT]


def with_variants(text: str, spots: Iterable[Spot]) -> list[Spot]:
    """The candidates and their boundary variants (no duplicates)."""
    seen: dict[Spot, None] = {}
    for spot in spots:
        seen.setdefault(spot, None)
        for variant in variants(text, spot):
            seen.setdefault(variant, None)
    return list(seen)


def without_variants(candidates: dict[int, list[Spot]]) -> dict[int, list[Spot]]:
    """The rules' own candidates (what runs when no decision model is there): no boundary
    variants, and none of the proposals only a model may keep."""
    return {
        i: [s for s in spots if not s[3].trimmed and not s[3].needs_decision]
        for i, spots in candidates.items()
    }
