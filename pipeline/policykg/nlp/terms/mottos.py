"""Quoted place mottos of campaigns: “电动厦门”, “惠享泸州”, “平安曲阳” (H-c23).

Four characters, one half a listed place, the other half a word, and a clause that treats the
phrase as a goal or a campaign: a verb of building or holding before it (打造, 建设, 推进, 开展,
举办) or a campaign noun after it (建设, 行动, 活动, 形象). A quoted place phrase that the text
calls a brand (“浪漫三江”品牌) is a brand, not a Slogan, and without such a clause a quoted place
phrase is as often a nickname or a service (“圣洁甘孜”有形可感).
"""

from __future__ import annotations

import re

from policykg.nlp.rules.gazetteer import place_prefix

MOTTO_LEN = 4
GOAL_VERBS = ("打造", "建设", "推进", "开展", "举办", "创建", "争创")  # 建成: a facility
CAMPAIGN_AFTER = ("建设", "行动", "活动", "形象", "系列")
BRAND_AFTER = ("品牌", "牌", "招牌", "名片")
SERVICE_END = "办"  # a service label: “川渝通办”
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_HALF = MOTTO_LEN // 2


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
