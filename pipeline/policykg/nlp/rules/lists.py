"""Names in list contexts: 推动A、B等企业, 以A、B为龙头, 依托A、B、C等, 以A、B为代表的…项目.

A list is the 、-separated stretch of one clause that ends at a *frame*; the frame says what the
items are. Items must still look like names (short, not generic, not places); an item that starts
with a name found by a structural rule keeps only that name (聚能科技锂电池 → 聚能科技 comes from
the brand rule, so the list rule adds nothing for it).
"""

from __future__ import annotations

import re

from policykg.ir import EntityType
from policykg.nlp.candidates import (
    LIST_ENTERPRISE,
    LIST_LEADER,
    LIST_MATE,
    LIST_PROJECT,
    PARTNER,
    RELIED_ON,
    RuleId,
)
from policykg.nlp.rules.lexicon import is_common_word, starts_with_word
from policykg.nlp.rules.names import PHASE, before_phase, contains_any, latest_cut, word_regex
from policykg.nlp.rules.orgs import Found, is_brand
from policykg.nlp.rules.owners import owner_length
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

ENTERPRISE = EntityType.ENTERPRISE.value
PROJECT = EntityType.PROJECT.value

_TRADE_MAX = 4
_CLAUSE_STOP = "，。；：！？\n“”「」《》,;:!?"
# 等 + an optional short qualifier + an enterprise head: 等企业, 等知名企业, 等涉农龙头企业.
_ENTERPRISE_FRAME = re.compile(
    r"等(?:\d+家|[一二三四五六七八九十]+家)?(?P<qualifier>[\u4e00-\u9fff]{0,6}?)(?:企业|公司)"
)
# 支持A、B、C等做大做强: a list of firms that the text wants to grow, without the word 企业.
_GROW_FRAME = re.compile(r"等(?:做大做强|做优做强|做强做优|做强做大|发展壮大|增资扩产)")
# 与X(进行)对接/合作, 与A、B的战略合作: partners named on their own.
_PARTNER_FRAME = re.compile(
    r"与(?P<name>[\u4e00-\u9fffA-Za-z、]{2,40}?)(?:的(?:战略|深度|全面|紧密|务实)?)?"
    r"(?:进行|开展|深化|加强)?(?:对接|合作|签约|签订)"
)
_PARTNER_MAX = 8
# 中国商飞, 中国航发, 中国外运: a state group named 中国 + its short name.
_STATE_GROUP = re.compile(r"中国[\u4e00-\u9fff]{2,4}")
# 依托X开发/发展/建设…: the base the text builds on, when it is named like a firm.
_RELY_FRAME = re.compile(
    r"依托(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)(?:大力|加快|积极|重点|在|开发|发展|建设|研发|研制|打造|实施|推进|生产|建成)"
)
_NOT_BASES = (
    "市场",
    "园",
    "区",
    "资源",
    "优势",
    "平台",
    "基地",
    "产业",
    "中心",
    "大学",
    "学院",
    "医院",
    "环境",
    "条件",
    "体系",
    "项目",
    "工程",
    "品牌",
    "文化",
    "企业",
    "龙头",
)
_NOT_PARTNERS = ("大学", "学院", "医院", "研究院", "研究所", "政府", "部门", "市场", "企业", "高校")
_NOT_GROUPS = ("科学", "工程院", "社会", "协会", "学会", "中心", "国家", "城市", "地区")
_SECTOR_QUALIFIERS = ("行业", "产业", "领域", "类", "规上", "规模以上", "中小", "小微")
_ITEM_TAIL = re.compile(r"等[\u4e00-\u9fff]{0,6}$")
_LEADER_FRAME = re.compile(r"为(?:龙头|代表|引领|主体|骨干)")
_OPENERS = ("以", "依托", "推动", "支持", "扶持", "培育", "引进", "与", "加快与")
_PROJECT_TAIL = re.compile(r"^的[^，。；]{0,16}?(?:项目|工程)")
_ENTERPRISE_TAIL = re.compile(r"^(?:，)?(?:的)?[^，。；]{0,12}?(?:企业|集群|产业|龙头)")


