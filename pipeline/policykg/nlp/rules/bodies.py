"""Government bodies, parks and places by structure (suffix + a name that starts at a boundary)."""

from __future__ import annotations

import re
from functools import lru_cache, partial

from policykg.ir import EntityType
from policykg.nlp.candidates import GOVERNMENT_SUFFIX, PARK_SUFFIX, PLACE_SUFFIX, PROVINCE
from policykg.nlp.rules.lexicon import (
    has_proper_part,
    is_common_word,
    leading_verbs,
    starts_with_common_word,
    starts_with_plain_common_word,
)
from policykg.nlp.rules.names import alternation, contains_any, find_start, strip_words, word_regex
from policykg.nlp.rules.orgs import Found, multi_char_words
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

GOVERNMENT = EntityType.GOVERNMENT_BODY.value
PARK = EntityType.PARK.value
PLACE = EntityType.PLACE.value

# A government body's name starts with an administrative prefix: a place, or 县/市/省/国务院/中共.
_ADMIN_PREFIX = re.compile(
    r"^(?:中共|国务院|中央|国家|省|市|县|区|镇|乡|(?P<place>[\u4e00-\u9fff]{1,4}?)(?:省|自治区|市|县|区|镇|乡))"
)
# Bodies named by what they are, not by a place: 城乡建设管理委员会, 重点项目总指挥部.
# Bases and clusters are parks only when named (瑞富达孵化基地), not by sector (蔬菜生产基地).
_NEEDS_PROPER_NAME = ("基地", "集群")
_COMMITTEES = ("委员会", "管委会", "指挥部", "领导小组", "工作专班")
# Organs that stand alone: 人大, 政协, 党中央, 常委会, 纪委监委 (not 人大代表, 政协委员).
_ORGANS = ("人大", "政协", "党中央", "常委会", "纪委监委", "人大常委会")
_NOT_AFTER_ORGAN = ("代表", "委员", "提案", "常委")
_LEVELS = ("国家级", "省级", "市级", "县级", "国家", "万亩", "千亩", "标准化", "综合")
# Words that make X县/X市 a designation (示范县, 先进县), not a place name.
_DESIGNATIONS = (
    "示范",
    "试点",
    "先进",
    "百强",
    "强",
    "大",
    "小",
    "重点",
    "产粮",
    "贫困",
    "创建",
    "达标",
)
_CITY_NOT_AFTER = "场级委政民直属内外区长"
_LEVEL_CHARS = "省市县区镇乡"
# One-character verbs and prepositions that stand before a place: 让绛县…, 讲好绛县…, 至磨里村.
_NOT_FIRST_IN_PLACE = "让请举使于向占率创补送讲至在到从对把将与和及同为是的了等准划级"
_NOT_IN_PLACES = ("代表", "我", "们", "的", "于", "在", "按照", "将", "全力")


@lru_cache(maxsize=8)
def _gov_regex(rules: NameRules) -> re.Pattern[str]:
    return re.compile(alternation(rules.government_suffixes))


@lru_cache(maxsize=8)
def _park_regex(rules: NameRules) -> re.Pattern[str]:
    return re.compile(alternation(rules.park_suffixes))


def _gov_ok(text: str, start: int, suffix_start: int, suffix: str, rules: NameRules) -> bool:
    name = text[start:suffix_start]
    if any(inner in name for inner in rules.government_suffixes if len(inner) > 1):
        return False
    if suffix in _COMMITTEES:
        return len(name) >= 2 and not name[0].isdigit()
    if suffix in _ORGANS and not name:
        return True
    before = text[suffix_start - 1 : suffix_start]
    if len(suffix) == 1 and before not in _LEVEL_CHARS and is_common_word(before + suffix):
        return False  # 格局, 干部, 外部: a word, not a body
    if suffix == "部":
        return 2 <= len(name) <= 4
    prefix = _ADMIN_PREFIX.match(name + suffix)
    if prefix is None or name.startswith(("全", "各", "该")):
        return False
    place = prefix.group("place")
    if place is None:
        return True
    level = (name + suffix)[prefix.end() - 1]
    dept = (name + suffix)[prefix.end() : len(name)]
    if starts_with_common_word(place) or contains_any(dept, _NOT_IN_PLACES):
        return False
    return _place_ok(place, level, dept[:1], rules)


