"""Document-level evidence against would-be firms (nlp.resolve.doc_evidence)."""

from __future__ import annotations

from policykg.nlp.candidates import BRAND_INDUSTRY, LIST_MATE, RuleId, Spot
from policykg.nlp.resolve.doc_evidence import drop_place_like, drop_verb_brands


def _spot(text: str, name: str, rule: RuleId, nth: int = 0) -> Spot:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return (start, start + len(name), "Enterprise", rule)


def _names(text: str, merged: dict[int, list[Spot]]) -> list[str]:
    return [text[s:e] for spots in merged.values() for s, e, _, _ in spots]


def test_a_brand_written_mostly_before_other_words_is_a_verb() -> None:
    text = "建强科技创新载体。建强农业微生物实验室。建强干部队伍。安井食品、安井食品二期投产。"
    merged = {0: [_spot(text, "建强科技", BRAND_INDUSTRY), _spot(text, "安井食品", BRAND_INDUSTRY)]}
    assert _names(text, drop_verb_brands(text, merged)) == ["安井食品"]


def test_a_group_is_kept_though_its_name_comes_with_other_lines() -> None:
    text = "巨力集团产值70亿元，巨力索具、巨力影视加快发展。"
    merged = {0: [_spot(text, "巨力集团", BRAND_INDUSTRY)]}
    assert _names(text, drop_verb_brands(text, merged)) == ["巨力集团"]


def test_a_guessed_name_the_document_uses_as_a_place_is_dropped() -> None:
    text = "横桥、恒泰等项目开工。横桥镇建成污水厂。"
    merged = {0: [_spot(text, "横桥", LIST_MATE), _spot(text, "恒泰", LIST_MATE)]}
    assert _names(text, drop_place_like(text, merged)) == ["恒泰"]
