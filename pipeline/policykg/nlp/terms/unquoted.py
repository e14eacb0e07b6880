"""Abbreviations the text does not quote: fixed count terms of doctrine (H-c19).

A numeral, 大 or 项, and a noun of doctrine — 规定, 攻坚战, 战略, 理念 — as in 中央八项规定,
三大攻坚战, 三大主体战略, 五大发展理念: terms fixed by the centre or the province, which the
guideline marks unquoted. The report's own counts name works and tasks (六大工程, 两大园区,
三项行动), not doctrine, and are left alone.

Measured on the dev folds and dropped: Latin acronyms (RCEP, PPP; H-c21) found unquoted took as
many ordinary technical words (VOCs, TOT) as policy terms and cost c2 precision.

Spans inside quotation marks are the quoted classifier's (:mod:`policykg.nlp.terms.shape`).
"""

from __future__ import annotations

import re

_COUNT_DOCTRINE = re.compile(
    r"(?<![一二三四五六七八九十两百千0-9第])[一二三四五六七八九十两]{1,2}[大项]"
    r"[\u4e00-\u9fff]{0,3}?(?:规定|攻坚战|战略|理念)"
)

Found = tuple[int, int, str]


def unquoted_terms(text: str, quoted: list[tuple[int, int]], label: str) -> list[Found]:
    """Spans ``(start, end, label)`` of unquoted count terms of doctrine in ``text``, none inside
    (or right at) the quoted strings ``quoted`` (start, end of the text inside each pair).

    >>> unquoted_terms("严格落实中央八项规定精神，打赢三大攻坚战", [], "A")
    [(6, 10, 'A'), (15, 20, 'A')]
    """
    found = [(m.start(), m.end(), label) for m in _COUNT_DOCTRINE.finditer(text)]
    return [(s, e, lab) for s, e, lab in found if not _inside(s, e, quoted)]


def _inside(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    return any(q_start - 1 <= start and end <= q_end + 1 for q_start, q_end in quoted)
