"""Projects named without 项目/工程 of their own: list items, capacities, enterprise-led items.

* ``project_list``: 实施A、B等(N个)(…)项目 — each item is a project, the generic head is not
  (the head may name sectors: 等精细化工、生物医药、新材料项目).
* ``capacity_project``: 建成年产2000吨优质中药材加工生产线 — 年产 + quantity + what is made.
* ``enterprise_item``: 重点支持恒强化工噻吩类医药中间体中试基地、高义钢铁省级研发中心…等 — list
  items that start with an enterprise and go on to name what it builds.
"""

from __future__ import annotations

import re

from policykg.ir import EntityType
from policykg.nlp.candidates import (
    CAPACITY_PROJECT,
    ENTERPRISE_ITEM,
    NUMBERED_WORKS,
    PROJECT_LIST,
)
from policykg.nlp.rules.lexicon import has_proper_part, is_word
from policykg.nlp.rules.names import latest_cut
from policykg.nlp.rules.orgs import Found
from policykg.nlp.rules.projects import (
    CLAUSE_STOP,
    NAME_MAX,
    is_generic_project,
    project_boundary,
    split_pair,
    strip_count,
    trim_start,
)
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

PROJECT = EntityType.PROJECT.value
_LIST_HEAD = re.compile(r"等([^，。；,;]{0,24}?)(?:项目|工程)")
_SECTOR_MAX = 4
# What a list's head may say besides counts and generic words (H-c11, H-c13): an investment
# (等总投资45亿元的8个项目, 等23个投资超千万元项目), quotation marks (等6个“烂尾项目”) and the
# state of the works (等一批建成项目, 等提质改造项目, 等在建项目).
_TAIL_AMOUNT = re.compile(
    r"(?:总)?投资(?:超|近|约|达|逾)?(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千几]+)?"
    r"(?:亿|万|千万|百万)?元(?:以上|左右)?的?"
    r"|(?:超|近|约|达|逾)?(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千几]+)(?:亿|万|千万|百万)元?"
    r"(?:以上|左右|级)?的?"
)
_TAIL_QUOTES = re.compile(r"[“”\"‘’]")
_TAIL_STATE = re.compile(r"建成|提质|改造|升级|改扩建|扩建|续建|在建|烂尾|商贸")
# A quoted count term as the head names a programme (等“三大工程”; H-c15).
_TAIL_PROGRAMME = re.compile(r"[“\"‘][一二三四五六七八九十两百千\d]+大?$")
# A description of the listed works, with a qualifier at most (等一批科技含量高、…大的好项目).
_TAIL_DESCRIBED = re.compile(r"的(?:好|大|重点|重大|优质)?$")
_CAPACITY = re.compile(
    r"年产(?!值)\s*\d+(?:\.\d+)?\s*(?:万|千)?(?:吨|件|台|套|辆|平方米|立方米|片|只|头|羽)"
)
_ITEM_END = "、，。；,;等和（(\n"
_MIN_REST = 3


def clause_start(text: str, pos: int) -> int:
    """Start of the clause containing ``pos``."""
    start = pos
    while start > 0 and text[start - 1] not in CLAUSE_STOP:
        start -= 1
    return start


def _generic_tail(tail: str, rules: NameRules) -> bool:
    """The words between 等 and 项目: counts, generic words, or a list of short sector names."""
    if _TAIL_PROGRAMME.match(tail):
        return False  # 等“三大工程”: a quoted count term names a programme, its items are tasks
    if _TAIL_DESCRIBED.search(tail):
        return True  # 等一批科技含量高、财税贡献大的项目: a description of the listed works
    tail = _TAIL_STATE.sub("", _TAIL_QUOTES.sub("", _TAIL_AMOUNT.sub("", tail)))
    parts = tail.split("、")
    if len(parts) == 1:
        return is_generic_project(tail, rules)
    return all(len(p) <= _SECTOR_MAX or is_generic_project(p, rules) for p in parts)


_ITEM_JOINER = "及"
_MIN_JOINED = 4


def _split_items(text: str, start: int, end: int, rules: NameRules) -> list[tuple[int, int]]:
    """A list item split at 和 (``split_pair``) and at 及 before a name of its own (4+ characters
    with a proper part): in a list of works every named work is an item (雄忻高铁 | 保定南站等
    重大项目), while a work without a name stays with the one before it (浰河综合码头及航道整治)."""
    pos = text.find(_ITEM_JOINER, start, end)
    if pos - start >= _MIN_JOINED and end - pos - 1 >= _MIN_JOINED:
        left, right = text[start:pos], text[pos + 1 : end]
        if not is_generic_project(left, rules) and has_proper_part(right):
            return [*split_pair(text, start, pos, rules), *_split_items(text, pos + 1, end, rules)]
    return split_pair(text, start, end, rules)


def _inside_word(text: str, cut: int) -> bool:
    """The cut splits a word: the boundary word runs on into the next character (服务|业)."""
    return any(is_word(text[cut - n : cut + 1]) for n in (2, 3) if cut - n >= 0)


