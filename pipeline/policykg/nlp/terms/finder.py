"""spaCy component ``policykg_terms``: policy abbreviations and slogans in running text.

``find(doc)`` is pure: it scans the quotation marks of the paragraph once with a compiled regex
and asks :mod:`policykg.nlp.terms.shape` what each quoted string is. ``set_annotations`` writes the
spans to ``doc.spans["terms"]`` with the label ``Abbreviation`` or ``Slogan``. Spans never include
the quotes nor the head noun after them (“六稳”工作 → 六稳). A list written next to the count term
that names it is found too, quoted or not (人文新绛、绿色新绛、和谐新绛“三个新绛”;
:mod:`policykg.nlp.terms.enumerations`).

``find_term_uses(text, terms)`` finds the unquoted later uses of terms already known for a
document (from its glossary or from quoted uses), longest first, in one linear pass.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from policykg.nlp.candidates import LATIN_ANY, QUOTED_ANY, TERMS
from policykg.nlp.rules.components import RuleComponent, doc_text
from policykg.nlp.terms.condensed import unquoted_terms
from policykg.nlp.terms.enumerations import list_count_pairs
from policykg.nlp.terms.shape import (
    ABBREVIATION,
    SLOGAN,
    QuoteContext,
    classify_quoted,
    classify_single,
)
from policykg.nlp.terms.vocabulary import DEFAULT_RULES, TermRules

SPANS_KEY = "terms"
_AFTER_WINDOW = 10
_BEFORE_WINDOW = 4
_RUN_GLUE = re.compile(r"[、和及与]?")
_DIGITS = "0123456789"
_MIN_TERM = 2  # a one-character “term” would match everywhere
_NESTED = re.compile(r"‘([^‘’“”\n]{2,12})’")


def quoted_regex(rules: TermRules = DEFAULT_RULES) -> re.Pattern[str]:
    """One pattern for every quote pair; group ``q<i>`` holds the text inside pair ``i`` (which
    holds no quotation mark of any pair: nested quotes are not read)."""
    alternatives = []
    marks = re.escape("".join(sorted({q for pair in rules.quote_pairs for q in pair})))
    for i, (open_q, close_q) in enumerate(rules.quote_pairs):
        o, c = re.escape(open_q), re.escape(close_q)
        inner = f"[^{marks}\\n]{{1,{rules.max_slogan_len}}}"
        alternatives.append(f"{o}(?P<q{i}>{inner}){c}")
    return re.compile("|".join(alternatives))


def quoted_strings(text: str, rules: TermRules = DEFAULT_RULES) -> list[tuple[int, int]]:
    """``(start, end)`` of the text inside each pair of quotation marks, in order."""
    found = []
    for match in _cached_quoted_regex(rules).finditer(text):
        group = next(g for g in match.groupdict() if match.group(g) is not None)
        found.append((match.start(group), match.end(group)))
    return found


def find_terms(text: str, rules: TermRules = DEFAULT_RULES) -> list[tuple[int, int, str]]:
    """Character spans ``(start, end, label)`` of abbreviations and slogans in ``text``."""
    found: list[tuple[int, int, str]] = []
    quoted: list[tuple[int, int, str]] = []
    spans_inside = quoted_strings(text, rules)
    for index, (start, end) in enumerate(spans_inside):
        context = QuoteContext(
            before=text[max(0, start - 1 - _BEFORE_WINDOW) : start - 1],
            after=text[end + 1 : end + 1 + _AFTER_WINDOW],
            after_run=_after_run(text, spans_inside, index),
        )
        spans = classify_quoted(text[start:end], context, rules)
        found.extend((start + s, start + e, label) for s, e, label in spans)
        whole = [label for s, e, label in spans if (s, e) == (0, end - start)]
        quoted.append((start, end, whole[0] if whole else ""))
        found.extend(_nested_terms(text, start, end, rules))
    found.extend(list_count_pairs(text, quoted))
    found.extend(unquoted_terms(text, spans_inside, ABBREVIATION))
    found.sort()
    return found


def _nested_terms(text: str, start: int, end: int, rules: TermRules) -> list[tuple[int, int, str]]:
    """Count terms in single quotes inside a quoted string: “激情奋进‘十四五’、再造…” → 十四五."""
    found = []
    for match in _NESTED.finditer(text, start, end):
        inner = match.group(1)
        after = text[match.end() : match.end() + _AFTER_WINDOW]
        label = classify_single(inner, QuoteContext(after=after), rules)
        if label == ABBREVIATION:
            found.append((match.start(1), match.end(1), label))
    return found


def _after_run(text: str, quoted: list[tuple[int, int]], index: int) -> str:
    """The text after the run of adjacent quoted strings that ``quoted[index]`` belongs to,
    past a closing 等 (“放管服”“证照分离”等改革 → 改革)."""
    last = index
    while last + 1 < len(quoted) and _RUN_GLUE.fullmatch(
        text[quoted[last][1] + 1 : quoted[last + 1][0] - 1]
    ):
        last += 1
    if last == index:
        return ""
    tail = text[quoted[last][1] + 1 : quoted[last][1] + 1 + _AFTER_WINDOW]
    return tail.removeprefix("等")


class TermFinder(RuleComponent[TermRules]):
    """The ``policykg_terms`` pipeline component."""

    def find(self, doc: Doc) -> list[Span]:
        """Spans of the abbreviations and slogans in ``doc`` (pure: ``doc`` is not changed), and
        the proposals of the quoted strings no rule read (``unread_quotes``) and of the Latin
        acronyms (``unquoted_acronyms``)."""
        text = doc_text(doc)
        found = find_terms(text, self.rules)
        spans = []
        for start, end, label, rule in [
            *((s, e, label, TERMS) for s, e, label in found),
            *((s, e, label, QUOTED_ANY) for s, e, label in unread_quotes(text, found, self.rules)),
            *((s, e, ABBREVIATION, LATIN_ANY) for s, e in unquoted_acronyms(text, found)),
        ]:
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is not None:
                span.id_ = rule.span_id
                spans.append(span)
        return spans

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Store ``spans`` in ``doc.spans["terms"]``."""
        doc.spans[SPANS_KEY] = spans