def find_government_bodies(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """新绛县交通运输局, 县发改局, 县人民政府, 县委, 开发区管委会, 国务院办公厅."""
    boundary = word_regex(rules.boundary_words)
    found: list[Found] = []
    for match in _gov_regex(rules).finditer(text):
        begin, suffix = match.start(), match.group()
        start = find_start(
            text,
            begin,
            limit=14,
            boundary=boundary,
            accept=partial(_gov_ok, text, suffix_start=begin, suffix=suffix, rules=rules),
            earliest=suffix in _COMMITTEES,
        )
        if suffix in _ORGANS and text[match.end() : match.end() + 2] in _NOT_AFTER_ORGAN:
            continue
        if len(suffix) == 1 and is_common_word(text[begin : match.end() + 1]):
            continue  # 部署, 局面, 办法: the suffix opens a word of the language, no body ends here
        if start is None and suffix in _ORGANS:
            start = begin
        if start is not None and match.end() - start >= 2:
            found.append((start, match.end(), GOVERNMENT, GOVERNMENT_SUFFIX))
    return found


def _park_ok(text: str, start: int, suffix_start: int, suffix: str, rules: NameRules) -> bool:
    name = text[start:suffix_start]
    if len(name) < 2 or name[0].isdigit() or name[0] in "十百千万一二三四五六七八九两":
        return False
    if any(suffix in name for suffix in rules.park_suffixes):
        return False
    if leading_verbs(name, keep=1) or contains_any(name, multi_char_words(rules.boundary_words)):
        return False
    core = strip_words(name, rules.generic_modifiers + _LEVELS)
    if len(core) < 2:
        return False
    return not suffix.endswith(_NEEDS_PROPER_NAME) or has_proper_part(core)


def find_parks(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """新绛经济技术开发区, 智能装备制造产业园, 龙兴物流园, 新材料产业集群 (a name before the suffix)."""
    boundary = word_regex(rules.boundary_words)
    found: list[Found] = []
    for match in _park_regex(rules).finditer(text):
        begin = match.start()
        start = find_start(
            text,
            begin,
            limit=16,
            boundary=boundary,
            accept=partial(_park_ok, text, suffix_start=begin, suffix=match.group(), rules=rules),
        )
        if start is not None:
            found.append((start, match.end(), PARK, PARK_SUFFIX))
    return found


def _place_at(text: str, start: int, end: int, suffix: str, after: str, rules: NameRules) -> bool:
    if is_common_word(text[end - 1 : end + 1]) or is_common_word(text[end : end + 2]):
        return False  # 农村, 城市, 乡村, 市场: the suffix belongs to a word of the language
    return _place_ok(text[start:end], suffix, after, rules)


def _place_ok(name: str, suffix: str, after: str, rules: NameRules) -> bool:
    if not name or name[0] in rules.place_pronouns or any(ch.isdigit() for ch in name):
        return False
    if name[0] in _NOT_FIRST_IN_PLACE or contains_any(name, ("等", "的", "和", "是", "我", "照")):
        return False
    if starts_with_plain_common_word(name):
        return False  # 企业上市, 生态立县: words of the language, not a place name
    if any(name.endswith(d) for d in _DESIGNATIONS):
        return False
    if suffix == "县":
        return 1 <= len(name) <= 3
    if suffix == "市":
        return 2 <= len(name) <= 3 and after not in _CITY_NOT_AFTER
    return 2 <= len(name) <= 3


_PLACE_SUFFIXES = ("省", "自治区", "市", "县", "镇", "乡", "村")


def find_places(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Provinces, and X县 / X市 / X镇 / X乡 / X村 whose name starts at a boundary."""
    boundary = word_regex(rules.boundary_words + _PLACE_SUFFIXES)
    found: list[Found] = [
        (m.start(), m.end(), PLACE, PROVINCE) for m in word_regex(rules.provinces).finditer(text)
    ]
    for match in word_regex(_PLACE_SUFFIXES).finditer(text):
        begin, suffix = match.start(), match.group()
        after = text[match.end() : match.end() + 1]
        start = find_start(
            text,
            begin,
            limit=6,
            boundary=boundary,
            accept=partial(_place_at, text, end=begin, suffix=suffix, after=after, rules=rules),
        )
        if start is not None:
            found.append((start, match.end(), PLACE, PLACE_SUFFIX))
    return found