def _first_item_start(text: str, start: int, end: int, boundary: re.Pattern[str]) -> int:
    """After the clause's verb before the first item (``latest_cut``), but never inside a word
    (商贸服务|业标准化试点): then the cut after the boundary word before it."""
    cut = latest_cut(text, start, end, boundary)
    while cut > start and _inside_word(text, cut):
        cut = latest_cut(text, start, cut - 1, boundary)
    return cut


def generic_lists(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[list[tuple[int, int]]]:
    """The items of each 实施A、B等(N个)(…)项目 list whose head is generic: for each list, the
    span of every 、-separated item (the first after the clause's verb, opening words trimmed)."""
    boundary = project_boundary(rules)
    lists: list[list[tuple[int, int]]] = []
    for match in _LIST_HEAD.finditer(text):
        if not _generic_tail(match.group(1), rules):
            continue
        begin = clause_start(text, match.start())
        pos = begin
        items: list[tuple[int, int]] = []
        for index, piece in enumerate(text[begin : match.start()].split("、")):
            start, end = pos, pos + len(piece)
            pos = end + 1
            if index == 0:
                start = _first_item_start(text, start, end, boundary)
            items.append((trim_start(text, start, end, rules), end))
        lists.append(items)
    return lists


def find_listed_projects(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Items of 实施A、B等(N个)(…)项目: each item is a project; the generic head is not."""
    found: list[Found] = []
    for items in generic_lists(text, rules):
        for start, end in items:
            for part_start, part_end in _split_items(text, start, end, rules):
                name = text[part_start:part_end]
                if 3 <= len(name) <= NAME_MAX and not is_generic_project(name, rules):
                    found.append((part_start, part_end, PROJECT, PROJECT_LIST))
    return found


def _item_end(text: str, pos: int) -> int:
    end = pos
    while end < len(text) and text[end] not in _ITEM_END:
        end += 1
    return end


def find_capacity_projects(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """年产N吨X (after a verb or at an item start) up to the end of the item."""
    boundary = project_boundary(rules)
    found: list[Found] = []
    for match in _CAPACITY.finditer(text):
        start = match.start()
        before = text[max(0, start - 4) : start]
        if start and text[start - 1] not in CLAUSE_STOP + "、" and not boundary.search(before):
            continue
        end = _item_end(text, match.end())
        if "的" in text[match.end() : end]:
            continue  # 年产20万辆汽车的目标: a target described, not a work named
        if end - match.end() >= 2 and end - start <= NAME_MAX:
            found.append((start, end, PROJECT, CAPACITY_PROJECT))
    return found


def find_enterprise_items(
    text: str, firms: list[tuple[int, int]], rules: NameRules = DEFAULT_NAME_RULES
) -> list[Found]:
    """Items of a 、-list closed by 等 that start with an enterprise and name what it builds."""
    found: list[Found] = []
    for start, firm_end in firms:
        if start and text[start - 1] not in "、" and not _after_verb(text, start, rules):
            continue
        end = _item_end(text, firm_end)
        if end - firm_end < _MIN_REST or text[end : end + 1] not in ("、", "等", "和"):
            continue
        stop = clause_end(text, end)
        if "等" not in text[end:stop] or end - start > NAME_MAX:
            continue
        found.append((start, end, PROJECT, ENTERPRISE_ITEM))
    return found


def _after_verb(text: str, start: int, rules: NameRules) -> bool:
    boundary = project_boundary(rules)
    return any(m.end() == start for m in boundary.finditer(text, max(0, start - 6), start))


def clause_end(text: str, pos: int) -> int:
    """End of the clause containing ``pos``."""
    end = pos
    while end < len(text) and text[end] not in CLAUSE_STOP:
        end += 1
    return end


# A counted group of works in the body, read like a 专栏 table (H-c13): 城建工程8项：（1）A（2）B。
# or 卫生工程1项：A。 Every item is a Project, a leading count outside (5所|小学改扩建项目).
_WORKS_GROUP = re.compile(r"(?:工程|项目)(?:\d{1,2}|[一二三四五六七八九十]{1,3})项[：:]")
_ITEM_MARK = re.compile(r"[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]")
_GROUP_END = "。；;\n"


def find_numbered_works(text: str) -> list[Found]:
    """Items of a counted group of works (工程N项：（1）A（2）B。): each item is a Project."""
    found: list[Found] = []
    for group in _WORKS_GROUP.finditer(text):
        end = group.end()
        while end < len(text) and text[end] not in _GROUP_END:
            end += 1
        marks = list(_ITEM_MARK.finditer(text, group.end(), end))
        if not marks:
            bounds = [(group.end(), end)]
        elif marks[0].start() == group.end():
            starts = [m.end() for m in marks]
            bounds = list(zip(starts, [m.start() for m in marks[1:]] + [end], strict=True))
        else:
            continue
        for start, stop in bounds:
            start = stop - len(strip_count(text[start:stop]))
            if 2 <= stop - start <= NAME_MAX and not any(
                c in CLAUSE_STOP for c in text[start:stop]
            ):
                found.append((start, stop, PROJECT, NUMBERED_WORKS))
    return found
