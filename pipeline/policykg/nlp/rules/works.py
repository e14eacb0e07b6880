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
from policykg.nlp.rules.names import strip_words
from policykg.nlp.rules.orgs import Found
from policykg.nlp.rules.projects import CLAUSE_STOP, LATIN_OR_DIGIT, NUMBER, trim_start
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

PROJECT = EntityType.PROJECT.value
WORKS_HEADS = (
    "高铁 铁路 城际铁路 城际 高速公路 高速 快速路 公路 国道 省道 大道 路 大街 街 大桥 桥 隧道 "
    "机场 航站楼 港区 码头 航道 作业区 水库 水利枢纽 枢纽 电站 变电站 抽水蓄能 轨道交通 轻轨 "
    "号线 复线 管网 水厂 污水处理厂 延伸段 南延段 北延段 段 外环 环路 环线 连接线 引线 便道 "
    "二环 三环 四环"  # ring roads: 北三环, 南三环
).split()
_HEAD = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, WORKS_HEADS), key=len, reverse=True)) + ")"
)
_ITEM_STOP = CLAUSE_STOP + "、等和及与"
# Building and the tasks before it (征地, 征迁, 勘测: 雄忻高铁征地工作基本完成, 改建、加固…桥).
_CONSTRUCTION = re.compile(
    r"建设|开工|加快|推进|启动|实施|谋划|前期|提速|续建|新建|改造|建成|通车|竣工"
    r"|改建|加固|征地|征迁|拆迁|勘测|勘察"  # not 扩建: it names widening of what is built
)
_BUILD_AFTER = re.compile(
    r"建设|改造|改扩建|扩建|提升|前期|开工|征地|征迁|拆迁|开发建设"  # 推进恩施大道建设, 力争A铁路开工
    r"|[东西南北]延|扩容"
)
# What may follow a work's name besides a stop or a task: its state (丰乐汉江大桥即将通车, …正在办理)
# or the count that sums up a list of works (…和望亭乡刘口桥3座危桥).
_WORK_COUNT = rf"{NUMBER}(?:座|条|处|个)"
_STATE_AFTER = re.compile(rf"即将|正在|开始|基本|全面|顺利|完成|{_WORK_COUNT}")
# An extension or widening written after the road is part of the work's name (H-c12: 富强路北延,
# 扬子津路西延二期, 成南高速扩容).
_EXTENSION = re.compile(r"[东西南北]延(?:伸)?(?:段|线)?(?:[一二三四五六七八九十]期)?|扩容")
# A work reported as opened or completed is not a Project (H-c12), unless the clause looks ahead.
_COMPLETED = re.compile(r"建成|通车|投用|投运|竣工|完工|建设完成")
_AHEAD = re.compile(r"即将|力争|确保|争取|加快|计划|年内|推进|启动")
# Works named by generic words alone (农村公路, 市政道路, 天然气管网, 交通枢纽): no specific work.
_GENERIC_WORKS = tuple(
    (
        "农村 乡村 乡间 市政 城市 城区 城乡 县城 地下 天然气 燃气 供水 排水 污水 雨水 交通 储能 "
        "光伏 综合 货运 物流 主要 道路 旅游 园区 国际 全国性 区域 配套 港航 新建 一批"
    ).split()
)
_LENGTH_FIRST = re.compile(r"\d+(?:\.\d+)?(?:公里|千米|米)")
NAME_MIN, NAME_MAX = 3, 20


