"""Quoted mottos that the shape of the string alone does not show, read from the clause.

* Place mottos of campaigns: “电动厦门”, “惠享泸州”, “平安曲阳” (H-c23). Four characters, one half a listed place, the other half a word, and a clause that treats the
phrase as a goal or a campaign: a verb of building or holding before it (打造, 建设, 推进, 开展,
举办) or a campaign noun after it (建设, 行动, 活动, 形象). A quoted place phrase that the text
calls a brand (“浪漫三江”品牌) is a brand, not a Slogan, and without such a clause a quoted place
phrase is as often a nickname or a service (“圣洁甘孜”有形可感).
* Sentence mottos held by a 以…为目标 or 以…的胸怀 frame (H-c24: classical and negative mottos).
* Mottos of parallel parts that open with the same word, without separators (园区事园区办).
"""

from __future__ import annotations

import re

from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import is_word, verbs

MOTTO_LEN = 4
GOAL_VERBS = ("打造", "建设", "推进", "开展", "举办", "创建", "争创")  # 建成: a facility
CAMPAIGN_AFTER = ("建设", "行动", "活动", "形象", "系列")
BRAND_AFTER = ("品牌", "牌", "招牌", "名片")
EVENT_ENDINGS = ("节", "会", "赛", "展", "周", "月", "年", "日")  # named events: 音乐节, 博览会
CLAUSE_CHARACTERS = "不让把使要"  # negation and the light verbs of a motto clause
SERVICE_END = "办"  # a service label: “川渝通办”
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_HALF = MOTTO_LEN // 2


LONG_MIN, LONG_MAX = 5, 10
FRAME_AFTER = ("为总目标", "为目标", "为底线", "的胸怀", "的境界", "的精神")


def is_sentence_motto(text: str, before: str, after: str) -> bool:
    """True for a motto of five to ten characters that a 以…为目标 / 以…的胸怀 frame holds
    (以“不让一滴污水入淀”为总目标, 以“为官避事平生耻”的胸怀).

    Measured and dropped: a motto that names an activity (开展“旧貌换新颜”活动) took as many
    names of events and programmes (“金融早春行”活动) and cost c2 precision.

    >>> is_sentence_motto("不让一滴污水入淀", "以", "为总目标，")
    True
    >>> is_sentence_motto("旧貌换新颜", "开展", "活动，")
    False
    """
    if not LONG_MIN <= len(text) <= LONG_MAX or not _CJK_ONLY.fullmatch(text):
        return False
    if text.endswith(EVENT_ENDINGS):
        return False
    if not before.endswith("以") or not after.lstrip().startswith(FRAME_AFTER):
        return False
    return _is_clause(text)


def _is_clause(text: str) -> bool:
    """A motto is a clause: it holds a negation or a verb (不让…, 为官避事…), where a sector or
    a name held by the same frame (以“新能源汽车产业”为目标) is a string of nouns."""
    if any(ch in CLAUSE_CHARACTERS for ch in text):
        return True
    common_verbs = verbs()
    return any(text[i : i + 2] in common_verbs for i in range(len(text) - 1))


def is_place_motto(text: str, before: str, after: str) -> bool:
    """True for a four-character place + word phrase in a goal or campaign clause.

    >>> is_place_motto("电动厦门", "建设", "，推动")
    True
    >>> is_place_motto("浪漫三江", "打响", "等品牌")
    False
    """
    if len(text) != MOTTO_LEN or not _CJK_ONLY.fullmatch(text) or text.endswith(SERVICE_END):
        return False
    head, tail = text[:_HALF], text[_HALF:]
    place_first = place_prefix(head) == _HALF and place_prefix(tail) == 0
    place_last = place_prefix(tail) == _HALF and place_prefix(head) == 0
    if not (place_first or place_last):
        return False
    rest = after.lstrip().removeprefix("等")
    if rest.startswith(BRAND_AFTER):
        return False
    return before.endswith(GOAL_VERBS) or rest.startswith(CAMPAIGN_AFTER)


_REPEAT_MIN, _REPEAT_MAX = 5, 12
_NOT_REPEAT_OPENERS = "一二三四五六七八九十两双"  # 一件事一次办, 一月一展会: formulas of method


def is_parallel_repeat(text: str) -> bool:
    """A motto of parallel parts that each open with the same word, without separators:
    “园区事园区办”, “大起底大排查大化解”, “万人助万企”, “脱贫不脱政策”."""
    if not _REPEAT_MIN <= len(text) <= _REPEAT_MAX or not _CJK_ONLY.fullmatch(text):
        return False
    if text[0] in _NOT_REPEAT_OPENERS or "即" in text:
        return False  # 交地即交证: a condensed coinage (H-c17)
    for size in (2, 1):
        parts = text.split(text[:size])[1:]  # the text starts with its opener: [""] + parts
        if len(parts) >= 2 and all(parts):
            return not is_word(text)
    return False
