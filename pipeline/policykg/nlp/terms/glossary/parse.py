"""Document-level glossary: the report's own definitions of its abbreviations.

``parse_glossary(text)`` is pure. It reads

* **glossary sections** headed 附注 / 注释 / 名词解释 / 名词注释 / 注 … whose entries are numbered in
  any common style (``1.`` ``1、`` ``〔1〕`` ``[1]`` ``【1】`` ``（1）`` ``①`` ``一、``) or unnumbered
  ``term：definition`` lines. An entry runs until the next marker of the same style; a line
  without a marker continues it when the entry has not ended its sentence, or when the line after
  is the next entry (definitions wrap; page numbers such as “- 27 -” are skipped). The section ends
  at the first line that is neither.
* **notes without a heading** — a line that starts with ``①`` / ``〔1〕`` / ``[1]``, then a quoted
  term and ``：`` (PDF footnotes);
* **inline definitions** anywhere else (:mod:`policykg.nlp.terms.glossary.inline`):
  “一核两链四支撑”（以…为核心…）, “一城”即…, X是指… .

Offsets are into ``text`` (the normalised text); see :class:`GlossaryEntry`. How an entry naming
several terms is split is documented in :mod:`policykg.nlp.terms.glossary.entry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykg.nlp.terms.glossary.entry import entry_from_lines
from policykg.nlp.terms.glossary.inline import inline_definitions
from policykg.nlp.terms.glossary.lines import (
    STRONG_HEADINGS,
    Line,
    ends_sentence,
    is_body_heading,
    is_skippable,
    marker_style,
    split_head,
    split_lines,
    unnumbered_head,
)
from policykg.nlp.terms.glossary.record import GlossaryEntry

__all__ = ["GlossaryEntry", "parse_glossary"]

_SP = r"[ \t\u3000\u00a0]*"
# Stars and marks that decorate a heading: ※名词解释※, *名词解释, ★注释.
_DECOR = r"[※*＊★☆◆■●]*"
_HEADING = re.compile(
    rf"(?:^|(?<=[。！？!?])){_SP}{_DECOR}[【\[〔(（]?{_SP}(?:附{_SP}[：:]{_SP}|附录{_SP}[：:]?{_SP}"
    rf"|附件{_SP}(?:\d{{1,2}}|[一二三四五六七八九十]{{1,2}})?{_SP}[：:]?{_SP})?(?:本报告)?"
    r"(?P<word>名词术语解释|名词解释|名词注释|词语解释|术语解释|附注|注释|注解|备注|注)"
    rf"{_SP}(?:[】\]〕)）]{_SP}[：:]?|[：:]|{_DECOR}$|$){_SP}",
    re.MULTILINE,
)

# A note without a heading: a marker, a quoted term and a colon (PDF footnotes: ①“六稳”：…).
_FOOTNOTE = re.compile(
    rf"^{_SP}(?:[\u2460-\u2473]|〔\d{{1,3}}〕|\[\d{{1,3}}\]|【\d{{1,3}}】){_SP}"
    r"[“「][^“”「」\n]{1,20}[”」][^：:\n，。]{0,8}[：:][^\n]+$",
    re.MULTILINE,
)

Item = tuple[str, list[Line]]


def parse_glossary(text: str) -> tuple[GlossaryEntry, ...]:
    """Every definition ``text`` gives, in text order."""
    entries: list[GlossaryEntry] = []
    ranges: list[tuple[int, int]] = []
    for heading in _HEADING.finditer(text):
        if ranges and heading.start() < ranges[-1][1]:
            continue
        items, end = _read_section(text, heading)
        for style, lines in items:
            entries.extend(entry_from_lines(lines, style))
        if items:
            ranges.append((heading.start(), end))
    for entry in _footnotes(text, ranges):
        entries.append(entry)
        ranges.append((entry.term_start, entry.def_end))
    for entry in inline_definitions(text):
        if not any(start <= entry.term_start < end for start, end in ranges):
            entries.append(entry)
    entries.sort(key=lambda e: (e.term_start, e.term_end))
    return tuple(entries)


def _footnotes(text: str, ranges: list[tuple[int, int]]) -> list[GlossaryEntry]:
    """Entries of notes that stand without a heading, outside the sections already read."""
    entries: list[GlossaryEntry] = []
    for match in _FOOTNOTE.finditer(text):
        if any(start <= match.start() < end for start, end in ranges):
            continue
        line = Line(match.start(), match.end(), match.group())
        found = marker_style(line)
        if found is not None:
            body = Line(line.start + found[1], line.end, line.text[found[1] :])
            entries.extend(entry_from_lines([body], found[0]))
    return entries


def _read_section(text: str, heading: re.Match[str]) -> tuple[list[Item], int]:
    """The entries of the section under ``heading`` and the offset where the section ends."""
    lines = _Lines(split_lines(text, heading.end()))
    if not _opens_section(heading.group("word"), lines.get(0)):
        return [], heading.end()
    items: list[Item] = []
    style: str | None = None
    end = heading.end()
    index = -1
    while (line := lines.get(index := index + 1)) is not None:
        if is_skippable(line):
            continue
        new_style, body = _entry_start(line, style, items)
        if new_style is not None:
            style = new_style
            items.append((style, [body]))
        elif style is None or not _continues(items[-1][1], lines, index, style):
            break
        else:
            items[-1][1].append(line)
        end = line.end
    return items, end


def _opens_section(word: str, first: Line | None) -> bool:
    """Weak headings (注, 备注) open a glossary only when an entry follows on the same line."""
    if word in STRONG_HEADINGS:
        return True
    return (
        first is not None
        and bool(first.text.strip())
        and _entry_start(first, None, [])[0] is not None
    )


def _entry_start(line: Line, style: str | None, items: list[Item]) -> tuple[str | None, Line]:
    """``(style, entry body)`` when ``line`` starts a new entry, else ``(None, line)``."""
    found = marker_style(line)
    if found is not None and style in (None, found[0]):
        body = Line(line.start + found[1], line.end, line.text[found[1] :])
        if style is not None or split_head(body.text.strip()) is not None:
            return found[0], body
    after_sentence = not items or ends_sentence(items[-1][1][-1].text)
    if style in (None, "unnumbered") and unnumbered_head(line.text.strip()) and after_sentence:
        stripped = line.text.lstrip(" \t\u3000\u00a0")
        return "unnumbered", Line(line.end - len(stripped), line.end, stripped)
    return None, line


def _continues(current: list[Line], lines: _Lines, index: int, style: str) -> bool:
    """A line without a marker continues the entry when the entry is unfinished or the next is."""
    line = lines.get(index)
    if line is None or is_body_heading(line):
        return False
    if not ends_sentence(current[-1].text):
        return True
    while (later := lines.get(index := index + 1)) is not None:
        if is_skippable(later):
            continue
        found = marker_style(later)
        return found is not None and found[0] == style
    return False


class _Lines:
    """The lines after a heading, split only as far as the section reader looks."""

    def __init__(self, source: Iterator[Line]) -> None:
        self._source = source
        self._seen: list[Line] = []

    def get(self, index: int) -> Line | None:
        """Line ``index``, or ``None`` past the end of the text."""
        while len(self._seen) <= index:
            line = next(self._source, None)
            if line is None:
                return None
            self._seen.append(line)
        return self._seen[index]
