"""Project names: spans ending in 项目/工程, and the items of 实施A、B等(N个)项目 lists.

A project name runs from the enterprise, place or qualifier that begins it to 项目/工程. Its start
is found with the shared left-boundary mechanism (``names.find_start``): the latest cut that
leaves a non-generic name wins, so leading verbs (推进, 实施, 加快…) and counts (3个, 一批) fall
off, while “美丽乡村建设项目” keeps 建设 (the cut after it would leave nothing).
"""

from __future__ import annotations

import re
from functools import partial

from policykg.ir import EntityType
from policykg.nlp.names import find_start, latest_cut, strip_words, word_regex
from policykg.nlp.orgs import Found
from policykg.nlp.rules_data import DEFAULT_NAME_RULES, NameRules

PROJECT = EntityType.PROJECT.value

_COUNT = re.compile(
    r"^(?:\d+(?:\.\d+)?|[一二三四五六七八九十百两几]+)(?:个|项|批|所|座|条|处|家|大)"
)
_LIST_TAIL_MAX = 14
_NAME_MAX = 36
_LIST_HEAD = re.compile(rf"等([^，。；、]{{0,{_LIST_TAIL_MAX}}}?)(?:项目|工程)")
_CLAUSE_STOP = "，。；：！？\n“”「」《》"


def strip_count(name: str) -> str:
    """``name`` without a leading count (3个, 一批, 19个) or 了."""
    name = name.lstrip("了")
    match = _COUNT.match(name)
    return name[match.end() :] if match else name


def is_generic_project(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> bool:
    """True when nothing specific is left once counts and generic words are removed."""
    core = strip_words(strip_count(name), rules.generic_project_words + rules.project_heads)
    core = strip_count(core)
    return len(core) < 2


_SINGLE_CUTS = ("的", "、", "将", "把", "对", "由", "以")
_AMOUNT_INSIDE = re.compile(r"\d(?:亿|万)?元|投资")


def _head_name_ok(text: str, start: int, head_start: int, rules: NameRules) -> bool:
    name = text[start:head_start]
    if len(name) > _NAME_MAX or "等" in name or _AMOUNT_INSIDE.search(name):
        return False
    return not is_generic_project(name, rules)


def _project_boundary(rules: NameRules) -> re.Pattern[str]:
    words = tuple(w for w in rules.boundary_words if len(w) > 1) + _SINGLE_CUTS
    return word_regex(words)


def find_headed_projects(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Spans ending in 项目/工程: 中圣热电联产项目, 绛县抽水蓄能电站项目."""
    boundary = _project_boundary(rules)
    found: list[Found] = []
    for match in word_regex(rules.project_heads).finditer(text):
        head_start, head_end = match.start(), match.end()
        start = find_start(
            text,
            head_start,
            limit=_NAME_MAX + 8,
            boundary=boundary,
            accept=partial(_head_name_ok, text, head_start=head_start, rules=rules),
        )
        if start is not None:
            start = head_start - len(strip_count(text[start:head_start]))
            found.append((start, head_end, PROJECT, "project_head"))
    return found


def _clause_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and text[start - 1] not in _CLAUSE_STOP:
        start -= 1
    return start


def find_listed_projects(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Items of 实施A、B等(N个)(…)项目: each item is a project; the generic head is not."""
    boundary = _project_boundary(rules)
    found: list[Found] = []
    for match in _LIST_HEAD.finditer(text):
        tail = match.group(1)
        if not is_generic_project(tail, rules):
            continue
        begin = _clause_start(text, match.start())
        pos = begin
        pieces = text[begin : match.start()].split("、")
        for index, piece in enumerate(pieces):
            start, end = pos, pos + len(piece)
            pos = end + 1
            if index == 0:
                start = latest_cut(text, start, end, boundary)
            start = end - len(strip_count(text[start:end]))
            name = text[start:end]
            if len(name) >= 3 and not is_generic_project(name, rules) and len(name) <= _NAME_MAX:
                found.append((start, end, PROJECT, "project_list"))
    return found


def find_projects(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Every project name in ``text`` (overlaps are resolved later)."""
    return find_headed_projects(text, rules) + find_listed_projects(text, rules)