@Language.factory(
    "policykg_terms",
    default_config={"rules": {"@misc": "policykg.term_rules.v1"}},
)
def make_term_finder(nlp: Language, name: str, rules: TermRules) -> TermFinder:
    """Create the ``policykg_terms`` component."""
    return TermFinder(name, rules)


_UNREAD = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·、，0-9+]{1,19}")
_UNREAD_LABELS = (SLOGAN, ABBREVIATION)


def unread_quotes(
    text: str, found: list[tuple[int, int, str]], rules: TermRules = DEFAULT_RULES
) -> list[tuple[int, int, str]]:
    """Every quoted string of 2–20 characters (Han, digits, ·、，+) in which no term was found,
    proposed as a Slogan and as an Abbreviation: the decision model, which sees its characters
    and its context, keeps at most what it judges right (``RuleId.needs_decision``)."""
    out = []
    for start, end in quoted_strings(text, rules):
        if not _UNREAD.fullmatch(text, start, end):
            continue
        if any(start <= s < end or start < e <= end for s, e, _ in found):
            continue
        out += [(start, end, label) for label in _UNREAD_LABELS]
    return out


def find_term_uses(
    text: str, terms: Iterable[str], rules: TermRules = DEFAULT_RULES
) -> list[tuple[int, int, str]]:
    """Every use ``(start, end, term)`` of the known ``terms`` in ``text``, left to right.

    One compiled alternation, longest term first, so a term never matches inside a longer known
    term. A match is skipped when it is part of a longer count term (三五 inside 十三五, 两高 inside
    两高一紧) or lies inside quotation marks around a different string.
    """
    known = {t for t in terms if len(t) >= _MIN_TERM}
    pattern = _term_pattern(tuple(sorted(known, key=lambda t: (-len(t), t))))
    if pattern is None:
        return []
    quotes = quoted_strings(text, rules)
    starts = [s for s, _ in quotes]
    numerals = rules.numerals + _DIGITS
    uses = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if _extends_count(text, start, end, pattern, numerals):
            continue
        if _inside_other_quote(text, start, end, quotes, starts):
            continue
        uses.append((start, end, match.group()))
    return uses


def _extends_count(
    text: str, start: int, end: int, pattern: re.Pattern[str], numerals: str
) -> bool:
    if start > 0 and text[start - 1] in numerals:
        return True
    return end < len(text) and text[end] in numerals and pattern.match(text, end) is None


def _inside_other_quote(
    text: str, start: int, end: int, quotes: list[tuple[int, int]], starts: list[int]
) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    if i < 0:
        return False
    q_start, q_end = quotes[i]
    if end > q_end:
        return False
    return (q_start, q_end) != (start, end)


@lru_cache(maxsize=64)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    kept = [t for t in terms if t]
    if not kept:
        return None
    return re.compile("|".join(re.escape(t) for t in kept))


@lru_cache(maxsize=8)
def _cached_quoted_regex(rules: TermRules) -> re.Pattern[str]:
    return quoted_regex(rules)


# 2–8 Latin letters, at least two capitals, not part of a longer Latin or digit run: RCEP, REITs.
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z]{1,7}(?![A-Za-z0-9])")
_MIN_CAPITALS = 2


def unquoted_acronyms(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Every Latin acronym outside the terms a rule found, proposed as an Abbreviation (GUIDELINE
    H-c21: RCEP, CPTPP, REITs are; GDP, LNG, IPO are not): the decision model keeps what it
    judges right (``RuleId.needs_decision``). As a rule it cost c2 F1 0.006 (condensed.py)."""
    out = []
    for match in _ACRONYM.finditer(text):
        if sum(ch.isupper() for ch in match.group()) < _MIN_CAPITALS:
            continue
        if any(s <= match.start() < e for s, e, _ in found):
            continue
        out.append(match.span())
    return out
