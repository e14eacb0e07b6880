"""Turn one glossary entry (its lines, marker removed) into ``GlossaryEntry`` objects.

The entry text is rebuilt from its line pieces with a map back to the text's offsets. The head
before ``：`` (or 是指 / 即) names the term: the quoted strings in it (开发区“三个一批” → 三个一批;
“专精特新”企业 → 专精特新), or the whole head when nothing is quoted (服务业提质增效十大行动).

An entry that names several terms is split so that each term gets its own definition:

* when the definition has one sentence per term that starts with it (“房证同交”改革是指…。
  “地证同交”改革是指…), each term's definition is what its sentence says after 是指 / 指 / 即 / ：;
* otherwise (“三无”“三可”营商环境：打造无差别、…，可预期、…的营商环境) the terms share the
  definition, and each gets the members that start with its own character as parts.
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
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_TERM_SENTENCE_SEP = re.compile(r"[^，,：:。]{0,6}?(?:是指|指的是|指|即|[：:])")


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
    own = _own_sentences(pieces.text, names, def_start, def_end)
    if own is not None:
        return [
            _entry(pieces, s, e, d_start, d_end, suffix, style)
            for (s, e), (d_start, d_end) in zip(terms, own, strict=True)
        ]
    groups = split_groups(names, pieces.text[def_start:def_end], suffix)
    entries = []
    for (s, e), parts in zip(terms, groups, strict=True):
        entry = _entry(pieces, s, e, def_start, def_end, suffix, style)
        entries.append(_with_parts(entry, parts))
    return entries


def _own_sentences(
    text: str, names: list[str], def_start: int, def_end: int
) -> list[tuple[int, int]] | None:
    """For each term, the span of the definition sentence that starts with it, or ``None``."""
    found: dict[str, tuple[int, int]] = {}
    for sentence in _SENTENCE.finditer(text, def_start, def_end):
        body = sentence.group().lstrip("“「『")
        lead = sentence.start() + len(sentence.group()) - len(body)
        for name in names:
            if name in found or not body.startswith(name):
                continue
            sep = _TERM_SENTENCE_SEP.match(text, lead + len(name))
            if sep is not None:
                found[name] = _definition_span(text[: sentence.end()], sep.end())
    if len(found) != len(names):
        return None
    return [found[name] for name in names]


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
