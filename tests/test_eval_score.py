"""Scoring on hand-made IR: strict vs overlap counting, micro-averages, the glossary check."""

from __future__ import annotations

import pytest

from policykg.gold.evaluate import (
    Counts,
    merge,
    predicted_keys,
    score,
    score_glossary,
    total,
)
from policykg.gold.files import GlossaryGold
from policykg.ir import Entity, EntityType, Mention, TextSpan


def _entity(kind: EntityType, label: str, *spans: tuple[int, int], **extra: object) -> Entity:
    mentions = tuple(Mention(TextSpan("d.txt", s, e, label), "test") for s, e in spans)
    return Entity(f"{kind.value}/{label}", kind, label, mentions=mentions, **extra)  # type: ignore[arg-type]


def test_strict_and_overlap_differ_on_a_too_long_span() -> None:
    gold = {("d.txt", 10, 14, "Enterprise"), ("d.txt", 20, 24, "Enterprise")}
    pred = predicted_keys(
        [
            _entity(EntityType.ENTERPRISE, "依托高义钢铁", (8, 14)),  # overlaps, not exact
            _entity(EntityType.ENTERPRISE, "宇丰冶炼", (20, 24)),  # exact
            _entity(EntityType.ENTERPRISE, "龙头企业", (40, 44)),  # spurious
            _entity(EntityType.PLACE, "新绛县", (0, 3)),  # not scored
        ]
    )
    enterprise = next(s for s in score(pred, gold) if s.type == "Enterprise")
    assert enterprise.strict == Counts(3, 2, 1, 1)
    assert enterprise.overlap == Counts(3, 2, 2, 2)
    assert enterprise.strict.precision == pytest.approx(1 / 3)
    assert enterprise.strict.recall == pytest.approx(0.5)
    assert enterprise.strict.f1 == pytest.approx(0.4)
    assert all(s.type != "Place" for s in score(pred, gold))


def test_type_must_agree_even_for_overlap() -> None:
    gold = {("d.txt", 0, 8, "Project")}
    pred = {("d.txt", 0, 4, "Enterprise")}
    by_type = {s.type: s for s in score(pred, gold)}
    assert by_type["Project"].overlap.matched_gold == 0
    assert by_type["Enterprise"].overlap.matched_predicted == 0


def test_other_document_never_matches() -> None:
    pred = {("a.txt", 0, 4, "Enterprise")}
    gold = {("b.txt", 0, 4, "Enterprise")}
    assert total(score(pred, gold)).overlap == Counts(1, 1, 0, 0)


def test_merge_sums_counts_over_folds() -> None:
    one = score({("a", 0, 2, "Slogan")}, {("a", 0, 2, "Slogan")})
    two = score({("b", 0, 2, "Slogan")}, {("b", 5, 7, "Slogan")})
    slogan = next(s for s in merge([one, two]) if s.type == "Slogan")
    assert slogan.strict == Counts(2, 2, 1, 1)
    assert Counts().f1 == 0.0


def test_glossary_check_compares_definition_and_parts_without_spaces() -> None:
    gold = [
        GlossaryGold("六稳", "稳就业、稳金融", ("稳就业", "稳金融")),
        GlossaryGold("三农", "农业、农村、农民", ("农业", "农村", "农民")),
        GlossaryGold("放管服", "简政放权、放管结合、优化服务", ()),
        GlossaryGold("三无、三可", "无差别、可预期", ("无差别", "可预期"), ("三无", "三可")),
    ]
    entities = [
        _entity(
            EntityType.ABBREVIATION,
            "六稳",
            (0, 2),
            definition="稳就业、 稳金融",
            parts=("稳就业", "稳金融"),
        ),
        _entity(EntityType.ABBREVIATION, "三农", (5, 7), definition="农业、农村", parts=("农业",)),
        _entity(EntityType.SLOGAN, "放管服", (9, 12), definition="简政放权、放管结合、优化服务"),
        # one gold entry joining two terms; the extractor split its parts per term
        _entity(
            EntityType.ABBREVIATION,
            "三无",
            (18, 20),
            definition="无差别、可预期",
            parts=("无差别",),
        ),
        _entity(
            EntityType.ABBREVIATION,
            "三可",
            (20, 22),
            definition="无差别、可预期",
            parts=("可预期",),
        ),
    ]
    result = score_glossary(gold, entities)
    counts = (result.entries, result.found, result.definition_exact, result.parts_exact)
    assert counts == (4, 3, 2, 2)
    assert result.wrong == ("三农", "放管服")


def test_a_type_with_too_little_gold_gets_no_floor() -> None:
    """One `leads` link in the corpus folds: losing it would fail CI, so it has no floor."""
    from policykg.gold.evaluate import Counts, TypeScore
    from policykg.gold.floor import MIN_GOLD, micro_f1
    from policykg.gold.run import FoldEval
    from policykg.gold.score import ALL_TYPES, RELATION_TYPES, DocCounts

    def score(kind: str, gold: int) -> TypeScore:
        return TypeScore(kind, Counts(gold, gold, gold, gold), Counts(gold, gold, gold, gold))

    spans = {t: score(t, MIN_GOLD if t == "Enterprise" else 0) for t in ALL_TYPES}
    links = {t: score(t, MIN_GOLD - 1 if t == "leads" else 0) for t in RELATION_TYPES}
    fold = FoldEval("f", "dev", "m", ALL_TYPES, (DocCounts("d", spans, links),), 1, ())
    assert micro_f1([fold]) == {"Enterprise": 1.0}