def _clause(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and text[start - 1] not in CLAUSE_STOP:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in CLAUSE_STOP:
        end += 1
    return start, end


def is_generic_work(name: str) -> bool:
    """True when ``name`` is made of generic words and works heads only (农村公路, 市政道路)."""
    return not strip_words(name, _GENERIC_WORKS + tuple(WORKS_HEADS))


def reported_completed(text: str, lo: int, hi: int) -> bool:
    """The clause ``text[lo:hi]`` reports its works as opened or completed (建成通车, 建设完成),
    not as a task ahead (即将通车, 力争建成)."""
    for match in _COMPLETED.finditer(text, lo, hi):
        if not _AHEAD.search(text, max(lo, match.start() - 4), match.start()):
            return True
    return False


# Verbs, time words and 的 never stand inside a work's name: the name starts after the last of
# them in its item (A区年内完成|盛源大街南延, B区完成|职中路, 总投资3亿元的|新东环路). 建设 is not
# among them (建设路).
_INNER_VERBS = re.compile(
    r"完成|实施|推进|加快|启动|开工|续建|新建|改建|扩建|加固|打通|抓好|做好|谋划|力争|确保|争取|年内|的"
)
# A count of works (3座, 27条): no work's name holds or opens with one.
_COUNT = re.compile(_WORK_COUNT)


def after_last_verb(text: str, start: int, end: int) -> int:
    """``start`` moved past the last verb or time word inside ``text[start:end]`` when a name of
    ``NAME_MIN`` characters is left after it; a verb before a generic work (完成|道路) leaves no
    name, so ``end`` is returned then."""
    cut = start
    for match in _INNER_VERBS.finditer(text, start, end):
        cut = match.end()
    if cut == start:
        return start
    if is_generic_work(text[cut:end]):
        return end
    return cut if end - cut >= NAME_MIN else start


_LIST_ITEM_MAX = 8


def named_list_start(text: str, lo: int, stop: int, rules: NameRules) -> int | None:
    """Start of the 、-list of places that ends at ``stop`` (the 等 before a generic works head),
    its first item's verb cut off; None when an item is no short name or every item is a work
    with a head of its own."""
    start = stop
    while start > lo and text[start - 1] not in CLAUSE_STOP + "和及与等":
        start -= 1
    start = after_last_verb(text, trim_start(text, start, stop, rules), stop)
    items = text[start:stop].split("、")
    if all(_HEAD.search(i[-3:]) for i in items):
        return None  # 金凤大道、恩施大道等市政道路: works named each on its own (H-c12)
    if all(2 <= len(i) <= _LIST_ITEM_MAX and not LATIN_OR_DIGIT.search(i) for i in items):
        return start
    return None


def find_works_items(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Items ending in a works head, in clauses that speak of building (not of works completed)."""
    found: list[Found] = []
    for match in _HEAD.finditer(text):
        end = match.end()
        if (
            end < len(text)
            and text[end] not in _ITEM_STOP
            and not _BUILD_AFTER.match(text, end)
            and not _STATE_AFTER.match(text, end)
        ):
            continue  # the head runs on into a longer word (路线, 街道)
        lo, hi = _clause(text, match.start())
        if not _CONSTRUCTION.search(text, lo, hi) or reported_completed(text, lo, hi):
            continue
        extension = _EXTENSION.match(text, end)
        if extension:
            end = extension.end()
        start = match.start()
        while start > lo and (text[start - 1] not in _ITEM_STOP or text[start : start + 1] == "级"):
            start -= 1  # 高等级公路: 等 of 等级 is no list end
        if text[start - 1 : start] == "等" and is_generic_work(text[start:end]):
            listed = named_list_start(text, lo, start - 1, rules)
            if listed is not None:  # 镇广、绕城西段、大垫等高速公路: one work (H-c14)
                found.append((listed, end, PROJECT, WORKS_ITEM))
            continue
        if _COUNT.match(text, start):
            continue  # 3座|农村危桥, 27条|农村公路: a count of works, not a named one (H-jx2)
        start = trim_start(text, start, end, rules)
        start = after_last_verb(text, start, end)
        name = text[start:end]
        if _LENGTH_FIRST.match(name) or is_generic_work(name) or _COUNT.search(name):
            continue
        if NAME_MIN <= end - start <= NAME_MAX and end - start > len(match.group()):
            found.append((start, end, PROJECT, WORKS_ITEM))
    return found
