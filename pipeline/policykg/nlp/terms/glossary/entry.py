"""Turn one glossary entry (its lines, marker removed) into ``GlossaryEntry`` objects.

The entry text is rebuilt from its line pieces with a map back to the text's offsets. The head
before ``：`` (or 是指 / 即) names the term: the quoted strings in it (开发区“三个一批” → 三个一批;
“专精特新”企业 → 专精特新), or the whole head when nothing is quoted (服务业提质增效十大行动).

An entry that names several terms (“三无”“三可”营商环境：…; “房证同交”“地证同交”改革：…; 碳达峰、碳中和、
“30·60”行动：…) gives one entry per term. Each term's definition is the whole text after the colon,
as for any entry (the team's gold convention, tests/data/gold/README.md): it is the report's own
explanation of the group. Where the text labels each term (“六稳”即…；“六保”即…; “灰犀牛”指…，
“黑天鹅”指…), the term's own stretch is kept in ``own_definition`` and its parts come from it;
otherwise the parts are split per term where the members show which term they belong to: those
starting with the term's own character and as many as its count (三无 → 无差别、无障碍、无后顾之忧;
三可 → 可预期、可信赖、可发展); otherwise a term gets no parts.

A second headed definition glued under the same number (…。“新三个一”：…) is an entry of its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from policykg.nlp.terms.glossary.lines import QUOTED_TERM, Line, split_head
from policykg.nlp.terms.glossary.parts import COMPONENT as _COMPONENT
from policykg.nlp.terms.glossary.parts import split_groups, split_parts
from policykg.nlp.terms.glossary.record import GlossaryEntry

_TRIM = " \t\u3000\u00a0"
_MIN_TERM = 2
# A page reference closing an entry: （见第2页）, (见第10 页).
# A second definition glued after a sentence end under the same number: 。“新三个一”：….
_NEXT_HEADED = re.compile(
    r"(?<=。)[ \t\u3000]*[“「](?P<label>[^“”「」\n]{1,12})[”」][ \t\u3000]*[：:]"
)
# A pronunciation gloss after a rare character: 糃（táng）.
_PRONUNCIATION = re.compile(r"[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,12}[)）]$")
_CLAUSE_OPENERS = "。；;，,：:" + _TRIM
# What joins a term's label to its explanation: “X”：是指…, 一区，即…, “天网”工程是….
_CONNECTOR = re.compile(
    r"[ \t\u3000]*(?:[：:][ \t\u3000]*)?(?:[，,]?(?:是指|指的是|就是|即|指|是)[，,：:]?)?"
)
_PAGE_NOTE = re.compile(r"[（(][ \t\u3000]*见第[ \t\u3000]*\d{1,4}[ \t\u3000]*页[ \t\u3000]*[)）]$")


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
    """The entries one glossary item defines (usually one; several when it names several terms,
    or when a second headed definition follows under the same number)."""
    pieces = Pieces.from_lines(lines)
    entries: list[GlossaryEntry] = []
    start = 0
    while start < len(pieces.text):
        found = split_head(pieces.text[start:])
        if found is None:
            break
        head = (start + found[0], start + found[1])
        cut = _next_headed(pieces.text, head, start + found[2])
        entries.extend(_item_entries(pieces, head, start + found[2], cut, style))
        start = cut
    return entries


def _next_headed(text: str, head: tuple[int, int], def_at: int) -> int:
    """Where a second headed definition starts (…。“新三个一”：…), else the end of ``text``.

    A quoted label that is part of the head (“1”：… under “1+5”) explains the head instead.
    """
    head_text = text[head[0] : head[1]]
    for match in _NEXT_HEADED.finditer(text, def_at):
        if match.group("label") not in head_text:
            return match.start()
    return len(text)


def _item_entries(
    pieces: Pieces, head: tuple[int, int], def_at: int, cut: int, style: str
) -> list[GlossaryEntry]:
    text = pieces.text[:cut]
    def_start, def_end = _definition_span(text, def_at)
    if def_end <= def_start:
        return []
    terms = _terms(text, head[0], head[1])
    if not terms:
        return []
    suffix = _head_suffix(text, head[1], terms)
    if len(terms) == 1:
        start, end = terms[0]
        whole = _entry(pieces, start, end, def_start, def_end, suffix, style)
        listed = _listed_terms(text, terms[0], text[def_start:def_end])
        if not listed:
            return [whole]
        return [whole, *_several(pieces, listed, def_start, def_end, suffix, style)]
    return _several(pieces, terms, def_start, def_end, suffix, style)


def _listed_terms(text: str, term: tuple[int, int], definition: str) -> list[tuple[int, int]]:
    """The terms of an unquoted head that lists several (灰犀牛、黑天鹅：在金融领域，“灰犀牛”指…，
    “黑天鹅”指…): each piece between 、 that the definition explains under its own label. The
    head stays an entry of its own; counted components (一区、一谷) are one term's parts."""
    start, end = term
    names = text[start:end].split("、")
    if not 2 <= len(names) <= 6 or not all(2 <= len(n) <= 8 for n in names):
        return []
    if any(_COMPONENT.match(n) for n in names):
        return []
    if not all(_labelled_at(n, definition, "") for n in names):
        return []
    spans, pos = [], start
    for name in names:
        spans.append((pos, pos + len(name)))
        pos += len(name) + 1
    return spans


def _definition_span(text: str, start: int) -> tuple[int, int]:
    """The definition after ``start``: without a page note (见第2页) and final punctuation."""
    end = len(text)
    while True:
        while end > start and text[end - 1] in "。；;，," + _TRIM:
            end -= 1
        note = _PAGE_NOTE.search(text, start, end)
        if note is None:
            return start, end
        end = note.start()


