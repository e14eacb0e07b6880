"""Condensed coinages of substitution and conversion: 气代煤, 以竹代塑, 个转企, 免申即享 (H-c17).

免申即享 is 免[于]申[请]即[可]享[受]: its clipped characters form no word of the general
dictionary, where a quoted phrase of ordinary words (拼搏赶超, 双周调度) or a metaphor (小巨人,
金种子: one word and a modifier) is covered by dictionary words. A quoted string is such a
coinage when no dictionary word of two or more characters lies inside it and a connective of
substitution or conversion (代, 改, 转, 进, 即, 换, 同) joins its clipped members.

Measured on the dev folds: clipped characters alone (保交楼, 交商邮供) also took names and
phrases of words newer than the dictionary and cost c2 precision, so the connective is required.
"""

from __future__ import annotations

import re

from policykg.nlp.rules.lexicon import is_word

MIN_LEN, MAX_LEN = 3, 5
# Endings of names and service labels, not coinages: “河长制”, “南鄂杯”, “荆英卡”, “冀时办”, “在地化”.
NAME_ENDINGS = "制杯卡办篇化城游"
# Connectives of substitution and conversion coinages: 气代煤, 瓶改管, 个转企, 小进规, 免申即享,
# 房证同交. Without one, a string of clipped characters is as often a name (“杜苏芮”, “夜下仁里”)
# or a phrase of words newer than the dictionary (“文旅康养”, “网红探店”).
CONNECTIVES = "代改转进即换同"
NUMERALS = "一二三四五六七八九十百千两双半"  # counted terms are shape.py's (一单制, 双周调度)
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_WORD_SIZES = (4, 3, 2)


def clipped_characters(text: str) -> int:
    """How many characters of ``text`` lie in no dictionary word of 2–4 characters inside it."""
    covered = [False] * len(text)
    for size in _WORD_SIZES:
        for start in range(len(text) - size + 1):
            if is_word(text[start : start + size]):
                covered[start : start + size] = [True] * size
    return covered.count(False)


def is_coinage(text: str) -> bool:
    """True for a short all-Chinese string of clipped characters joined by a connective (以竹代塑,
    个转企, 免申即享), not for phrases of dictionary words (拼搏赶超, 小巨人) nor names (“杜苏芮”).

    >>> is_coinage("瓶改管"), is_coinage("拼搏赶超"), is_coinage("接诉即办")
    (True, False, False)
    """
    if not MIN_LEN <= len(text) <= MAX_LEN or not _CJK_ONLY.fullmatch(text):
        return False
    if text[-1] in NAME_ENDINGS or any(ch in NUMERALS for ch in text):
        return False
    if not any(ch in CONNECTIVES for ch in text[1:-1]):
        return False
    return clipped_characters(text) == len(text)