def _clause_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and text[start - 1] not in _CLAUSE_STOP:
        start -= 1
    return start


def list_items(text: str, begin: int, end: int, rules: NameRules) -> list[tuple[int, int]]:
    """The 、-separated items of ``text[begin:end]``; the first loses its leading verbs."""
    items: list[tuple[int, int]] = []
    pos = begin
    for piece in text[begin:end].split("、"):
        items.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    if items:
        last_start, last_end = items[-1]
        tail = _ITEM_TAIL.search(text, last_start, last_end)
        items[-1] = (last_start, tail.start() if tail else last_end)
        first_start, first_end = items[0]
        boundary = word_regex(rules.boundary_words + _OPENERS)
        cuts = [first_start] + [m.end() for m in boundary.finditer(text, first_start, first_end)]
        valid = [c for c in cuts if _enterprise_item(text, c, first_end, rules)]
        start = max(valid) if valid else latest_cut(text, first_start, first_end, boundary)
        items[0] = (start, first_end)
    return [(s, e) for s, e in items if e > s]


def _framed_item(text: str, start: int, end: int, rules: NameRules) -> bool:
    """An item of an explicit 等…企业 list: a name may hold a word of a line of business
    (鄂中生态, 楚大智能) when it opens with a name the dictionary does not know."""
    item = text[start:end]
    if _enterprise_item(text, start, end, rules):
        return True
    if not 3 <= len(item) <= 6 or is_common_word(item) or starts_with_word(item):
        return False
    return is_brand(item[:2], rules, lexical=True) and not contains_any(item, rules.project_heads)


def _enterprise_item(
    text: str, start: int, end: int, rules: NameRules, *, lexical: bool = False
) -> bool:
    item = text[start:end]
    if not 2 <= len(item) <= 8 or contains_any(item, rules.project_heads):
        return False
    if contains_any(item, rules.park_suffixes) or item[-1] in "省市县镇乡村区":
        return False
    if item in rules.industry_words or is_common_word(item):
        return False
    line = word_regex(rules.industry_words).search(item)
    if line:  # the brand rule decides its exact extent; sector words alone (纺织服装) are no firm
        return line.start() > 0
    return is_brand(item, rules, lexical=lexical)


def _opener_start(text: str, clause: int, pos: int) -> int | None:
    """Where the list after 以/依托 starts inside ``text[clause:pos]``, if an opener is there."""
    best: int | None = None
    for match in word_regex(("以", "依托")).finditer(text, clause, pos):
        best = match.end()
    return best


def _is_partner(name: str, rules: NameRules) -> bool:
    """A firm named as a partner: a trade name, or 中国 + a state group's short name."""
    if not 2 <= len(name) <= _PARTNER_MAX or contains_any(name, _NOT_PARTNERS):
        return False
    if _STATE_GROUP.fullmatch(name):
        return not is_common_word(name[2:]) and not contains_any(name, _NOT_GROUPS)
    return is_brand(name, rules)