def _terms(text: str, head_start: int, head_end: int) -> list[tuple[int, int]]:
    """The terms a head names: the quoted text of each of its 、/，-separated pieces (a piece
    without quotes counts whole when another piece is quoted), or the whole head."""
    head = text[head_start:head_end]
    quoted = list(QUOTED_TERM.finditer(head))
    if quoted:
        found: list[tuple[int, int]] = []
        for piece_start, piece_end in _head_pieces(head):
            inner = [m for m in quoted if piece_start <= m.start() and m.end() <= piece_end]
            if inner:
                found.extend(
                    (head_start + m.start("term"), head_start + m.end("term")) for m in inner
                )
            elif len(quoted) < len(head) and piece_end - piece_start >= _MIN_TERM:
                found.append((head_start + piece_start, head_start + piece_end))
        kept = [t for t in found if _term_ok(text[t[0] : t[1]], len(found))]
        if kept:
            return kept
    stripped = head.strip(_TRIM).removeprefix("所谓")
    glossed = _PRONUNCIATION.sub("", _unbalanced(stripped)).strip(_TRIM)
    shortest = 1 if glossed != stripped.strip(_TRIM) else _MIN_TERM  # 糃（táng）: one character
    stripped = glossed
    if len(stripped) < shortest or len(stripped) > 30 or re.search(r"[，,。]", stripped):
        return []
    start = head_start + head.index(stripped)
    return [(start, start + len(stripped))]


def _term_ok(term: str, count: int) -> bool:
    """A term has two characters or more; a lone quoted letter or digit counts when it is the
    only term of its head (“C”位)."""
    term = term.strip(_TRIM)
    return len(term) >= _MIN_TERM or (count == 1 and term.isascii() and term.isalnum())


def _head_pieces(head: str) -> list[tuple[int, int]]:
    """The spans of ``head`` between 、 / ， outside quotes (the pieces stripped of space)."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(head + "、"):
        if ch in "“「『":
            depth += 1
        elif ch in "”」』":
            depth = max(depth - 1, 0)
        elif ch in "、，," and depth == 0:
            piece = head[start:i]
            left = len(piece) - len(piece.lstrip(_TRIM))
            if piece.strip(_TRIM):
                pieces.append((start + left, start + left + len(piece.strip(_TRIM))))
            start = i + 1
    return pieces


def _unbalanced(head: str) -> str:
    """A head with one quote mark and not its pair: “四方责任 → 四方责任; 三重一大”制度 → 三重一大."""
    opens = sum(head.count(q) for q in "“「『")
    closes = sum(head.count(q) for q in "”」』")
    if opens == 1 and closes == 0 and head[0] in "“「『":
        return head[1:]
    if closes == 1 and opens == 0:
        return head[: min(head.find(q) for q in "”」』" if q in head)]
    return head


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
    """One entry per term: the whole definition, the term's own stretch of it where the text
    labels it, and the parts of that stretch (else the parts grouped by initial)."""
    names = tuple(pieces.text[s:e] for s, e in terms)
    definition = pieces.text[def_start:def_end]
    segments = term_segments(list(names), definition, suffix)
    groups = split_groups(list(names), definition, suffix)
    entries = []
    for (s, e), segment, group in zip(terms, segments, groups, strict=True):
        entry = _entry(pieces, s, e, def_start, def_end, suffix, style)
        own, parts = "", group
        if segment is not None:
            own = definition[segment[0] : segment[1]]
            parts = split_parts(entry.term, own, suffix) or group
        entries.append(replace(entry, parts=parts, own_definition=own, joined=names))
    return entries


def term_segments(
    names: list[str], definition: str, suffix: str = ""
) -> list[tuple[int, int] | None]:
    """For each term, the span of ``definition`` that defines it alone: from its label at the
    start of a clause (“灰犀牛”指…, 一区，即…), minus the label, head noun and connector, to the
    next term's segment; a term named only inside a sentence gets that sentence; else ``None``."""
    starts: list[tuple[int, int] | None] = []
    for name in names:
        starts.append(_labelled_at(name, definition, suffix) or _sentence_of(name, definition))
    bounds = sorted({start[0] for start in starts if start is not None} | {len(definition)})
    segments: list[tuple[int, int] | None] = []
    for start in starts:
        if start is None:
            segments.append(None)
            continue
        end = next(b for b in bounds if b > start[0])
        body_start = start[1]
        while end > body_start and definition[end - 1] in "。；;，,、" + _TRIM:
            end -= 1
        segments.append((body_start, end) if end > body_start else None)
    return segments


def _labelled_at(name: str, definition: str, suffix: str) -> tuple[int, int] | None:
    """``(label start, text start)`` of the first clause that opens with ``name``."""
    for label in (f"“{name}”", f"「{name}」", name):
        pos = definition.find(label)
        while pos >= 0:
            if pos == 0 or definition[pos - 1] in _CLAUSE_OPENERS:
                after = pos + len(label)
                if suffix and definition.startswith(suffix, after):
                    after += len(suffix)
                connector = _CONNECTOR.match(definition, after)
                if connector is not None and (connector.end() > after or label[0] in "“「"):
                    return pos, connector.end()
            pos = definition.find(label, pos + 1)
    return None


def _sentence_of(name: str, definition: str) -> tuple[int, int] | None:
    """The sentence that names the quoted term (2019年…扩展了“淘宝镇”标准…)."""
    pos = definition.find(f"“{name}”")
    if pos < 0:
        return None
    start = definition.rfind("。", 0, pos) + 1
    return start, start
