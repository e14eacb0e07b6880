"""Turn one glossary entry (its lines, marker removed) into ``GlossaryEntry`` objects.

The entry text is rebuilt from its line pieces with a map back to the text's offsets. The head
before ``：`` (or 是指 / 即) names the term: the quoted strings in it (开发区“三个一批” → 三个一批;
“专精特新”企业 → 专精特新), or the whole head when nothing is quoted (服务业提质增效十大行动).

An entry that names several terms (“三无”“三可”营商环境：…; “房证同交”“地证同交”改革：…) gives one
entry per term. Each term's definition is the whole text after the colon, as for any entry (the
team's gold convention, tests/data/gold/README.md): it is the report's own explanation of the
pair, and splitting prose by sentence would lose what the terms share. The parts are split per
term where the members show which term they belong to: those starting with the term's own
character and as many as its count (三无 → 无差别、无障碍、无后顾之忧; 三可 → 可预期、可信赖、可发展);
otherwise a term gets no parts.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from policykg.nlp.glossary_lines import HEAD_SPLIT, QUOTED_TERM, Line
from policykg.nlp.glossary_model import GlossaryEntry
from policykg.nlp.glossary_parts import split_groups, split_parts

_TRIM = " \t\u3000\u00a0"
_MIN_TERM = 2


@dataclass(frozen=True, slots=True)
class Pieces:
    """The text of an entry assembled from line pieces, with a map back to text offsets."""

    text: str
    joined_starts: tuple[int, ...]
    text_starts: tuple[int, ...]

    @classmethod
    def from_lines(cls, lines: list[Line]) -> Pieces:
        """Join ``lines`` (each stripped of surrounding white space) into one string."""
        parts, joined, origins, pos = [], [], [], 0
        for line in lines:
            left = len(line.text) - len(line.text.lstrip(_TRIM))
            piece = line.text.strip(_TRIM)
            if not piece:
                continue
            parts.append(piece)
            joined.append(pos)
            origins.append(line.start + left)
            pos += len(piece)
        return cls("".join(parts), tuple(joined), tuple(origins))

    def offset(self, index: int) -> int:
        """Text offset of character ``index`` of the joined string."""
        i = max(bisect.bisect_right(self.joined_starts, index) - 1, 0)
        return self.text_starts[i] + index - self.joined_starts[i]

    def end_offset(self, end: int) -> int:
        """Text offset just after joined character ``end - 1``."""
        return self.offset(end - 1) + 1 if end > 0 else self.offset(0)


def entry_from_lines(lines: list[Line], style: str) -> list[GlossaryEntry]:
    """The entries one glossary item defines (usually one; several when it names several terms)."""
    pieces = Pieces.from_lines(lines)
    match = HEAD_SPLIT.match(pieces.text)
    if match is None:
        return []
    head_start, head_end = match.span("head")
    def_start, def_end = _definition_span(pieces.text, match.end())
    if def_end <= def_start:
        return []
    terms = _terms(pieces.text, head_start, head_end)
    if not terms:
        return []
    suffix = _head_suffix(pieces.text, head_end, terms)
    if len(terms) == 1:
        start, end = terms[0]
        return [_entry(pieces, start, end, def_start, def_end, suffix, style)]
    return _several(pieces, terms, def_start, def_end, suffix, style)


def _definition_span(text: str, start: int) -> tuple[int, int]:
    end = len(text)
    while end > start and text[end - 1] in "。；;" + _TRIM:
        end -= 1
    return start, end


def _terms(text: str, head_start: int, head_end: int) -> list[tuple[int, int]]:
    head = text[head_start:head_end]
    quoted = [
        (head_start + m.start("term"), head_start + m.end("term"))
        for m in QUOTED_TERM.finditer(head)
        if len(m.group("term").strip(_TRIM)) >= _MIN_TERM
    ]
    if quoted:
        return quoted
    stripped = head.strip(_TRIM).removeprefix("所谓")
    if len(stripped) < _MIN_TERM or len(stripped) > 30 or re.search(r"[，,。]", stripped):
        return []
    start = head_start + head.index(stripped)
    return [(start, start + len(stripped))]


def _head_suffix(text: str, head_end: int, terms: list[tuple[int, int]]) -> str:
    """The head noun after the last quoted term (“两高”项目 → 项目)."""
    last_end = terms[-1][1]
    return text[last_end:head_end].lstrip("”」』").strip(_TRIM)


def _entry(
    pieces: Pieces, start: int, end: int, def_start: int, def_end: int, suffix: str, style: str
) -> GlossaryEntry:
    term = pieces.text[start:end]
    definition = pieces.text[def_start:def_end]
    return GlossaryEntry(
        term=term,
        definition=definition,
        parts=split_parts(term, definition, suffix),
        term_start=pieces.offset(start),
        term_end=pieces.end_offset(end),
        def_start=pieces.offset(def_start),
        def_end=pieces.end_offset(def_end),
        style=style,
    )


def _several(
    pieces: Pieces,
    terms: list[tuple[int, int]],
    def_start: int,
    def_end: int,
    suffix: str,
    style: str,
) -> list[GlossaryEntry]:
    names = [pieces.text[s:e] for s, e in terms]
    groups = split_groups(names, pieces.text[def_start:def_end], suffix)
    entries = []
    for (s, e), parts in zip(terms, groups, strict=True):
        entry = _entry(pieces, s, e, def_start, def_end, suffix, style)
        entries.append(_with_parts(entry, parts))
    return entries


def _with_parts(entry: GlossaryEntry, parts: tuple[str, ...]) -> GlossaryEntry:
    return GlossaryEntry(
        entry.term,
        entry.definition,
        parts,
        entry.term_start,
        entry.term_end,
        entry.def_start,
        entry.def_end,
        entry.style,
    )
