"""Enterprise names by structure: legal names, brand + industry short names, names before capacities.

Each finder is a pure function ``text -> list[Found]``; ``Found`` is ``(start, end, label, rule)``
with offsets into ``text`` and ``rule`` a registered ``RuleId``. The spaCy component in ``components.py`` turns them into spans.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial

from policykg.ir import EntityType
from policykg.nlp.candidates import BRAND_INDUSTRY, CAPACITY_NAME, LEGAL_SUFFIX, RuleId
from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import (
    extends_into_word,
    is_common_word,
    leading_verbs,
    starts_with_common_word,
    starts_with_word,
    tag_before,
)
from policykg.nlp.rules.names import (
    alternation,
    before_phase,
    contains_any,
    find_start,
    word_regex,
)
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

Found = tuple[int, int, str, RuleId]

ENTERPRISE = EntityType.ENTERPRISE.value
_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|县|区|镇))+")
# What follows a short brand when the text gives a capacity: 年产20万吨, 2×36000KVA, 6.25米.
_CAPACITY_AFTER = re.compile(
    r"年产|(?<!年产)(?<![\d.])\d+(?:\.\d+)?\s*(?:×|x|X|\*)\s*\d|\d+(?:\.\d+)?\s*(?:万吨|吨|m3|m³|立方米|米|KVA|kVA|MVA|MW|万千瓦|千瓦)"
)
_NEW_BODY_VERBS = ("组建", "成立", "设立", "筹建")
_BARE_SUFFIXES = ("公司", "集团")
_PLACE_CHARS = "省市县镇乡村区"
_SECTOR_AFTER = re.compile(r"产业|行业|集群|园区|产业园|基地|领域|板块|赛道")
# An institution, zone or forum the words name (东营科技|职业学院, 云上科技|城, 广水化工|园,
# …新能源|产教联合体): the brand + industry words are the start of its name, not a firm.
_INSTITUTION_AFTER = re.compile(
    r"学院|大学|学校|职业|研究院|医院|园|城|示范区|试验区|产教|联合体|论坛"
)
_NOT_IN_BRANDS = ("的", "了", "是", "等", "年产", "从", "要", "类", "型", "及")
# A product or hub the industry word only qualifies (斯诺|动力电池, 采埃孚|汽车部件, 旭阳|汽车配件,
# 保税物流中心, 国家物流枢纽): the words name what is made or built, not the firm.
_PRODUCT_AFTER = re.compile(r"电池|零部件|部件|配件|材料|枢纽|中心|廊道")
# What is measured, not who: 产量达200万吨, 年周转量150万吨, 装机规模589万千瓦, 静态储备75万吨.
_QUANTITY = re.compile(r"产量|产能|规模|储备|周转|装机|总量|能力|产粮")
# A counted or generic kind before a legal suffix (84个教育集团, 50亿企业集团, 大企业大集团) is
# not a name.
COUNTED_OR_KIND = re.compile(r"\d|个|企业|上市|[一二三四五六七八九十]成")
_EXCHANGE = re.compile(r"交易所|(?<=[\u4e00-\u9fff])交所")
_LISTING = re.compile(r"上市|挂牌|过会|IPO")
_PLATFORM = re.compile(r"产权|技术|知识")
_NOT_IN_EXCHANGES = (*_NOT_IN_BRANDS, "与", "和")
_SCHOOL_OR_HOSPITAL = re.compile(r"中学|小学|学校|大学|学院|医院")


@lru_cache(maxsize=8)
def suffix_regex(rules: NameRules) -> re.Pattern[str]:
    return re.compile(alternation(rules.legal_suffixes))


@lru_cache(maxsize=8)
def _industry_regex(rules: NameRules) -> re.Pattern[str]:
    return re.compile(alternation(rules.industry_words))


@lru_cache(maxsize=8)
def multi_char_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of two or more characters (single characters are too weak a boundary)."""
    return tuple(w for w in words if len(w) > 1)


def strip_place_prefix(core: str, rules: NameRules = DEFAULT_NAME_RULES) -> str:
    """``core`` without a leading place (山西, 新绛县, 运城市…): what is left is the trade name."""
    for province in rules.provinces:
        if core.startswith(province):
            core = core[len(province) :].lstrip("省")
            break
    match = _PLACE_PREFIX.match(core)
    if match and len(core) - match.end() >= 2:
        core = core[match.end() :]
    return core


