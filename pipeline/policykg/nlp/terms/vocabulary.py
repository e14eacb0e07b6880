"""Rule data for policy abbreviations and slogans, registered with spaCy's ``misc`` registry.

The data is structural vocabulary of the genre (numerals, quote pairs, the head nouns that follow a
condensed policy term, the endings of names), never a list of terms from the seed documents. The
``policykg_terms`` factory takes a ``TermRules`` through its config::

    [components.policykg_terms.rules]
    @misc = "policykg.term_rules.v1"
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.nlp.rule_data import rule_data

# Chinese numerals used as counts in policy terms (六稳, 两高, 十四五, 双减, 千人千企).
NUMERALS = "一二三四五六七八九十百千两双"  # 万 is left out: 万众, 万家 count nothing

# Quote pairs found around terms in Chinese documents (open, close).
QUOTE_PAIRS: tuple[tuple[str, str], ...] = (("“", "”"), ("「", "」"), ("『", "』"), ('"', '"'))

# Nouns that follow a quoted condensed term and are not part of it: “放管服”改革, “专精特新”企业.
HEAD_NOUNS: tuple[str, ...] = (
    "改革",
    "企业",
    "政策",
    "机制",
    "要求",
    "制度",
    "工作",
    "行业",
    "任务",
    "问题",
    "资金",
    "融合",
)

# Nouns that follow a four-character motto naming a campaign: “绿满新绛”行动, “技能运城”建设.
CAMPAIGN_NOUNS: tuple[str, ...] = ("行动", "建设", "专项", "活动", "工程")

# Verbs that take a motto as their object (坚持“水岸共治”, 让“蓝天常驻”, 胸怀“国之大者”) and
# nouns a motto heads (“动态清零”总方针, “景区为王”理念).
MOTTO_VERBS: tuple[str, ...] = (
    "坚持",
    "让",
    "胸怀",
    "心怀",
    "确保",
    "做到",
    "力争",
    "践行",
    "实现",
    "保障",
)
MOTTO_HEADS: tuple[str, ...] = ("方针", "策略", "理念", "原则", "口号")

# Words after a quoted number that make it a service number (“12345”政务服务便民热线), and
# measure units that make numeral + unit a quantity (“七寸”, “二元”).
SERVICE_WORDS: tuple[str, ...] = ("热线", "电话", "专线", "短信")
MEASURE_UNITS = "寸尺丈米里斤年月日天时分秒次倍元角岁"

# Endings that make a quoted string a name (a place brand, a base, a project, an award), not a
# motto: “山西中医药大学大学生实习实训基地”, “国家级慢性病综合防控示范区”.
NAME_ENDINGS: tuple[str, ...] = (
    "项目",
    "工程",
    "基地",
    "中心",
    "公司",
    "之乡",
    "示范区",
    "示范县",
    "园",
    "馆",
    "站",
    "室",
    "奖",
    "集体",
    "品牌",
    "产品",
    "大赛",
    "系统",
    "平台",
)

# Words that make a string without separators a motto: X就是Y, X才是Y, X为王, X至上, X先行.
MOTTO_MARKERS: tuple[str, ...] = (
    "就是",
    "才是",
    "为王",
    "为先",
    "为本",
    "为首",
    "为民",
    "为重",
    "至上",
    "清零",
    "归零",
    "为零",
    "先行",
    "抓落实",
    "论英雄",
)

# Separators between the members of a parallel motto or an enumeration.
SEPARATORS = "、，,；;/—–－"


@dataclass(frozen=True, slots=True)
class TermRules:
    """The structural vocabulary the term finder and the glossary share."""

    numerals: str = NUMERALS
    quote_pairs: tuple[tuple[str, str], ...] = QUOTE_PAIRS
    head_nouns: tuple[str, ...] = HEAD_NOUNS
    campaign_nouns: tuple[str, ...] = CAMPAIGN_NOUNS
    service_words: tuple[str, ...] = SERVICE_WORDS
    measure_units: str = MEASURE_UNITS
    motto_verbs: tuple[str, ...] = MOTTO_VERBS
    motto_heads: tuple[str, ...] = MOTTO_HEADS
    name_endings: tuple[str, ...] = NAME_ENDINGS
    motto_markers: tuple[str, ...] = MOTTO_MARKERS
    separators: str = SEPARATORS
    max_abbreviation_len: int = 12
    max_slogan_len: int = 40
    min_condensed_len: int = 3
    max_condensed_len: int = 4
    motto_len: int = 4


@rule_data("policykg.term_rules.v1")
def make_term_rules() -> TermRules:
    """The default rules (a spaCy-registered function so configs can swap them)."""
    return TermRules()


DEFAULT_RULES = TermRules()
