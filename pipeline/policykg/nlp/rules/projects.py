"""Project names: spans ending in 项目/工程, and the items of 实施A、B等(N个)项目 lists.

A project name runs from the enterprise, place or qualifier that begins it to 项目/工程. Its start
is found with the shared left-boundary mechanism (``names.find_start``): the latest cut that
leaves a non-generic name wins, so leading verbs (推进, 实施, 加快…) and counts (3个, 一批) fall
off, while “美丽乡村建设项目” keeps 建设 (the cut after it would leave nothing).
"""

from __future__ import annotations

import re
from functools import lru_cache, partial

from policykg.ir import EntityType
from policykg.nlp.candidates import PROJECT_HEAD, PROJECT_SIBLING
from policykg.nlp.rules.lexicon import (
    has_proper_part,
    is_word,
    leading_function_words,
    starts_with_common_word,
)
from policykg.nlp.rules.names import find_start, latest_cut, strip_words, word_regex
from policykg.nlp.rules.orgs import Found, multi_char_words
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

PROJECT = EntityType.PROJECT.value

_COUNT = re.compile(
    r"^(?:\d+(?:\.\d+)?|[一二三四五六七八九十百两几]+)(?:个|项|批|所|座|条|处|家|大)"
)
_NUMBERING = re.compile(r"^(?:\d{1,2}[.．、]|[一二三四五六七八九十]+[、是要])")
NAME_MAX = 36
_SPECIFIC_CORE = 5  # a name needs this many specific characters, or a digit / Latin letter
CLAUSE_STOP = "，。；：！？\n“”「」《》,;:!?"
_SINGLE_CUTS = ("的", "、", "将", "把", "对", "由", "以", "了")  # 启动了|白团…工程
_AMOUNT_INSIDE = re.compile(r"\d(?:亿|万)?元|投资")
LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z]")
# A number in digits or in Chinese numerals, as a count of things is written (16, 四, 几).
NUMBER = r"(?:\d+|[一二三四五六七八九十两几]+)"
_HEAD_INSIDE = re.compile(r"项目|工程")
_COUNT_INSIDE = re.compile(rf".{NUMBER}[个项]")  # …实施16项民生工程
# A superlative describes a work without naming it (京南地区最大的|绿电制氢项目).
_SUPERLATIVE = re.compile(r"最[^的，、]{0,4}的")
# A deictic place before the head refers to the place's projects (围绕我县项目).
_DEICTIC_END = re.compile(r"(?:我|本|全|该)[省市县区镇乡]$")
_NOT_FIRST = "与及和并续"
# The count of a list before its descriptive head (杨下河等四个片区…工程): no clause's count.
_LIST_COUNT = re.compile(rf"等{NUMBER}个")
_VERB_BEFORE_HEAD = "抓谋引建上争保推促"  # 抓项目, 谋项目: a verb, not a name
_PLACE_ITEM_MAX = 5
_PLACE_ENDINGS = "路段街巷庙楼阁村镇庄乡"
_MIN_SIBLING = 4
_SPLIT_AT = "和"  # “A和B项目” names two projects when A is a name on its own (5+ characters)
_MIN_SPLIT_LEFT = 5


def strip_count(name: str) -> str:
    """``name`` without leading numbering (4.), a count (3个, 一批, 19个) or 了."""
    name = name.lstrip("了")
    numbering = _NUMBERING.match(name)
    name = name[numbering.end() :] if numbering else name
    match = _COUNT.match(name)
    return name[match.end() :] if match else name


def _core(name: str, rules: NameRules) -> str:
    core = strip_words(strip_count(name), rules.generic_project_words + rules.project_heads)
    return strip_count(core)


