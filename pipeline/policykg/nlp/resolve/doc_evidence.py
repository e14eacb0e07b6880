"""Document-level evidence against would-be firm names, after the decision stage.

- A guessed name that the same document uses as a place (横桥 of 横桥镇) is a place.
- A brand + industry name whose brand the document mostly writes before other words (建强|科技,
  建强|农业, 建强|队伍…) is a verb phrase: a firm's trade name comes with its own line of
  business each time it is written (安井食品 … 安井食品).
"""

from __future__ import annotations

from policykg.ir import EntityType
from policykg.nlp.candidates import (
    BRAND_INDUSTRY,
    CAPACITY_NAME,
    LIST_MATE,
    NER,
    PROJECT_OWNER,
    RuleId,
    Spot,
)
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES

ENTERPRISE = EntityType.ENTERPRISE.value
_GUESSED = (PROJECT_OWNER, CAPACITY_NAME, LIST_MATE, NER)
_PLACE_AFTER = "镇乡村县区路街河山湖"
MIN_BRAND_USES = 3  # a brand written this often…
MIN_SAME_SHARE = 0.5  # …and less than this share of the time before the same words is a verb
_GROUP_WORDS = ("集团", "股份", "控股")  # a group's name is also written with its units' lines


Paragraphs = dict[int, list[Spot]]


def _without(
    merged: Paragraphs, drop: set[str], text: str, rules: tuple[RuleId, ...]
) -> Paragraphs:
    return {
        index: [
            s
            for s in spots
            if not (s[2] == ENTERPRISE and s[3] in rules and text[s[0] : s[1]] in drop)
        ]
        for index, spots in merged.items()
    }


def drop_place_like(text: str, merged: Paragraphs) -> Paragraphs:
    """Drop guessed enterprise names that the same document uses as places (横桥 of 横桥镇)."""
    guessed = {
        text[s:e] for spots in merged.values() for s, e, lab, src in spots if src in _GUESSED
    }
    place_like = {name for name in guessed if any(name + ch in text for ch in _PLACE_AFTER)}
    return _without(merged, place_like, text, _GUESSED)


def _brand_of(name: str) -> str:
    industry = max(
        (w for w in DEFAULT_NAME_RULES.industry_words if name.endswith(w) and len(w) < len(name)),
        key=len,
        default="",
    )
    return name[: len(name) - len(industry)] if industry else ""


def drop_verb_brands(text: str, merged: Paragraphs) -> Paragraphs:
    """Drop brand + industry names whose brand the document mostly writes before other words."""
    names = {
        text[s:e]
        for spots in merged.values()
        for s, e, lab, src in spots
        if src == BRAND_INDUSTRY and not text[s:e].endswith(_GROUP_WORDS)
    }
    verbs = set()
    for name in names:
        brand = _brand_of(name)
        uses = text.count(brand) if len(brand) >= 2 else 0
        if uses >= MIN_BRAND_USES and text.count(name) < MIN_SAME_SHARE * uses:
            verbs.add(name)
    return _without(merged, verbs, text, (BRAND_INDUSTRY,))
