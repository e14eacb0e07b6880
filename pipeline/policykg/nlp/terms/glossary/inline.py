"""Definitions given in running text, outside any glossary section.

Three forms, each anchored on a term whose shape says it needs defining (a quoted term, or an
unquoted count term such as 三农):

* ``inline-paren``  — “一核两链四支撑”（以全力创建国家现代农业产业园为核心，…）: the bracket;
* ``inline-ji``     — “一城”即中心城区，包括… / 三农，即…: from 即 to the end of the sentence;
* ``inline-shizhi`` — “房证同交”改革是指… / 三农是指… / “一城”指…: from 是指 / 指 to the sentence end;
* ``inline-jiancheng`` — 稳就业、稳金融…稳预期（简称“六稳”）/ …，以下简称“双循环”: the clause before
  简称 / 统称 is the definition.

A quoted term followed by a bracket that only holds a number, a year or an alias is not defined by
it (the bracket must hold at least four characters of Chinese text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykg.nlp.terms.glossary.members import LEAD_ENDS
from policykg.nlp.terms.glossary.parts import split_parts
from policykg.nlp.terms.glossary.record import GlossaryEntry
from policykg.nlp.terms.shape import ABBREVIATION, classify_single, is_abbreviation_shaped

_QUOTED = r"[“「](?P<term>[^“”「」\n（）()]{2,12})[”」]"
_HEAD_NOUN = r"(?P<head>[\u4e00-\u9fff]{0,4}?)"
_PAREN = re.compile(_QUOTED + r"[（(](?P<def>[^（）()\n]{4,300})[)）]")
_JI = re.compile(_QUOTED + _HEAD_NOUN + r"[，,]?即(?![可将时使便刻])(?P<def>[^。；;\n]{2,300})")
_SHIZHI = re.compile(
    _QUOTED + r"(?:" + _HEAD_NOUN + r"(?:是指|指的是)|(?P<bare>)指(?![挥导标数出南定令引示]))"
    r"(?P<def>[^。；;\n]{2,300})"
)
_BARE_TERM = (
    r"(?<![一二三四五六七八九十两双])(?P<term>[一二三四五六七八九十两双][\u4e00-\u9fff]{1,7}?)"
)
_BARE_SHIZHI = re.compile(_BARE_TERM + r"(?P<bare>)是指(?P<def>[^。；;\n]{2,300})", re.MULTILINE)
_BARE_JI = re.compile(
    _BARE_TERM + r"(?P<bare>)[，,]即(?![可将时使便刻])(?P<def>[^。；;\n]{2,300})", re.MULTILINE
)
_JIANCHENG = re.compile(
    r"(?:^|(?<=[，,。；;：:（()]))(?P<def>[^，,。；;：:（()\n]{2,80}?)(?:[（(]|[，,])(?:以下|下文|下)?"
    r"(?:简称|统称)为?[“「](?P<term>[^“”「」\n]{2,12})[”」]",
    re.MULTILINE,
)
_LAST_QUOTED = re.compile(r"[“「]([^“”「」]{2,})[”」]?$")
_ALIAS_MARKERS = ("简称", "以下简称", "下称", "统称", "又称", "即")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("inline-paren", _PAREN),
    ("inline-ji", _JI),
    ("inline-shizhi", _SHIZHI),
    ("inline-shizhi", _BARE_SHIZHI),
    ("inline-ji", _BARE_JI),
    ("inline-jiancheng", _JIANCHENG),
)


def inline_definitions(text: str) -> list[GlossaryEntry]:
    """Every inline definition in ``text``; one per term occurrence, first form that matches."""
    found: dict[int, GlossaryEntry] = {}
    for style, pattern in _FORMS:
        for entry in _matches(text, pattern, style):
            found.setdefault(entry.term_start, entry)
    return sorted(found.values(), key=lambda e: e.term_start)


def _matches(text: str, pattern: re.Pattern[str], style: str) -> Iterator[GlossaryEntry]:
    for match in pattern.finditer(text):
        term = match.group("term")
        definition = match.group("def").strip().strip("“”「」")
        if style == "inline-jiancheng":
            definition = _named_clause(definition)
        if style == "inline-paren" and not _is_explanation(term, definition):
            continue
        if style != "inline-paren" and len(term) > 8:
            continue
        if match.groupdict().get("bare") is not None and classify_single(term) != ABBREVIATION:
            continue  # an unquoted term must look like a count term: not 两年，即…
        def_start = match.start("def") + match.group("def").index(definition)
        yield GlossaryEntry(
            term=term,
            definition=definition,
            parts=split_parts(term, definition, match.groupdict().get("head") or ""),
            term_start=match.start("term"),
            term_end=match.end("term"),
            def_start=def_start,
            def_end=def_start + len(definition),
            style=style,
        )


def _named_clause(text: str) -> str:
    """What 简称 names: the quoted text that ends the clause, else the clause minus its verb
    (推进“大众创业、万众创新” → 大众创业、万众创新; 坚持稳就业、…稳预期 → 稳就业、…稳预期)."""
    quoted = _LAST_QUOTED.search(text)
    if quoted is not None:
        return quoted.group(1)
    for verb in LEAD_ENDS:
        if text.startswith(verb) and len(text) > len(verb) + 1:
            return text[len(verb) :]
    return text


def _is_explanation(term: str, definition: str) -> bool:
    """A bracket explains a term that needs defining and holds real text, not a number or alias."""
    if len(_CHINESE.findall(definition)) < 4 or definition.startswith(_ALIAS_MARKERS):
        return False
    return is_abbreviation_shaped(term) and not re.search(r"[、，,；;]", term)