def is_brand(brand: str, rules: NameRules = DEFAULT_NAME_RULES, *, lexical: bool = True) -> bool:
    """A plausible trade name: 2–6 name characters, no generic modifier, not a place, no digits.

    ``lexical``: also refuse a brand that starts with a common word (深化…, 高端…), see ``lexicon``.
    """
    if not 2 <= len(brand) <= 6 or any(ch.isdigit() for ch in brand):
        return False
    if brand in rules.provinces or brand[-1] in _PLACE_CHARS or brand[0] in _PLACE_CHARS:
        return False
    if contains_any(brand, rules.generic_modifiers) or contains_any(brand, rules.industry_words):
        return False
    if contains_any(brand, _NOT_IN_BRANDS) or contains_any(brand, rules.project_heads):
        return False
    if contains_any(brand, multi_char_words(rules.boundary_words)):
        return False
    trade = strip_province(brand, rules)
    return len(trade) >= 2 and not (lexical and starts_with_common_word(trade))


def strip_province(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> str:
    """``name`` without a leading province (山西双人 → 双人)."""
    province = next((p for p in rules.provinces if name.startswith(p)), "")
    return name[len(province) :].lstrip("省")


def _brand_at(
    text: str, start: int, end: int, rules: NameRules, longest: int, lexical: bool = True
) -> bool:
    brand = text[start:end]
    if end - start > longest or not is_brand(brand, rules, lexical=lexical):
        return False
    if lexical and tag_before(brand, len(brand)) == "v":
        return False  # 加密开行|物流, 抓创新增|动力: a verb and its object, no trade name
    return lexical or not is_common_word(brand)


def _legal_core_ok(text: str, start: int, suffix_start: int, suffix: str, rules: NameRules) -> bool:
    core = text[start:suffix_start]
    if len(core) < 2 or text[max(0, start - 2) : start] in _NEW_BODY_VERBS:
        return False
    if COUNTED_OR_KIND.search(core) or contains_any(core, _NEW_BODY_VERBS):
        return False  # 近八成境内上市公司, 在荆设立子公司: a kind, or a body still to be set up
    cut = leading_verbs(core, 2)  # 严控平台公司: the name would be 平台公司
    if core[:cut].endswith(_NEW_BODY_VERBS):
        return False
    core = core[cut:]
    trade = strip_place_prefix(core, rules)
    while True:
        stripped = next(
            (trade[: -len(w)] for w in rules.industry_words if trade.endswith(w)), trade
        )
        if stripped == trade or len(stripped) < 2:
            break
        trade = stripped
    if suffix in _BARE_SUFFIXES and (len(core) > 10 or _common_start(trade)):
        return False
    if _SCHOOL_OR_HOSPITAL.search(core):
        return False  # 黄冈中学教育集团: a group of schools, no firm
    if len(trade) < 2 or trade in rules.industry_words:
        return False
    return not contains_any(trade[:2], rules.generic_modifiers)


def _common_start(trade: str) -> bool:
    """``trade`` opens with a common word, also after a listed place (杭州|赛凡科技公司: the city
    is no common word of the name; 杭州|投资公司 is generic)."""
    place = place_prefix(trade)
    unplaced = trade[place:] if place and len(trade) - place >= 2 else trade
    return starts_with_common_word(trade) and starts_with_common_word(unplaced)


def suffix_runs_on(text: str, start: int, end: int) -> bool:
    """The suffix starts a longer word (集团化), or its last character does with the next one and
    what follows is no word of its own (细分|行业: 分行 is no suffix there; 集团|聚焦 keeps it)."""
    return extends_into_word(text, start, end) or _last_runs_on(text, end)


def _last_runs_on(text: str, end: int) -> bool:
    """The last character makes a word with the next one and what follows is no word of its own."""
    return is_common_word(text[end - 1 : end + 1]) and not starts_with_word(text[end:])


def find_legal_names(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Names ending in a legal-form suffix: 山西恒强化工有限公司, 高义钢铁集团, 新绛县联通分公司."""
    boundary = word_regex(rules.boundary_words)
    found: list[Found] = []
    for match in suffix_regex(rules).finditer(text):
        suffix_start, suffix = match.start(), match.group()
        if suffix_runs_on(text, suffix_start, match.end()):
            continue
        start = find_start(
            text,
            suffix_start,
            limit=24,
            boundary=boundary,
            accept=partial(
                _legal_core_ok, text, suffix_start=suffix_start, suffix=suffix, rules=rules
            ),
        )
        if start is not None:
            found.append((start, match.end(), ENTERPRISE, LEGAL_SUFFIX))
    return found


def find_brand_names(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Short names made of a trade name and an industry word: 高义钢铁, 恒强化工, 中信机电."""
    boundary = word_regex(rules.boundary_words)
    found: list[Found] = []
    for match in _industry_regex(rules).finditer(text):
        ind_start = match.start()
        start = find_start(
            text,
            ind_start,
            limit=8,
            boundary=boundary,
            accept=partial(_brand_at, text, end=ind_start, rules=rules, longest=5),
        )
        if start is None or extends_into_word(text, ind_start, match.end()):
            continue
        after = match.end()
        if any(r.match(text, after) for r in (_SECTOR_AFTER, _INSTITUTION_AFTER, _PRODUCT_AFTER)):
            continue  # 打造光伏新能源产业集群: a sector, not a firm
        if not _last_runs_on(text, match.end()):  # 绿化工程: 化工|程 (but 物流|入围)
            found.append((start, match.end(), ENTERPRISE, BRAND_INDUSTRY))
    return found


def find_capacity_names(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """A short name right before a stated capacity: 天地和年产62万吨…, 明迈特2×36000KVA…."""
    boundary = word_regex(rules.boundary_words)
    found: list[Found] = []
    for match in _CAPACITY_AFTER.finditer(text):
        end = before_phase(text, 0, match.start())  # 嘉尚|二期|10万吨: the firm before its phase
        if end < 2 or not ("\u4e00" <= text[end - 1] <= "\u9fff"):
            continue
        start = find_start(
            text,
            end,
            limit=8,
            boundary=boundary,
            accept=partial(_brand_at, text, end=end, rules=rules, longest=4, lexical=False),
        )
        if start is not None and not _measured_or_place(text[start:end]):
            found.append((start, end, ENTERPRISE, CAPACITY_NAME))
    return found


def _measured_or_place(name: str) -> bool:
    """A quantity (产量…) or a listed place or port (会理, 滨州港) before a capacity is no firm."""
    return bool(_QUANTITY.search(name)) or name.endswith("港") or place_prefix(name) == len(name)


def _exchange_core_ok(text: str, start: int, end: int) -> bool:
    core = text[start:end]
    if len(core) < 2 or is_common_word(core) or _PLATFORM.search(core):
        return False
    return leading_verbs(core, 2) == 0 and not contains_any(core, _NOT_IN_EXCHANGES)


def find_exchanges(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Exchanges run as market operators (H-c9): 深圳证券交易所, 上海黄金交易所, and the short
    X交所 where the clause speaks of a listing (在深交所挂牌上市); not a technology or
    property-rights exchange (a platform) nor the bare 证券交易所."""
    boundary = word_regex(rules.boundary_words)
    found: list[Found] = []
    for match in _EXCHANGE.finditer(text):
        end = match.start()
        if match.group() == "交所":
            start = end - 1
            if start < 0 or not "\u4e00" <= text[start] <= "\u9fff":
                continue
            if not _LISTING.search(text, match.end(), match.end() + 8):
                continue
        else:
            found_start = find_start(
                text,
                end,
                limit=10,
                boundary=boundary,
                accept=partial(_exchange_core_ok, text, end=end),
            )
            if found_start is None:
                continue
            start = found_start
        found.append((start, match.end(), ENTERPRISE, LEGAL_SUFFIX))
    return found


def find_enterprises(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """Every structural enterprise name in ``text`` (overlaps are resolved later)."""
    return (
        find_legal_names(text, rules)
        + find_brand_names(text, rules)
        + find_capacity_names(text, rules)
        + find_exchanges(text, rules)
    )