def find_listed_enterprises(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Items of 推动A、B等企业 and 以A、B为龙头/代表 (unless the head says projects)."""
    found: list[Found] = []
    for match in _ENTERPRISE_FRAME.finditer(text):
        if contains_any(match.group("qualifier"), _SECTOR_QUALIFIERS):
            continue
        begin = _clause_start(text, match.start())
        found += _items_as(text, begin, match.start(), ENTERPRISE, LIST_ENTERPRISE, rules)
    for match in _GROW_FRAME.finditer(text):
        begin = _clause_start(text, match.start())
        found += _items_as(text, begin, match.start(), ENTERPRISE, LIST_ENTERPRISE, rules)
    for match in _RELY_FRAME.finditer(text):
        name = match.group("name")
        if not contains_any(name, _NOT_BASES) and is_brand(name, rules):
            found.append((match.start("name"), match.end("name"), ENTERPRISE, RELIED_ON))
    for match in _PARTNER_FRAME.finditer(text):
        pos = match.start("name")
        for name in match.group("name").split("、"):
            if _is_partner(name, rules):
                found.append((pos, pos + len(name), ENTERPRISE, PARTNER))
            pos += len(name) + 1
    for match in _LEADER_FRAME.finditer(text):
        clause = _clause_start(text, match.start())
        opener = _opener_start(text, clause, match.start())
        if opener is None:
            continue
        tail = text[match.end() : match.end() + 24]
        if _PROJECT_TAIL.match(tail):
            found += _items_as(text, opener, match.start(), PROJECT, LIST_PROJECT, rules)
        elif match.group() == "为龙头" or _ENTERPRISE_TAIL.match(tail):
            found += _items_as(text, opener, match.start(), ENTERPRISE, LIST_LEADER, rules)
    return found


def _items_as(
    text: str, begin: int, end: int, label: str, rule: RuleId, rules: NameRules
) -> list[Found]:
    items = list_items(text, begin, end, rules)
    if label == PROJECT:
        return [(s, e, label, rule) for s, e in items if e - s >= 3]
    found: list[Found] = []
    for start, item_end in items:
        end_ = before_phase(text, start, item_end)
        framed = rule == LIST_ENTERPRISE
        if (_framed_item if framed else _enterprise_item)(text, start, end_, rules):
            found.append((start, start + trade_name_length(text[start:end_], rules), label, rule))
    return found


def trade_name_length(item: str, rules: NameRules) -> int:
    """How much of a list item is the name: up to its first industry word (中信机电|新材料), or
    the trade name before a product (龙纤|特种纤维), else all of it."""
    industry = word_regex(rules.industry_words).search(item, 2)
    if industry and industry.start() <= _TRADE_MAX:
        return industry.end()
    if len(item) <= _TRADE_MAX:
        return len(item)
    return owner_length(item, rules) or len(item)


def find_list_mates(
    text: str, known: list[tuple[int, int]], rules: NameRules = DEFAULT_NAME_RULES
) -> list[Found]:
    """Short list items next to a known enterprise: 至信宝能、同瑞煤化销售收入… (both firms).

    Only lists of two or more short items in one clause, every item name-shaped, at least one
    item exactly an enterprise found by another rule.
    """
    known_set = set(known)
    found: list[Found] = []
    for start, end in known:
        after = end + 2 if PHASE.fullmatch(text, end, end + 2) else end  # 远景动力一期、
        if not (text[after : after + 1] == "、" or text[start - 1 : start] == "、"):
            continue
        begin = _clause_start(text, start)
        stop = end
        while stop < len(text) and text[stop] not in _CLAUSE_STOP:
            stop += 1
        pieces = _split(text, begin, stop)
        last_start, last_end = pieces[-1]
        pieces[-1] = (last_start, _trim_tail(text, last_start, last_end, known_set))
        items = [
            (s, before_phase(text, s, e))
            for s, e in list_items(text, pieces[0][0], pieces[-1][1], rules)
        ]
        shaped = [
            (s, e)
            for s, e in items
            if (s, e) in known_set or _enterprise_item(text, s, e, rules, lexical=True)
        ]
        if len(items) >= 2 and len(shaped) == len(items):
            found += [(s, e, ENTERPRISE, LIST_MATE) for s, e in items if (s, e) not in known_set]
    return found


def _split(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    pos = begin
    for piece in text[begin:end].split("、"):
        pieces.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return pieces


def _trim_tail(text: str, start: int, end: int, known: set[tuple[int, int]]) -> int:
    """The last item runs on into the predicate (同瑞煤化销售收入…): keep a known name's end."""
    for s, e in known:
        if s == start and e <= end:
            return e
    return min(end, start + 4)
