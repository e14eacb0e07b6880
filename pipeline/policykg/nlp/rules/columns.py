"""专栏 (boxed lists in five-year plans): the items of a column that lists projects or works.

A column starts with a heading paragraph “专栏7：…重点工程” and lists numbered items
“1.噻吩类医药中间体中试基地：实施主体为山西恒强化工有限公司。”. The item title (before the
colon) names a project when the column's heading says it lists projects (项目/工程); the rest of
the item describes it (实施主体, 位于, amounts), which ``relations`` reads.

Document-level and pure: works on the normalised text and its paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.text.normalize import Paragraph

_HEADING = re.compile(r"^\s*专栏\s*\d*\s*[：:．.]?\s*(?P<title>.*)$")
_ITEM = re.compile(r"^\s*(?P<num>\d{1,2})\s*[.．、]?\s*(?P<title>[^：:。；]{2,40}?)\s*[：:]")
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.．、]?\s*[^\d\s]")
_LISTS_PROJECTS = re.compile(r"项目|工程")
_MAX_CONTINUATION = 300
_TRAILING_NOTE = re.compile(r"(?:[（(][^（）()]*[)）])?$")  # 5G基站建设项目（移动、联通、电信）


@dataclass(frozen=True, slots=True)
class ColumnItem:
    """One numbered item of a project column, in normalised coordinates."""

    title_start: int
    title_end: int
    paragraph_start: int
    paragraph_end: int
    column: str  # the column's heading text


def _starts_item(text: str, paragraph: Paragraph) -> bool:
    return bool(_NUMBERED.match(text[paragraph.start : paragraph.end]))


def _column_paragraphs(text: str, paragraphs: Sequence[Paragraph], first: int) -> list[Paragraph]:
    """The paragraphs after a heading that still belong to its column."""
    body: list[Paragraph] = []
    index = first
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if _HEADING.match(text[paragraph.start : paragraph.end]):
            break
        if not _starts_item(text, paragraph):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            short = paragraph.end - paragraph.start <= _MAX_CONTINUATION
            if not (body and short and following and _starts_item(text, following)):
                break
        body.append(paragraph)
        index += 1
    return body


def find_column_items(text: str, paragraphs: Sequence[Paragraph]) -> list[ColumnItem]:
    """Items of every 专栏 whose heading says it lists projects or works."""
    items: list[ColumnItem] = []
    for index, paragraph in enumerate(paragraphs):
        heading = _HEADING.match(text[paragraph.start : paragraph.end])
        if not heading or not _LISTS_PROJECTS.search(heading.group("title")):
            continue
        for member in _column_paragraphs(text, paragraphs, index + 1):
            match = _ITEM.match(text[member.start : member.end])
            if match is None:
                continue
            title_end = member.start + match.end("title")
            note = _TRAILING_NOTE.search(match.group("title"))
            title_end -= len(note.group()) if note else 0
            items.append(
                ColumnItem(
                    member.start + match.start("title"),
                    title_end,
                    member.start,
                    member.end,
                    heading.group("title"),
                )
            )
    return items
