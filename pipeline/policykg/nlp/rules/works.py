"""Infrastructure works named without 项目/工程: roads, railways, bridges, ports, reservoirs.

Reports list the works they are building by name alone — 加快十西高铁、十巫高速北段等建设,
推进金凤大道、恩施大道、环城东路等市政道路建设, 开工潘口抽水蓄能. Every item of such a clause that
ends in a works head (高铁, 高速, 大道, 大桥, 机场, 水库, 号线 …) is proposed as a Project; the
decision model judges it (a work reported as opened or completed is not a Project: the
guideline's H-c12), with the clause's status words among its features.
"""

from __future__ import annotations

import re

from policykg.ir import EntityType
from policykg.nlp.candidates import WORKS_ITEM
from policykg.nlp.rules.orgs import Found
from policykg.nlp.rules.projects import CLAUSE_STOP, trim_start
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

PROJECT = EntityType.PROJECT.value
WORKS_HEADS = (
    "高铁 铁路 城际铁路 城际 高速公路 高速 快速路 公路 国道 省道 大道 路 大街 街 大桥 桥 隧道 "
    "机场 航站楼 港区 码头 航道 作业区 水库 水利枢纽 枢纽 电站 变电站 抽水蓄能 轨道交通 轻轨 "
    "号线 复线 管网 水厂 污水处理厂 延伸段 南延段 北延段 段"
).split()
_HEAD = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, WORKS_HEADS), key=len, reverse=True)) + ")"
)
_ITEM_STOP = CLAUSE_STOP + "、等和及与"
_CONSTRUCTION = re.compile(
    r"建设|开工|加快|推进|启动|实施|谋划|前期|提速|续建|新建|改造|建成|通车|竣工"
)
_BUILD_AFTER = re.compile(r"建设|改造|改扩建|扩建|提升|前期")  # 推进恩施大道建设
NAME_MIN, NAME_MAX = 3, 20


def _clause(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and text[start - 1] not in CLAUSE_STOP:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in CLAUSE_STOP:
        end += 1
    return start, end


def find_works_items(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Items ending in a works head, in clauses that speak of building."""
    found: list[Found] = []
    for match in _HEAD.finditer(text):
        end = match.end()
        if end < len(text) and text[end] not in _ITEM_STOP and not _BUILD_AFTER.match(text, end):
            continue  # the head runs on into a longer word (路线, 街道)
        lo, hi = _clause(text, match.start())
        if not _CONSTRUCTION.search(text, lo, hi):
            continue
        start = match.start()
        while start > lo and text[start - 1] not in _ITEM_STOP:
            start -= 1
        start = trim_start(text, start, end, rules)
        if NAME_MIN <= end - start <= NAME_MAX and end - start > len(match.group()):
            found.append((start, end, PROJECT, WORKS_ITEM))
    return found
