"""A list and the count term that names it, written next to each other.

Reports name a list of mottos by a count term right after it, one of the two quoted:

* 加快建设人文新绛、绿色新绛、和谐新绛“三个新绛” — the unquoted list before a quoted count term is a
  **Slogan** (the expansion of the term), from its first member to its last;
* “忠诚、书香、省思、高效、廉洁、法治、富民”七个政府 — the unquoted count term after a quoted list is
  an **Abbreviation**.

Both only when the count agrees with the number of members (三个 → 3, 六个 → 6), so a list that
merely precedes a term is left alone.
"""

from __future__ import annotations

import re

from policykg.nlp.terms.glossary.members import clean_members
from policykg.nlp.terms.glossary.parts import numeral_values
from policykg.nlp.terms.shape import ABBREVIATION, SLOGAN

Found = tuple[int, int, str]
Quoted = tuple[int, int, str]  # start, end of the text inside the quotes, label ("" for none)

_CLAUSE_START = re.compile(r"[，,。；;：:！？\n“”（）()]")
_COUNT_AFTER = re.compile(r"(?P<n>[一二三四五六七八九十两]{1,3})[个大项条种][\u4e00-\u9fff]{2}")
_MAX_LIST = 120
_COUNT_CHARACTERS = "一二三四五六七八九十两双个大项条种张"


def list_count_pairs(text: str, quoted: list[Quoted]) -> list[Found]:
    """Slogan spans of lists before quoted count terms, Abbreviation spans of count terms after
    quoted lists."""
    found: list[Found] = []
    for start, end, label in quoted:
        inner = text[start:end]
        if label == ABBREVIATION and "、" not in inner:
            span = _list_before(text, start - 1, inner)
            if span is not None:
                found.append((*span, SLOGAN))
        elif "、" in inner:
            span = _count_after(text, end + 1, inner)
            if span is not None:
                found.append((*span, ABBREVIATION))
    return found


def _list_before(text: str, quote_open: int, term: str) -> tuple[int, int] | None:
    """The span of the 、-list that ends right at ``quote_open`` and has as many members as
    ``term`` counts, its lead-in (加快建设…) left out."""
    values = numeral_values(term)
    if quote_open <= 0 or not values:
        return None
    window_start = max(0, quote_open - _MAX_LIST)
    clause_start = window_start
    for match in _CLAUSE_START.finditer(text, window_start, quote_open):
        clause_start = match.end()
    clause = text[clause_start:quote_open]
    raw_members = clause.split("、")
    if len(raw_members) < 2 or len(raw_members) != _count(values):
        return None
    members = _cut_lead_in(clean_members(raw_members, term, ""))
    if len(members) != len(raw_members) or not clause.endswith(members[-1]):
        return None
    if not _parallel(members) or not _echo(term, members):
        return None
    first_start = clause_start + len(raw_members[0]) - len(members[0])
    if text[first_start : first_start + len(members[0])] != members[0]:
        return None
    return first_start, quote_open


def _cut_lead_in(members: list[str]) -> list[str]:
    """增强机遇捕捉、项目谋划、… → 机遇捕捉: the first member cut to the others' common length
    (a list of mottos before its count term is opened by a verb)."""
    sizes = {len(m) for m in members[1:]}
    if len(sizes) == 1 and len(members[0]) > (size := next(iter(sizes))):
        return [members[0][-size:], *members[1:]]
    return members


def _parallel(members: list[str]) -> bool:
    """Mottos in a list are parallel phrases: lengths within one character, 3–10 characters
    (two-character members are plain categories: 布局、建设、应用“三个环节”), no figures."""
    sizes = [len(m) for m in members]
    if max(sizes) - min(sizes) > 1 or min(sizes) < 3 or max(sizes) > 10:
        return False
    return not any(ch.isdigit() for m in members for ch in m)


def _echo(term: str, members: list[str]) -> bool:
    """The count term repeats what its members share (人文新绛、绿色新绛、和谐新绛“三个新绛”;
    …精准化、…实战化、…智能化“六化”): a plain list of categories or tasks that a count merely
    sums up (目标企业、在谈项目、在建项目“三张清单”) is no motto list."""
    stem = {ch for ch in term if ch not in _COUNT_CHARACTERS}
    return bool(stem) and all(stem & set(member) for member in members)


def _count_after(text: str, quote_close: int, inner: str) -> tuple[int, int] | None:
    match = _COUNT_AFTER.match(text, quote_close)
    if match is None:
        return None
    values = numeral_values(match.group("n"))
    if _count(values) != len(inner.split("、")):
        return None
    return match.start(), match.end()


def _count(values: list[int]) -> int:
    """三个新绛 → 3; a term of several numerals (三五) counts their sum."""
    return sum(values)
