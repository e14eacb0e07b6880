"""Trade names at the start of project names: 九鼎风力发电, 太钢集中供热, 明迈特超低排放改造.

A project named after its enterprise starts with a short trade name followed by what is built.
The split point is found with the general lexicon: the shortest prefix (2–4 characters) that is
not a common word or a place, followed by a dictionary word, a digit or 年产 (九鼎|风力发电,
明迈特|超低排放, 天地和|年产62万吨). Weaker than the brand rule, so it only fills gaps. Roads,
bridges, railways, ports, hubs, power and water plants are named after places (荆监高速,
龙翔西路, 妈湾电厂): they have no owner.

A list item that is a trade name plus one line of business and nothing else (瑞创人工智能,
禧跃食品, 九五硼业 in …等6个项目) names the firm itself: the firm and its project are one
string (``firm_item_length``), so no shorter owner is cut out of it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.ir import EntityType
from policykg.nlp.candidates import LIST_PROJECT, PROJECT_LIST, PROJECT_OWNER
from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import (
    is_place_word,
    is_plain_word,
    starts_with_common_word,
    starts_with_word,
    verbs,
)
from policykg.nlp.rules.orgs import Found, is_brand
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

ENTERPRISE = EntityType.ENTERPRISE.value
_AFTER_OWNER = re.compile(r"年产|\d")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,4}")
_LISTED = (PROJECT_LIST, LIST_PROJECT)
_PLACE_ENDINGS = "街路巷泉池河湖山沟村镇寺庙桥湾港园场站"
_LIST_SEPARATORS = ("、", "和")
_WATERS = "河湖江"
# Lines of business that, alone after a trade name, make the name a firm's (besides the
# industry words of ``NameRules`` and any …业: 硼业, 动物药业).
_SECTORS = frozenset({"新能源", "人工智能", "生态", "印刷", "包装印刷", "塑料", "物流", "信息"})
_NOT_FIRST = "与及和并同上续"
# Transport, water and public works are named after the places they join, cross or serve
# (荆监高速, 龙翔西路, 金坡码头, 姚家平水利枢纽, 沟西小学), never after a firm.
_WORKS = re.compile(
    r"[东西南北中]?(?:路|街|大道|大街)|高速|高铁|铁路|公路|城际|轻轨|地铁|大桥|桥|隧道|航道|港"
    r"|码头|机场|水库|干渠|渠道|灌区|水利|引水|湿地|公园|片区|小学|中学|学校|学院|医院"
    r"|博物馆|纪念馆|景区|遗址|抽水蓄能|枢纽|立交|通道|蓄洪|保护地|电厂|水厂|气象"
)
_INVESTED = re.compile(r"投资[^，。；、]{1,12}的$")  # 投资28亿元的大唐清苑热电项目
_INVESTED_REACH = 16
_BETWEEN = re.compile(r"[\u4e00-\u9fff](?:至|—|－|-)[\u4e00-\u9fff]")
_GRID_OR_LAND = re.compile(r"千伏|变电站|农田")  # grid works and farmland: named after places


def owner_length(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> int:
    """Length of the trade name that starts ``name`` (0 when none does)."""
    province = next((p for p in rules.provinces if name.startswith(p)), "")
    if province:  # 四川芯元一12万吨…: the province belongs to the firm only before a capacity
        rest = name[len(province) :]
        length = owner_length(rest, rules)
        return len(province) + length if length and _AFTER_OWNER.match(rest, length) else 0
    if not _HAN.match(name) or starts_with_common_word(name) or is_place_word(name[:2]):
        return 0
    if any(name[:n] in verbs() or name[:n] in rules.boundary_words for n in (2, 3)):
        return 0  # a verb the project's span kept (建成投用中行数据中心 → 投用…)
    if _BETWEEN.search(name):
        return 0  # a link between two places (A至B公路, A—B路)
    industry = tuple(w for w in rules.industry_words if len(w) > 1)
    for length in (2, 3, 4):
        owner, rest = name[:length], name[length:]
        if not _HAN.fullmatch(owner):
            return 0
        if is_plain_word(owner):
            return 0  # a word of the language opens the name: not a trade name
        if _WORKS.match(rest) or _GRID_OR_LAND.search(rest):
            return 0  # a road, bridge or port: named after the places it joins
        if owner[-1] in _PLACE_ENDINGS:
            continue
        if not is_brand(owner, rules, lexical=False):
            continue
        if place_prefix(owner) == length:
            return 0  # a listed place opens the name (平昌新华街…, 点军北斗产业园)
        if any(ch in _WATERS for ch in owner[1:-1]):
            return 0  # a river or lake opens the name (渠河饮用水源…, 车坝河引水…)
        if is_plain_word(owner[-1] + rest[:2]) or rest.startswith(_industry_tails(owner[-1])):
            continue  # the cut goes through a word (岳池中|小型, 渠河饮|用水源, 渤化新|材料)
        if _AFTER_OWNER.match(rest) or starts_with_word(rest) or rest.startswith(industry):
            return length
    return 0


@lru_cache(maxsize=64)
def _industry_tails(first: str, rules: NameRules = DEFAULT_NAME_RULES) -> tuple[str, ...]:
    """The rest of each industry word that starts with ``first`` (新 → 材料, 材, 能源…)."""
    return tuple(w[1:] for w in rules.industry_words if len(w) > 2 and w[0] == first)


def _is_sector(rest: str, rules: NameRules) -> bool:
    if 2 <= len(rest) <= 4 and rest.endswith("业"):
        return True
    return rest in _SECTORS or rest in rules.industry_words


def firm_item_length(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> int:
    """Length of the trade name when ``name`` is a trade name (2–3 characters) plus one line of
    business and nothing else (禧跃食品 → 2); 0 otherwise (禧跃食品二期, 天顺风电)."""
    if not _HAN.match(name) or any(name[:n] in verbs() for n in (2, 3)):
        return 0  # a verb that opens the clause (力促九五硼业, 合成生物)
    for length in (2, 3):
        owner, rest = name[:length], name[length:]
        if is_place_word(owner):
            continue  # a place opens the name (上高豪美新材)
        if is_brand(owner, rules, lexical=False) and _is_sector(rest, rules):
            return length
    return 0


def find_project_owners(
    text: str, projects: list[Found], rules: NameRules = DEFAULT_NAME_RULES
) -> list[Found]:
    """An enterprise span for each listed project whose name starts with a trade name.

    Only projects named in a list (A、B等项目, A和B项目) or that an investment introduces
    (投资6.5亿元的X白酒生产线搬迁项目): a project standing alone is too often named after a place
    or a programme (横桥…, 扶残助学…).
    """
    found: list[Found] = []
    for start, end, _, rule in projects:
        name = text[start:end]
        listed = rule in _LISTED or text[start - 1 : start] in _LIST_SEPARATORS
        if text[start] in _NOT_FIRST or firm_item_length(name, rules):
            continue
        if start and place_prefix(text[start - 1 : end]) > 1:
            continue  # the span lost a place's first character to a list word (和|林格尔…)
        at, length = _owner_after_place(name, rules)
        invested = _INVESTED.search(text, max(0, start - _INVESTED_REACH), start)
        if length and (listed or invested):
            found.append((start + at, start + at + length, ENTERPRISE, PROJECT_OWNER))
    return found


def _owner_after_place(name: str, rules: NameRules) -> tuple[int, int]:
    """Where the trade name of ``name`` starts and its length: at 0, or after the county or city
    that opens an item of a list (宣州|宏润新能源, 绩溪|富凯合金钢; H-c6 keeps the place out)."""
    length = owner_length(name, rules)
    if length:
        return 0, length
    cut = place_prefix(name)
    if not cut or len(name) - cut < 4:
        return 0, 0
    length = owner_length(name[cut:], rules)
    return (cut, length) if length else (0, 0)
