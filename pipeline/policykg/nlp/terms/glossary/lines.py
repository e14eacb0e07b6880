"""Lines of a glossary section: headings, entry markers and the term–definition split.

Helpers of :mod:`policykg.nlp.terms.glossary.parse`. Everything works on ``Line`` objects that carry their
offsets into the text given to ``parse_glossary``, so entries keep exact offsets even when a
definition wraps over several lines or a page number interrupts it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_SP = r"[ \t\u3000\u00a0]*"
# Headings that open a glossary even when nothing follows them on the line.
STRONG_HEADINGS = frozenset(
    {"名词术语解释", "名词解释", "名词注释", "词语解释", "术语解释", "附注", "注释"}
)

MARKER = re.compile(
    rf"^{_SP}(?:"
    r"(?P<bracketed>[〔\[【]\s*(?P<n1>\d{1,3})\s*[〕\]】])"
    r"|(?P<parenthesized>[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）])"
    r"|(?P<circled>[\u2460-\u2473])"
    r"|(?P<numbered>(?P<n3>\d{1,3})\s*[.．、](?![0-9]))"
    r"|(?P<chinese>[一二三四五六七八九十]{1,3}\s*、)"
    rf"){_SP}"
)
STYLES = ("bracketed", "parenthesized", "circled", "numbered", "chinese")

# The head of an entry and the separator after it. A quoted term is read whole, so that 即 / 指
# inside it (“拿地即开工”) does not split it; “河长制”。是指… has 。 before its connector.
HEAD_SPLIT = re.compile(
    r"^(?P<head>(?:[“「『][^“”「」『』：:\n]{1,30}[”」』]|[^：:。；\n]){1,40}?)[ \t\u3000]*"
    r"(?P<sep>[：:]|(?<=[”」』])。(?:是指|指的是|即)|是指|指的是|(?<=[”」』])指"
    r"|[，,]?即(?![可将时使便刻]))[ \t\u3000]*"
)
# A head in square brackets, the separator optional: [两不见面]指…, [“1+5”专项整治]即…, [三个收官]即….
# 即 and 是指 after the bracket are connectors and dropped; 指 / 是 start the definition (GUIDELINE).
# A bracket holding only a short number is an entry marker ([1]), not a head.
BRACKET_HEAD = re.compile(
    r"^[\[【〔](?P<head>(?!\d{1,3}[\]】〕])[^\[\]【】〔〕\n]{1,40})[\]】〕][ \t\u3000]*"
    r"(?P<sep>[：:]|是指|即[，,]?)?[ \t\u3000]*(?=\S)"
)
QUOTED_TERM = re.compile(r"[“「『](?P<term>[^“”「」『』\n]{1,30})[”」』]")
PAGE_NUMBER = re.compile(
    r"^[ \t\u3000]*(?:[-—–]+[ \t\u3000]*\d{1,4}[ \t\u3000]*[-—–]+|第\d{1,4}页)[ \t\u3000]*$"
)
TERMINAL = "。！？!?"  # an entry that ends with ； goes on
# Lines that open the next part of a document and so end a glossary section.
_BODY_HEADING = re.compile(
    r"^[ \t\u3000]*(?:第[一二三四五六七八九十百0-9]+[章节部分篇条]|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十]+[)）]|附件|附表|专栏)"
)
_PUNCTUATION = re.compile(r"[，,。；;：:、！？!?”“]")
# An entry marker glued to the previous entry after a sentence end: “…稳预期。4.“六保”：…”.
_GLUED_MARKER = re.compile(
    r"(?<=。)[ \t\u3000]*(?=(?:\d{1,3}[.．、]|[〔\[【]\d{1,3}[〕\]】])[“「\u4e00-\u9fff])"
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line (or one glued entry inside a line) with its offsets in the whole text."""

    start: int
    end: int
    text: str


def split_lines(text: str, start: int = 0) -> Iterator[Line]:
    """The lines of ``text[start:]``, entries glued after a sentence end split apart."""
    pos = start
    for raw_line in text[start:].split("\n"):
        cut = pos
        for match in _GLUED_MARKER.finditer(raw_line):
            piece_end = pos + match.start()
            if piece_end > cut:
                yield Line(cut, piece_end, text[cut:piece_end])
            cut = pos + match.end()
        yield Line(cut, pos + len(raw_line), text[cut : pos + len(raw_line)])
        pos += len(raw_line) + 1


def split_head(text: str) -> tuple[int, int, int] | None:
    """``(head start, head end, definition start)`` of an entry body, or ``None``.

    A stray colon before the head is skipped (``：“四个不摘”：…``).
    """
    lead = len(text) - len(text.lstrip("：: \t\u3000"))
    rest = text[lead:]
    match = BRACKET_HEAD.match(rest) or HEAD_SPLIT.match(rest)
    if match is None:
        return None
    return lead + match.start("head"), lead + match.end("head"), lead + match.end()


def is_skippable(line: Line) -> bool:
    """Blank lines and page numbers inside a glossary carry nothing."""
    return not line.text.strip() or bool(PAGE_NUMBER.match(line.text))


def marker_style(line: Line) -> tuple[str, int] | None:
    """``(style, length of the marker)`` when ``line`` starts with an entry marker."""
    match = MARKER.match(line.text)
    if match is None:
        return None
    style = next(s for s in STYLES if match.group(s))
    return style, match.end()


def unnumbered_head(text: str) -> bool:
    """True when ``text`` looks like an unnumbered entry: a short term, then ``：`` (or a quoted
    term, then ``：`` / 是指 / 即)."""
    bracket = BRACKET_HEAD.match(text)
    if bracket is not None:
        return not bracket.group("head").isdigit()
    match = HEAD_SPLIT.match(text)
    if match is None:
        return False
    head = match.group("head").strip()
    if QUOTED_TERM.search(head):
        return len(head) <= 30  # “六稳”：… or “六稳”是指…
    if match.group("sep") not in ("：", ":"):
        return False
    return 2 <= len(head) <= 20 and not re.search(r"[，,、。\s]", head)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with a sentence terminator (quotes and brackets aside)."""
    stripped = text.rstrip().rstrip("”」』）)")
    return bool(stripped) and stripped[-1] in TERMINAL


def is_body_heading(line: Line) -> bool:
    """True for a chapter/part heading or a short line without punctuation (a title)."""
    text = line.text.strip()
    if _BODY_HEADING.match(text):
        return True
    return len(text) <= 20 and not _PUNCTUATION.search(text)
