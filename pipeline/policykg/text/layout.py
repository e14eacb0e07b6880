"""Line-level layout of extracted report text: artefact lines, wrap width, broken sentences.

Reports reach us as text pulled from PDFs (lines wrapped at a fixed width, page numbers in the
GB/T 9704 form “- 5 -”) or from newspaper pages (headers such as “**A4** 责任编辑：…”).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－─]{1,2}\s*\d{1,4}\s*[-—–－─]{1,2}|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*"
)
_HEADER = re.compile(
    r"\s*(?:\*\*)?[A-Z]\d{1,2}(?:\*\*)?\s*(?:版\s*)?责任编辑|\s*(?:责任编辑|编辑|校对|美编|邮箱|电子邮箱|E-?mail)\s*[：:]",
    re.IGNORECASE,
)
_TERMINAL = set("。！？!?；;：:”’」』）)》】…")
_HEADING = re.compile(
    r"(?:\*\*|#)|第[一二三四五六七八九十百零〇\d]+[章节篇部分条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|专栏|附\s*[注件录]|名词解释|◆"
)
_SENTENCE_END_INSIDE = re.compile(r"[。！？；]")


@dataclass(frozen=True, slots=True)
class Line:
    """A raw line: ``text`` spans ``raw[start:start+len(text)]``; ``end`` is its line break."""

    text: str
    start: int
    end: int  # raw index of the "\n" (or lone "\r") ending the line, or len(raw)


def split_lines(raw: str) -> list[Line]:
    """Split on \\n, \\r\\n or \\r, keeping where each line and its break sit in ``raw``."""
    lines: list[Line] = []
    for match in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", raw):
        if match.start() == len(raw) and not match.group(1):
            break
        brk = match.start(2)
        if match.group(2) == "\r\n":
            brk += 1
        lines.append(Line(match.group(1), match.start(1), brk))
    return lines


def is_artifact_line(text: str) -> bool:
    """True for page numbers and newspaper header / editor lines.

    >>> is_artifact_line("- 5 -"), is_artifact_line("— 27 —"), is_artifact_line("**A4** 责任编辑：乔小飞")
    (True, True, True)
    >>> is_artifact_line("邮箱：sxjxsyb@126.com"), is_artifact_line("各位代表：")
    (True, False)
    """
    if _PAGE_NUMBER.fullmatch(text):
        return True
    return bool(_HEADER.match(text))


def wrap_width(lengths: list[int]) -> int | None:
    """The width a PDF wrapped lines at, if one width clearly dominates; else ``None``.

    >>> wrap_width([28, 28, 29, 27, 28, 5, 28, 30, 12])
    28
    >>> wrap_width([120, 340, 18, 200, 95]) is None
    True
    """
    long_lines = [n for n in lengths if n >= 10]
    if len(long_lines) < 5:
        return None
    counts = Counter(long_lines)
    best, _ = counts.most_common(1)[0]
    near = sum(c for n, c in counts.items() if abs(n - best) <= 2)
    return best if near >= 0.3 * len(long_lines) else None


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    if stripped.startswith("**") and stripped.endswith("**"):
        return True
    return (
        bool(_HEADING.match(stripped))
        and len(stripped) <= 40
        and not _SENTENCE_END_INSIDE.search(stripped)
    )


def should_join(line: str, nxt: str, width: int | None) -> bool:
    """Whether ``line`` was broken inside a sentence and continues on ``nxt``."""
    stripped = line.rstrip()
    if not stripped or stripped[-1] in _TERMINAL or _is_heading(stripped) or _is_heading(nxt):
        return False
    if width is not None:
        return len(stripped) >= 0.75 * width
    return bool(_SENTENCE_END_INSIDE.search(stripped)) and len(stripped) >= 10
