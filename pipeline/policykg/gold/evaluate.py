"""Score extracted mentions against gold spans: per-type precision/recall/F1, strict and overlap.

*Strict*: a predicted mention counts when a gold span has the same document, start, end and type.
*Overlap*: a predicted mention counts when it overlaps any gold span of the same type in the same
document; a gold span counts as found when any prediction of its type overlaps it.
Predictions of types nobody annotates (Place) are not scored. Also the glossary check: how many
gold glossary entries came out with exactly the gold definition and parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policykg.gold.files import GOLD_LABELS, GlossaryGold
from policykg.ir import Entity, EntityType

# (document name, start, end, type)
Key = tuple[str, int, int, str]
SCORED_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType if t.value in GOLD_LABELS)


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives counted on each side (they differ under overlap matching)."""

    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.matched_predicted + other.matched_predicted,
            self.matched_gold + other.matched_gold,
        )

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Strict and overlap counts of one entity type."""

    type: str
    strict: Counts
    overlap: Counts


def predicted_keys(entities: Iterable[Entity]) -> set[Key]:
    """Every mention of every scored entity, typed by its entity, without duplicates."""
    return {
        (m.span.doc, m.span.start, m.span.end, e.type.value)
        for e in entities
        if e.type.value in SCORED_TYPES
        for m in e.mentions
    }


def _overlaps(a: Key, b: Key) -> bool:
    return a[0] == b[0] and a[3] == b[3] and a[1] < b[2] and b[1] < a[2]


def _overlap_matches(left: set[Key], right: set[Key]) -> int:
    """How many of ``left`` overlap at least one of ``right`` (same document and type)."""
    by_doc_type: dict[tuple[str, str], list[Key]] = {}
    for key in right:
        by_doc_type.setdefault((key[0], key[3]), []).append(key)
    return sum(
        any(_overlaps(key, other) for other in by_doc_type.get((key[0], key[3]), []))
        for key in left
    )


def score_type(predicted: set[Key], gold: set[Key], kind: str) -> TypeScore:
    """The counts of one type (both sets are filtered to ``kind`` here)."""
    pred = {k for k in predicted if k[3] == kind}
    ref = {k for k in gold if k[3] == kind}
    exact = len(pred & ref)
    strict = Counts(len(pred), len(ref), exact, exact)
    overlap = Counts(len(pred), len(ref), _overlap_matches(pred, ref), _overlap_matches(ref, pred))
    return TypeScore(kind, strict, overlap)


def score(predicted: set[Key], gold: set[Key]) -> tuple[TypeScore, ...]:
    """Per-type scores, in :data:`SCORED_TYPES` order."""
    return tuple(score_type(predicted, gold, kind) for kind in SCORED_TYPES)


def total(scores: Sequence[TypeScore]) -> TypeScore:
    """Micro-average over types: the sum of their counts."""
    strict, overlap = Counts(), Counts()
    for item in scores:
        strict, overlap = strict + item.strict, overlap + item.overlap
    return TypeScore("all", strict, overlap)


def merge(runs: Sequence[Sequence[TypeScore]]) -> tuple[TypeScore, ...]:
    """Micro-average the same types over several folds."""
    merged: dict[str, TypeScore] = {}
    for run in runs:
        for item in run:
            old = merged.get(item.type, TypeScore(item.type, Counts(), Counts()))
            merged[item.type] = TypeScore(
                item.type, old.strict + item.strict, old.overlap + item.overlap
            )
    return tuple(merged.values())


@dataclass(frozen=True, slots=True)
class GlossaryScore:
    """Gold glossary entries found as Abbreviation entities, with exact definition and parts."""

    entries: int
    found: int
    definition_exact: int
    parts_exact: int
    wrong: tuple[str, ...]  # terms missing or with a wrong definition


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _found_parts(entry: GlossaryGold, match: Entity, by_name: dict[str, Entity]) -> list[str]:
    """The parts found for an entry; for an entry joining several terms (三无、三可), the parts
    of each joined term's abbreviation in order, since the extractor may split them per term."""
    if not entry.terms or _squash(entry.term) in by_name:
        return [_squash(p) for p in match.parts]
    entities = [by_name.get(_squash(t)) for t in entry.terms]
    return [_squash(p) for e in entities if e is not None for p in e.parts]


def score_glossary(gold: Sequence[GlossaryGold], entities: Iterable[Entity]) -> GlossaryScore:
    """Compare each gold entry with the abbreviation named by its term (or one it joins)."""
    by_name: dict[str, Entity] = {}
    for entity in entities:
        if entity.type is EntityType.ABBREVIATION:
            for name in (entity.label, *entity.aliases):
                by_name.setdefault(_squash(name), entity)
    found = definitions = parts = 0
    wrong: list[str] = []
    for entry in gold:
        match = next((by_name[n] for n in map(_squash, entry.names) if n in by_name), None)
        if match is None:
            wrong.append(entry.term)
            continue
        found += 1
        if _squash(match.definition) == _squash(entry.definition):
            definitions += 1
        else:
            wrong.append(entry.term)
        if _found_parts(entry, match, by_name) == [_squash(p) for p in entry.parts]:
            parts += 1
    return GlossaryScore(len(gold), found, definitions, parts, tuple(wrong))
