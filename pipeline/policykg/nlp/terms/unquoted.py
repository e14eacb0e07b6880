"""Abbreviations the text does not quote: count terms of doctrine and condensed terms.

* Count terms of doctrine (H-c19): a numeral, 大 or 项, and a noun of doctrine — 规定, 攻坚战, 战略, 理念 — as in 中央八项规定,
三大攻坚战, 三大主体战略, 五大发展理念: terms fixed by the centre or the province, which the
guideline marks unquoted. The report's own counts name works and tasks (六大工程, 两大园区,
三项行动), not doctrine, and are left alone.
* Condensed terms before a policy head (H-c16, H-c17: 放管服改革, 保交楼工作, 农文旅融合): three
  or four characters that no dictionary word covers, right before 改革, 工作, 项目, 融合, 资金 or
  任务. Heads that place groupings take (京雄保一体化, 泸永江合作) are left out.

Measured on the dev folds and dropped: Latin acronyms (RCEP, PPP; H-c21) found unquoted took as
many ordinary technical words (VOCs, TOT) as policy terms and cost c2 precision.

Spans inside quotation marks are the quoted classifier's (:mod:`policykg.nlp.terms.shape`).
"""

from __future__ import annotations

import re

from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import is_word

_COUNT_DOCTRINE = re.compile(
    r"(?<![一二三四五六七八九十两百千0-9第])[一二三四五六七八九十两]{1,2}[大项]"
    r"[\u4e00-\u9fff]{0,3}?(?:规定|攻坚战|战略|理念)"
)

# Heads a condensed term stands before: 放管服改革, 保交楼项目, 农文旅融合, 产城教融合发展.
CONDENSED_HEADS = re.compile(r"改革|工作|项目|融合|资金|任务")
CONDENSED_MIN, CONDENSED_MAX = 3, 4
_WINDOW = 8
# Characters that end a clause word or count, never a condensed term's member (个村, 是我县).
_NOT_MEMBER = "一二三四五六七八九十两双百千万的了等和在中是个家项亩省市县区镇村及与我"
_CJK = re.compile(r"[一-鿿]")

Found = tuple[int, int, str]


def unquoted_terms(text: str, quoted: list[tuple[int, int]], label: str) -> list[Found]:
    """Spans ``(start, end, label)`` of unquoted count terms of doctrine in ``text``, none inside
    (or right at) the quoted strings ``quoted`` (start, end of the text inside each pair).

    >>> unquoted_terms("严格落实中央八项规定精神，打赢三大攻坚战", [], "A")
    [(6, 10, 'A'), (15, 20, 'A')]
    """
    found = [(m.start(), m.end(), label) for m in _COUNT_DOCTRINE.finditer(text)]
    found += [(s, e, label) for s, e in condensed_before_heads(text)]
    return [(s, e, lab) for s, e, lab in found if not _inside(s, e, quoted)]


def _inside(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    return any(q_start - 1 <= start and end <= q_end + 1 for q_start, q_end in quoted)


def condensed_before_heads(text: str) -> list[tuple[int, int]]:
    """Unquoted condensed terms before a policy head (H-c16, H-c17): the run of three or four
    characters right before the head that no dictionary word covers (推动|产城教|融合发展,
    扎实做好|保交楼|工作), bounded by a word on its left; not a count, a place or a clause end."""
    found = []
    for match in CONDENSED_HEADS.finditer(text):
        head = match.start()
        start = max(0, head - _WINDOW)
        covered = _coverage(text[start : match.end()])
        end = head - start
        run = end
        while run > 0 and not covered[run - 1] and _CJK.match(text[start + run - 1]):
            run -= 1
        term = text[start + run : head]
        if not CONDENSED_MIN <= len(term) <= CONDENSED_MAX or (run == 0 and start > 0):
            continue
        if not all(_CJK.match(ch) and ch not in _NOT_MEMBER for ch in term):
            continue
        if any(place_prefix(term[i:]) for i in range(len(term) - 1)):
            continue
        if len(term) == CONDENSED_MAX and term[0] == term[2]:
            continue  # a reduplicated adverb: 做实做细
        found.append((start + run, head))
    return found


def _coverage(window: str) -> list[bool]:
    covered = [False] * len(window)
    for size in (4, 3, 2):
        for i in range(len(window) - size + 1):
            if is_word(window[i : i + size]):
                covered[i : i + size] = [True] * size
    return covered
