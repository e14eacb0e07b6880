"""Normalise raw report text for NLP while keeping an exact map back to raw offsets.

Normalisation only ever *deletes* characters or *folds* one character into one character, so
every normalised character has exactly one raw origin: ``fold(raw[to_raw[i]]) == text[i]``.

What it does, in order, line by line:

* drops whole artefact lines: page numbers (“- 5 -”, “— 2 —”, “第3页”), newspaper headers and
  editor lines (“**A4** 责任编辑：…”, “邮箱：…”);
* removes inline artefacts: markdown emphasis and heading marks, page-jump notes
  (“(上接转 A4 版)”), runs of “??” left by lost spaces, white space next to Chinese characters;
* folds full-width ASCII letters and digits to ASCII, and ASCII clause punctuation (, ; : ? ! ( ))
  to its full-width form, one-to-one (not NFKC, which changes punctuation and lengths), so rules
  see one punctuation whether a report was typeset or scraped from the web;
* joins lines broken inside a sentence and keeps one ``\\n`` between paragraphs;
* flags paragraphs that repeat an earlier one verbatim.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.text.layout import Line, is_artifact_line, should_join, split_lines, wrap_width

_INLINE_DROP = re.compile(
    r"\*\*|__|^#{1,6}\s+|[(（]\s*(?:上接|下转|上转|接上|转接|接)[^()（）\n]{0,12}版\s*[)）]|[?？]{2,}"
)
_SPACE = re.compile(r"[ \t\u3000\u00a0]+")
_SPACE_OR_NOT = re.compile(r"(?P<text>[^ \t\u3000\u00a0]+)|[ \t\u3000\u00a0]+")
MIN_REPEAT_LEN = 20


_PUNCT_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _fold_table() -> dict[int, str]:
    table = {ord(a): b for a, b in _PUNCT_TO_FULL.items()}
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        table.update({code: chr(code - 0xFEE0) for code in range(first, last + 1)})
    return table


_FOLD = _fold_table()


def fold_text(text: str) -> str:
    """Fold every character of ``text`` one-to-one (see :func:`fold_char`); same length."""
    return text.translate(_FOLD)


def fold_char(ch: str) -> str:
    """Fold one character one-to-one: full-width letters/digits to ASCII, ASCII clause
    punctuation to the full-width forms Chinese text uses (web-scraped reports mix both).

    >>> fold_char("Ａ"), fold_char("９"), fold_char("，"), fold_char(","), fold_char("(")
    ('A', '9', '，', '，', '（')
    """
    return ch.translate(_FOLD)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or ch in "“”‘’…—"
    )


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the normalised text; ``repeat_of`` is the index of an identical earlier one."""

    start: int
    end: int
    repeat_of: int | None = None


@dataclass(frozen=True, slots=True)
class NormText:
    """Normalised text with a map from each of its characters to the raw character it came from."""

    text: str
    to_raw: array  # type: ignore[type-arg]
    paragraphs: tuple[Paragraph, ...]
    raw_length: int

    def positions(self) -> dict[int, int]:
        """Raw offset → normalised offset, for every raw character the normalised text keeps."""
        return {raw: i for i, raw in enumerate(self.to_raw)}

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the normalised span ``text[start:end]`` (end exclusive)."""
        if end <= start:
            pos = self.to_raw[start] if start < len(self.to_raw) else self.raw_length
            return pos, pos
        return self.to_raw[start], self.to_raw[end - 1] + 1


def _kept_positions(line: Line) -> Sequence[int]:
    """Raw positions of the line's characters that survive inline clean-up."""
    text = line.text
    if _INLINE_DROP.search(text) is None and _SPACE.search(text) is None:
        return range(line.start, line.start + len(text))  # nothing to drop: most lines
    keep: list[int] = []  # raw positions of the characters left after inline drops
    pieces: list[str] = []
    pos = 0
    for match in [*_INLINE_DROP.finditer(text), None]:
        cut = len(text) if match is None else match.start()
        if cut > pos:
            keep.extend(range(line.start + pos, line.start + cut))
            pieces.append(text[pos:cut])
        pos = cut if match is None else match.end()
    kept_text = "".join(pieces)
    result: list[int] = []
    for match in _SPACE_OR_NOT.finditer(kept_text):
        if match.lastgroup == "text":
            result.extend(keep[match.start() : match.end()])
            continue
        before = kept_text[match.start() - 1] if match.start() > 0 else ""
        after = kept_text[match.end()] if match.end() < len(kept_text) else ""
        if before and after and not _is_cjk(before) and not _is_cjk(after):
            result.append(keep[match.start()])  # one space between two non-Chinese tokens
    if result and result[-1] - result[0] + 1 == len(result):
        return range(result[0], result[-1] + 1)  # only edges were dropped: one slice
    return result


def _gather(raw: str, positions: Sequence[int]) -> str:
    """The raw characters at ``positions`` (a slice when they are contiguous)."""
    if isinstance(positions, range) and positions.step == 1:
        return raw[positions.start : positions.stop]
    return "".join(raw[p] for p in positions)


def normalize(raw: str) -> NormText:
    """Normalise ``raw`` and return the text with its raw-offset map and paragraphs."""
    lines = [ln for ln in split_lines(raw) if not is_artifact_line(ln.text)]
    kept = [(ln, _kept_positions(ln)) for ln in lines]
    kept = [(ln, pos) for ln, pos in kept if pos]
    width = wrap_width([len(pos) for _, pos in kept])
    cleans = [_gather(raw, pos) for _, pos in kept]
    pieces: list[str] = []
    to_raw = array("q")
    for idx, (line, positions) in enumerate(kept):
        pieces.append(fold_text(cleans[idx]))
        to_raw.extend(positions)
        if idx + 1 < len(kept) and not should_join(cleans[idx], cleans[idx + 1], width):
            pieces.append("\n")
            to_raw.append(line.end)  # the raw line break ending this line
    text = "".join(pieces)
    return NormText(text, to_raw, _paragraphs(text), len(raw))


def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    seen: dict[str, int] = {}
    paragraphs: list[Paragraph] = []
    start = 0
    for piece in text.split("\n"):
        end = start + len(piece)
        repeat = seen.get(piece) if len(piece) >= MIN_REPEAT_LEN else None
        if repeat is None and len(piece) >= MIN_REPEAT_LEN:
            seen[piece] = len(paragraphs)
        paragraphs.append(Paragraph(start, end, repeat))
        start = end + 1
    return tuple(paragraphs)
