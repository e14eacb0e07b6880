"""Where a source text's paragraphs are. Texts extracted from PDFs put a line break (often a blank
line) after every printed line, so a paragraph arrives cut into lines of the page's width; other
texts put one paragraph per line. Each run of line breaks is judged: it ends a paragraph after a
sentence-final mark, after a short line, or before a heading; otherwise it only wraps a line and
the two lines are one paragraph. The characters stay in the page (offsets are unchanged); only
their display differs.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from enum import Enum

ENDINGS = frozenset("。！？；：!?;:…」』”）)】")
HEADING = re.compile(
    r"\s*(?:[（(][一二三四五六七八九十百\d]+[）)]|[一二三四五六七八九十百]+[、．.]|\d+(?:[、．]|\.(?!\d))"
    r"|第[一二三四五六七八九十百\d]+[章节部分篇条]|[一二三四五六七八九十]是)"
)
BREAKS = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)(?:[ \t\u3000]*(?:\r\n|\r|\n))*")
FULL_LINE = 0.8  # a line this close to the text's usual width was wrapped by the page
PRINTED = 0.3  # a text is printed (wrapped at a page width) if this share of its lines is full


class Break(Enum):
    PARAGRAPH = "pb"  # the run ends a paragraph
    WRAP = "wrap"  # the run only wraps a printed line: not shown


@dataclass(frozen=True, slots=True)
class LineBreak:
    start: int
    end: int
    kind: Break


def width(line: str) -> float:
    """A line's printed width in CJK characters (ASCII letters and digits take half of one)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in line)


def _usual_width(widths: list[float]) -> float:
    """The width of a full printed line: the 90th percentile of the line widths."""
    ordered = sorted(n for n in widths if n > 0)
    return ordered[int(len(ordered) * 0.9)] if ordered else 0.0


def line_breaks(text: str) -> list[LineBreak]:
    """Every run of line breaks in ``text`` (with the spaces around them), judged."""
    runs = list(BREAKS.finditer(text))
    starts = [0] + [m.end() for m in runs]
    lines = [text[s : m.start()] for s, m in zip(starts, runs, strict=False)]
    widths = [width(line.strip()) for line in [*lines, text[starts[-1] :]]]
    usual = _usual_width(widths)
    full = sum(1 for w in widths if w >= FULL_LINE * usual)
    printed = len(lines) > 0 and full >= PRINTED * len(lines)
    found = []
    for index, match in enumerate(runs):
        line = lines[index].strip()
        following = text[match.end() : match.end() + 12]
        wrapped = (
            printed
            and bool(line)
            and line[-1] not in ENDINGS
            and width(line) >= FULL_LINE * usual
            and not HEADING.match(following)
            and match.end() < len(text)
        )
        found.append(
            LineBreak(match.start(), match.end(), Break.WRAP if wrapped else Break.PARAGRAPH)
        )
    return found


def escaped_with_breaks(text: str, start: int, end: int, breaks: list[LineBreak]) -> str:
    """``text[start:end]`` HTML-escaped, each whole line-break run in it wrapped in a span whose
    class says how it shows (``pb``: a paragraph's end, ``wrap``: hidden). ``breaks`` is sorted."""
    out: list[str] = []
    pos = start
    for item in breaks[bisect.bisect_left(breaks, start, key=lambda b: b.start) :]:
        if item.start >= end:
            break
        if item.end > end:
            continue
        out.append(html.escape(text[pos : item.start]))
        out.append(
            f'<span class="{item.kind.value}">{html.escape(text[item.start : item.end])}</span>'
        )
        pos = item.end
    out.append(html.escape(text[pos:end]))
    return "".join(out)
