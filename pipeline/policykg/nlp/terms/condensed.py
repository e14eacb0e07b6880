"""Condensed and counted terms that the quoted shapes of :mod:`policykg.nlp.terms.shape` miss.

* **Substitution and conversion coinages**, quoted (H-c17: 气代煤, 以竹代塑, 个转企, 小进规,
  免申即享): no word of the general dictionary lies inside and a connective (代 改 转 进 即 换 同)
  joins the clipped members. Without the connective a string of clipped characters is as often
  a name (“杜苏芮”, “夜下仁里”) or a phrase of words newer than the dictionary (“文旅康养”).
* **Count terms of doctrine**, unquoted (H-c19): a numeral, 大 or 项, and 规定, 攻坚战, 战略 or
  理念 — 中央八项规定, 三大攻坚战, 五大发展理念. The report's own counts name works and tasks
  (六大工程, 两大园区, 三项行动), not doctrine, and are left alone.
* **Condensed terms before a policy head**, unquoted (H-c16, H-c17: 放管服改革, 保交楼工作,
  农文旅融合): three or four characters that no dictionary word covers, right before 改革, 工作,
  项目, 融合, 资金 or 任务. Heads that place groupings take (京雄保一体化) are left out.

Measured on the dev folds and dropped: clipped characters without a connective (c2 precision
−0.06) and unquoted Latin acronyms as a rule (RCEP beside VOCs, TOT; c2 F1 −0.006; they are
proposals for the decision model instead: ``finder.unquoted_acronyms``).
"""

from __future__ import annotations

import re

from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import is_word

COINAGE_MIN, COINAGE_MAX = 3, 5
# Endings of names and service labels, not coinages: “河长制”, “南鄂杯”, “荆英卡”, “冀时办”, “在地化”.
NAME_ENDINGS = "制杯卡办篇化城游"
CONNECTIVES = "代改转进即换同"
NUMERALS = "一二三四五六七八九十百千两双半"  # counted terms are shape.py's (一单制, 双周调度)

_COUNT_DOCTRINE = re.compile(
    r"(?<![一二三四五六七八九十两百千0-9第])[一二三四五六七八九十两]{1,2}[大项]"
    r"[\u4e00-\u9fff]{0,3}?(?:规定|攻坚战|战略|理念)"
)
CONDENSED_HEADS = re.compile(r"改革|工作|项目|融合|资金|任务")
CONDENSED_MIN, CONDENSED_MAX = 3, 4
_WINDOW = 8
# Characters that end a clause word or count, never a condensed term's member (个村, 是我县).
_NOT_MEMBER = "一二三四五六七八九十两双百千万的了等和在中是个家项亩省市县区镇村及与我"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_WORD_SIZES = (4, 3, 2)

Found = tuple[int, int, str]


def clipped_characters(text: str) -> int:
    """How many characters of ``text`` lie in no dictionary word of 2–4 characters inside it."""
    return _coverage(text).count(False)


def is_coinage(text: str) -> bool:
    """True for a short all-Chinese string of clipped characters joined by a connective (以竹代塑,
    个转企, 免申即享), not for phrases of dictionary words (拼搏赶超, 小巨人) nor names (“杜苏芮”).

    >>> is_coinage("瓶改管"), is_coinage("拼搏赶超"), is_coinage("接诉即办")
    (True, False, False)
    """
    if not COINAGE_MIN <= len(text) <= COINAGE_MAX or not _CJK_ONLY.fullmatch(text):
        return False
    if text[-1] in NAME_ENDINGS or any(ch in NUMERALS for ch in text):
        return False
    if not any(ch in CONNECTIVES for ch in text[1:-1]):
        return False
    return clipped_characters(text) == len(text)


def unquoted_terms(text: str, quoted: list[tuple[int, int]], label: str) -> list[Found]:
    """Spans ``(start, end, label)`` of unquoted count terms of doctrine and condensed terms in
    ``text``, none inside (or right at) the quoted strings ``quoted`` (the text inside each pair).

    >>> unquoted_terms("严格落实中央八项规定精神，打赢三大攻坚战", [], "A")
    [(6, 10, 'A'), (15, 20, 'A')]
    """
    found = [(m.start(), m.end(), label) for m in _COUNT_DOCTRINE.finditer(text)]
    found += [(s, e, label) for s, e in condensed_before_heads(text)]
    return [(s, e, lab) for s, e, lab in found if not _inside(s, e, quoted)]


def condensed_before_heads(text: str) -> list[tuple[int, int]]:
    """The run of three or four characters right before a policy head that no dictionary word
    covers (推动|产城教|融合发展, 扎实做好|保交楼|工作), bounded by a word or a mark on its left;
    not a count, a place or a reduplicated adverb (做实做细)."""
    found = []
    for match in CONDENSED_HEADS.finditer(text):
        head = match.start()
        start = max(0, head - _WINDOW)
        covered = _coverage(text[start : match.end()])
        run = head - start
        while run > 0 and not covered[run - 1] and _CJK.match(text[start + run - 1]):
            run -= 1
        term = text[start + run : head]
        if not CONDENSED_MIN <= len(term) <= CONDENSED_MAX or (run == 0 and start > 0):
            continue
        if not all(ch not in _NOT_MEMBER for ch in term):
            continue
        if any(place_prefix(term[i:]) for i in range(len(term) - 1)):
            continue
        if len(term) == CONDENSED_MAX and term[0] == term[2]:
            continue
        found.append((start + run, head))
    return found


def _inside(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    return any(q_start - 1 <= start and end <= q_end + 1 for q_start, q_end in quoted)


def _coverage(window: str) -> list[bool]:
    """For each character of ``window``: whether a dictionary word of 2–4 characters covers it."""
    covered = [False] * len(window)
    for size in _WORD_SIZES:
        for i in range(len(window) - size + 1):
            if is_word(window[i : i + size]):
                covered[i : i + size] = [True] * size
    return covered