def is_generic_project(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> bool:
    """True when nothing specific is left once counts and generic words are removed."""
    return len(_core(name, rules)) < 2


# A phase singles out one work as a digit does (新国展二期, 子午工程二期; H-xj3: "place,
# enterprise, phase or capacity").
_PHASE = re.compile(r"(?:[一二三四五六七八九十]|\d{1,2})期")
_STAGES = re.compile(r"(?:[一二三四五六七八九十]|\d{1,2})[期步]")


def is_specific_project(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> bool:
    """A name with enough specific content: 5+ characters of it, or a digit, Latin letter or
    phase."""
    core = _core(name, rules)
    if len(core) >= _SPECIFIC_CORE:
        return True
    if _PHASE.search(core):
        return len(_STAGES.sub("", core)) >= 2  # a bare phase (二期项目, 一期二步) names nothing
    return len(core) >= 2 and bool(LATIN_OR_DIGIT.search(core))


def trim_start(text: str, start: int, end: int, rules: NameRules = DEFAULT_NAME_RULES) -> int:
    """Move ``start`` past numbering, counts, adverbs and verbs (充分利用…, 扎实推进…)."""
    verbs = word_regex(multi_char_words(rules.boundary_words))
    previous = -1
    while start != previous:
        previous = start
        start = end - len(strip_count(text[start:end]))
        start += leading_function_words(text[start:end], keep=4)
        verb = verbs.match(text, start, end)
        if verb and end - verb.end() >= 4:
            start = verb.end()
        while start < end and text[start] in _NOT_FIRST:
            start += 1
    return start


def _described_list(name: str, rules: NameRules) -> bool:
    """``A、B等(N个)<description>``: places or firms listed before a descriptive head are one
    work (巽阁公园等绿化续建工程, 杨下河等四个片区防涝治理工程; H-xj3, H-c14); a bare head after
    等 (等项目, 等重点工程) makes the items separate works, found by the list rules."""
    listed, described = name[: name.rindex("等")], name[name.rindex("等") + 1 :]
    if LATIN_OR_DIGIT.search(listed):
        return False  # items with a capacity name works of their own (…350万千瓦光伏等21个…项目)
    if is_specific_project(described, rules):
        return True
    return not is_generic_project(described, rules) and has_proper_part(listed)


def _verb_then_generic(name: str, rules: NameRules) -> bool:
    """A verb inside the name governs a generic object (用心用情用力实施|民生工程): a clause about
    projects, not a name."""
    words = opening_words(rules)
    for pos in range(1, len(name) - 2):
        for n in (4, 3, 2):
            rest = name[pos + n :]
            if rest and name[pos : pos + n] in words and is_generic_project(rest, rules):
                return True
    return False


def phase_after(text: str, pos: int) -> str:
    """The phase written right after a head (二期 of 子午工程二期, …项目（二期）), else ''."""
    after = _PHASE_AFTER.match(text, pos)
    phase = _PHASE.search(after.group()) if after else None
    return phase.group() if phase else ""


def _head_name_ok(text: str, start: int, head_start: int, head_end: int, rules: NameRules) -> bool:
    name = text[start:head_start]
    if len(name) > NAME_MAX or _AMOUNT_INSIDE.search(name) or _HEAD_INSIDE.search(name):
        return False
    if "了" in name or _COUNT_INSIDE.search(_LIST_COUNT.sub("等", name)):
        return False  # 创造了大项目, 带动全县39个项目: a clause, not a name
    if name.endswith("的"):
        return False  # 在长沙县的项目, 年初确定的项目: a reference to projects, not a name
    if _SUPERLATIVE.search(name) or _DEICTIC_END.search(name) or _verb_then_generic(name, rules):
        return False
    if "的" in name and not is_specific_project(name[name.rindex("的") + 1 :], rules):
        return False  # …城乡融合发展的|基础工程: what the works serve, no name
    if "等" in name and not _described_list(name, rules):
        return False
    if text[head_start:head_end] == "工程" and name.endswith(rules.programme_endings):
        return False
    if name and name[-1] in _VERB_BEFORE_HEAD and not (is_word(name[-2:]) or is_word(name[-3:])):
        return False
    name = text[trim_start(text, start, head_start) : head_start]
    name += phase_after(text, head_end) if name else ""  # 子午工程二期
    listed = text[start - 1 : start] == "、"  # A、B项目: one of several named works
    return is_specific_project(name, rules) and (
        listed or bool(LATIN_OR_DIGIT.search(name) or _PHASE.search(name)) or has_proper_part(name)
    )


@lru_cache(maxsize=8)
def project_boundary(rules: NameRules) -> re.Pattern[str]:
    """Where a project name may start: after a verb (multi-character boundary word) or 的、."""
    words = multi_char_words(rules.boundary_words) + _SINGLE_CUTS
    return word_regex(words)


def _item_before(text: str, start: int, rules: NameRules) -> tuple[int, int]:
    """The 、-separated item right before ``start`` (its leading verbs cut off)."""
    item_end = start - 1
    item_start = item_end
    while item_start > 0 and text[item_start - 1] not in CLAUSE_STOP + "、":
        item_start -= 1
    return latest_cut(text, item_start, item_end, project_boundary(rules)), item_end


def _is_place_item(item: str) -> bool:
    if not 2 <= len(item) <= _PLACE_ITEM_MAX or LATIN_OR_DIGIT.search(item):
        return False
    return not starts_with_common_word(item) or item[-1] in _PLACE_ENDINGS


def extend_over_places(text: str, start: int, rules: NameRules = DEFAULT_NAME_RULES) -> int:
    """Extend a name back over a list of short place items: 古交、万安、木赞灌区…工程."""
    while start > 0 and text[start - 1] == "、":
        item_start, item_end = _item_before(text, start, rules)
        if not _is_place_item(text[item_start:item_end]):
            break
        start = item_start
    return start


_ITEM_JOINERS = "和及"
_ROAD_ENDINGS = ("路", "街", "巷", "大道", "桥")


def _is_road_item(item: str) -> bool:
    return _is_place_item(item) and item.endswith(_ROAD_ENDINGS)


def split_place_items(text: str, start: int, head_start: int) -> tuple[list[tuple[int, int]], int]:
    """A list of roads before a head without 等 names one work per road, the head only on the
    last (H-c14: 华建路 | 朝阳路 | 迎宾街雨污分流改造工程). With 等, or when the items are places
    that only locate the work (古交、万安、木赞灌区…工程; H-xj3), the list stays one span. Returns
    the items before the last and the start of the last item."""
    if "等" in text[start:head_start] or "、" not in text[start:head_start]:
        return [], start
    items: list[tuple[int, int]] = []
    pos = start
    while (comma := text.find("、", pos, head_start)) >= 0:
        items.append((pos, comma))
        pos = comma + 1
    if not all(_is_road_item(text[s:e]) for s, e in items):
        return [], start
    joiner = next((i for i in range(pos, head_start) if text[i] in _ITEM_JOINERS), -1)
    if joiner > pos and _is_road_item(text[pos:joiner]) and head_start - joiner > 2:
        items.append((pos, joiner))
        pos = joiner + 1
    return items, pos


def _list_start(text: str, start: int, rules: NameRules) -> int:
    """Start of the 、-list that ends in the item at ``start`` (its first item's verb cut off)."""
    while start > 0 and text[start - 1] == "、":
        item_start, _ = _item_before(text, start, rules)
        start = trim_start(text, item_start, start - 1, rules)
    return start


def sibling_projects(text: str, start: int, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Items listed before a project that share its head: A、B、C项目 names three projects."""
    found: list[Found] = []
    while start > 0 and text[start - 1] == "、":
        item_start, item_end = _item_before(text, start, rules)
        item_start = trim_start(text, item_start, item_end, rules)
        name = text[item_start:item_end]
        if len(name) < _MIN_SIBLING or is_generic_project(name, rules) or len(name) > NAME_MAX:
            break
        found.append((item_start, item_end, PROJECT, PROJECT_SIBLING))
        start = item_start
    return found


def split_pair(text: str, start: int, end: int, rules: NameRules) -> list[tuple[int, int]]:
    """“A和B” → A, B when A is long enough to be a name of its own; else the whole span."""
    pos = text.find(_SPLIT_AT, start, end)
    if pos - start >= _MIN_SPLIT_LEFT and not is_generic_project(text[start:pos], rules):
        return [(start, pos), *split_pair(text, pos + 1, end, rules)]
    return [(start, end)]


# An amount that introduces the work: 投资3600万元的|县医院改扩建工程, 总投资33亿元的|风帆工业园项目.
_INVESTED_BEFORE = re.compile(r"投资[^，。；、的]{1,12}?元的")
_INVESTED_NAME = re.compile(r"[^，。；：、“”（）()的]+")


def invested_project(
    text: str, head_start: int, head_end: int, rules: NameRules = DEFAULT_NAME_RULES
) -> int | None:
    """Start of a project name that an investment amount introduces (…元的 + name + head), -1
    when the amount introduces a counted category (no project at all), else None. The amount singles out one work: the name needs only two specific characters and is
    never split at 和 (县城东部道路翻修和雨污分流工程 is one work)."""
    floor = max(0, head_start - NAME_MAX)
    for amount in _INVESTED_BEFORE.finditer(text, floor, head_start):
        start = amount.end()
        if not _INVESTED_NAME.fullmatch(text, start, head_start):
            continue
        name = text[start:head_start]
        if _COUNT.match(name):
            return -1  # 总投资12亿元的6个…项目: a counted category, no work (H-jx3)
        if _HEAD_INSIDE.search(name) or len(_core(name, rules)) < 2:
            continue
        return start
    return None


def find_headed_projects(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Spans ending in 项目/工程: 中圣热电联产项目, 绛县抽水蓄能电站项目."""
    boundary = project_boundary(rules)
    found: list[Found] = []
    for match in word_regex(rules.project_heads).finditer(text):
        head_start, head_end = match.start(), match.end()
        if text.startswith("项目标", head_start):
            continue  # 各项|目标: 目 begins the word 目标, no head
        invested = invested_project(text, head_start, head_end, rules)
        if invested is not None:
            if invested >= 0:
                found.append((invested, head_end, PROJECT, PROJECT_HEAD))
            continue
        start = find_start(
            text,
            head_start,
            limit=NAME_MAX + 8,
            boundary=boundary,
            accept=partial(
                _head_name_ok, text, head_start=head_start, head_end=head_end, rules=rules
            ),
        )
        if start is None:
            continue
        start = trim_start(text, start, head_start)
        if "等" in text[start:head_start]:  # a list before a descriptive head: one work
            found.append((_list_start(text, start, rules), head_end, PROJECT, PROJECT_HEAD))
            continue
        start = extend_over_places(text, start, rules)
        items, start = split_place_items(text, start, head_start)
        found += [(s, e, PROJECT, PROJECT_SIBLING) for s, e in items]
        if not _CATEGORY_END.search(text, start, head_end):  # 科技含量高、…的立县大项目
            found += sibling_projects(text, start, rules)
        for part_start, part_end in split_pair(text, start, head_end, rules):
            if part_end - part_start <= len(match.group()) + 1:
                continue
            if part_end == head_end or is_specific_project(text[part_start:part_end], rules):
                found.append((part_start, part_end, PROJECT, PROJECT_HEAD))
    return found


def find_projects(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Every project name ending in 项目/工程 in ``text`` (overlaps are resolved later)."""
    return find_headed_projects(text, rules)


_COUNT_AFTER = re.compile(r"(?:\d+|[一二三四五六七八九十两百千几]+)(?:个|项|处|所|座|条|家|批)")
_PHASE_AFTER = re.compile(
    r"[（(](?:[一二三四五六七八九十]|\d{1,2})期(?:工程|项目)?[)）]"
    r"|(?:[一二三四五六七八九十]|\d{1,2})期(?![间限待望末满])"  # …产业园项目一期竣工
)
_ATTRIBUTE = re.compile(r"\d|投资|占地|面积")  # 总投资3.5亿元的|…, 占地120亩的|…
# Verbs and adverbs that open a building clause (竣工|健腾药业, 提速|遂宁民用机场), besides the
# boundary words of rules_data; time and focus words (今年重点完成|龙西路); a preposition or
# copula that opens the clause (为|城东花园, 是|农村道路, 对|清苑路南延) unless it starts a word.
_OPENING_EXTRA = (
    "竣工 投运 建成 完工 提速 力促 夯实 保障 紧盯 服务好 抓好 办好 谋划 开建 "
    "今年 全年 明年 重点 着力 全力 力争 确保 为 是 对 缺少 实行"
).split()
_KEEP = 3
# A qualifier right before the head makes the name a category of works, not one work
# (…污染治理重点项目, …振兴发展重大工程, …的好项目, …示范项目); a quoted motto before it
# stays (“一泓清水入黄河”重点工程, H-xj2).
_CATEGORY_END = re.compile(r"(?<!”)(?:重点|重大|示范|好|大)(?:项目|工程)$")


def _opening_length(text: str, pos: int, end: int, rules: NameRules) -> int:
    """Length of a verb, adverb or boundary word opening ``text[pos:end]`` (0 when none), when at
    least ``_KEEP`` characters that are not a generic work are left after it."""
    words = opening_words(rules)
    for n in (4, 3, 2, 1):
        rest = text[pos + n : end]
        if any(is_word(text[pos : pos + n + extra]) for extra in (1, 2)):
            continue  # the word runs on past the cut (抽水|蓄能, 开发|区): not an opening word
        if text[pos : pos + n] not in words or len(rest) < _KEEP:
            continue
        if not is_generic_project(rest, rules) and not rest.startswith(rules.project_heads):
            return n
    return 0


def _complement_length(text: str, pos: int, rules: NameRules) -> int:
    """1 when ``text[pos]`` is the complement of an opening verb cut before it (服务|好|…工程,
    抓|好), else 0."""
    for word in opening_words(rules):
        begin = pos + 1 - len(word)
        if len(word) > 1 and begin >= 0 and text.startswith(word, begin) and word[-1] == "好":
            return 1
    return 0


@lru_cache(maxsize=8)
def opening_words(rules: NameRules) -> frozenset[str]:
    """Words that open a clause, never a project name: the boundary words and the building
    verbs, time and focus words above."""
    return frozenset(multi_char_words(rules.boundary_words)) | frozenset(_OPENING_EXTRA)


def settle_projects(
    text: str, found: list[Found], rules: NameRules = DEFAULT_NAME_RULES
) -> list[Found]:
    """The project spans the rules found, with their edges settled (issue 13):

    * a name followed by a count is a counted category, not a work (…改造项目120个; H-jx3),
      and so is a name whose head is qualified (…治理重点项目, …的好项目);
    * a phase in brackets after the head belongs to the name (…扩能工程（一期）);
    * opening verbs and adverbs (竣工|健腾药业, 提速|遂宁民用机场, 今年重点完成|龙西路) and an
      amount or area attribute (占地120亩的|开发区…项目) are cut off.
    """
    settled: list[Found] = []
    for start, end, label, rule in found:
        if label != PROJECT:
            settled.append((start, end, label, rule))
            continue
        if _COUNT_AFTER.match(text, end) or _CATEGORY_END.search(text, start, end):
            continue
        phase = _PHASE_AFTER.match(text, end)
        if phase and text[start:end].endswith(rules.project_heads):
            end = phase.end()
        de = text.find("的", start, end - _KEEP)
        if de >= 0 and _ATTRIBUTE.search(text, start, de):
            start = de + 1
        for _ in range(3):
            step = _opening_length(text, start, end, rules) or _complement_length(
                text, start, rules
            )
            if not step:
                break
            start += step
        settled.append((start, end, label, rule))
    return settled
