"""Document metadata read from the text itself: place, year, date, meeting, speaker, kind, title.

Only the first lines of a report are searched (title block, meeting line, speaker line). Anything
not found stays ``None``; the seeds manifest overrides field by field.
"""

from __future__ import annotations

import re

from policykg.ir import DocMeta
from policykg.text.layout import is_artifact_line

HEAD_CHARS = 600
_DATE = re.compile(r"(20\d\d|19\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = re.compile(
    r"第[一二三四五六七八九十\d]{1,4}届人民代表大会\s*第[一二三四五六七八九十\d]{1,3}次\s*会议"
)
_PLACE = re.compile(
    r"(?:^|在|印发|关于|\n)([\u4e00-\u9fff]{1,8}?(?:自治县|自治州|县|市|区|旗|州))(?:第[一二三四五六七八九十\d]{1,4}届|人民政府|国民经济)"
)
_SPEAKER = re.compile(
    r"(?:县长|市长|区长|州长|旗长|主席|代县长|代市长|代区长)\s*[：:]?\s*([\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3})(?=\s*$|\s*\n)",
    re.MULTILINE,
)
_KINDS = (
    ("规划", "五年规划纲要"),
    ("政府工作报告", "政府工作报告"),
    ("通知", "通知"),
    ("意见", "意见"),
    ("方案", "方案"),
)
_YEAR = re.compile(r"(20\d\d)\s*年")


def _kind(head: str) -> str | None:
    if "五年规划" in head and "纲要" in head:
        return "五年规划纲要"
    for needle, kind in _KINDS[1:]:
        if needle in head:
            return kind
    return None


def _title_lines(head: str) -> list[str]:
    lines = [re.sub(r"[#*\s]", "", line) for line in head.splitlines()]
    return [
        ln
        for ln in lines
        if len(ln) >= 4 and not is_artifact_line(ln) and not re.search("[，。]", ln)
    ][:4]


def metadata_from_text(name: str, text: str) -> DocMeta:
    """Read what the head of ``text`` says about the document.

    >>> m = metadata_from_text("a.txt", "政府工作报告\\n——2022年 1月 25日在新绛县第十七届人民代表大会\\n第二次会议上\\n新绛县人民政府县长 张 琼\\n")
    >>> m.place, m.date, m.year, m.speaker, m.kind
    ('新绛县', '2022-01-25', 2022, '张琼', '政府工作报告')
    """
    head = text[:HEAD_CHARS]
    flat = re.sub(r"\s+", "", head)
    date_match = _DATE.search(flat)
    date = None
    if date_match:
        y, mo, d = (int(g) for g in date_match.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            date = f"{y:04d}-{mo:02d}-{d:02d}"
    year_match = _YEAR.search(flat)
    year = int(date[:4]) if date else (int(year_match.group(1)) if year_match else None)
    meeting = _MEETING.search(flat)
    place = _PLACE.search(re.sub(r"[ \t\u3000*#]+", "", head))
    speaker = _SPEAKER.search(head)
    titles = _title_lines(head)
    return DocMeta(
        name=name,
        place=place.group(1) if place else None,
        year=year,
        kind=_kind("".join(titles)),
        date=date,
        speaker=re.sub(r"\s+", "", speaker.group(1)) if speaker else None,
        meeting=(place.group(1) if place else "") + meeting.group(0) if meeting else None,
        title=titles[0][:80] if titles else None,
    )
