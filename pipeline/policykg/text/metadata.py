"""Document metadata read from the text itself: place, year, date, meeting, speaker, kind, title.

The title block (the lines before the salutation 各位代表) gives title, date, meeting and speaker;
the opening 我代表XX人民政府 gives the place (or only its level: 我代表市人民政府); the review and
plan headings give the year a report was delivered (2023年工作回顾 → 2024). What the text does not
say may come from the file name (``<区划代码>_<年份>_<地名>.txt``, or a bare place name such as
``三亚.txt`` when the text confirms the level). Anything not found stays ``None``; the seeds
manifest overrides field by field (:func:`merge_meta`). ``DocMeta.sources`` says where each value
came from: ``"manifest"``, ``"text"`` or ``"file name"``.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import PurePath

from policykg.ir import DocMeta
from policykg.text.divisions import LEVELS, complete, most_named
from policykg.text.layout import is_artifact_line

HEAD_CHARS = 600
COUNT_CHARS = 8000  # where a level-only report's place is counted
MANIFEST, TEXT, FILE_NAME = "manifest", "text", "file name"

_DATE = re.compile(r"(20\d\d|19\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = re.compile(
    r"第[一二三四五六七八九十\d]{1,4}届人民代表大会\s*第[一二三四五六七八九十\d]{1,3}次\s*会议"
)
_PLACE = re.compile(
    r"(?:^|在|印发|关于|\n)([\u4e00-\u9fff]{1,8}?(?:自治县|自治州|县|市|区|旗|州))(?:第[一二三四五六七八九十\d]{1,4}届|人民政府|国民经济)"
)
_NAME = r"[\u4e00-\u9fff]{1,12}?"
# 我代表清苑县人民政府 / 我代表容城县第十四届人民政府 / 我代表区政府: the place, or only its level.
_SELF = re.compile(
    rf"我代表({_NAME})?([{LEVELS}])(?:第[一二三四五六七八九十\d]{{1,4}}届)?(?:人民)?政府"
)
# 保定市满城区: a county-level place inside its city.
_COMPOUND = re.compile(r"(.{2,}?(?:市|自治州|州|地区|盟))(.{1,8}(?:县|区|市|旗))")
_SPEAKER = re.compile(
    r"(?:县长|市长|区长|州长|旗长|主席|代县长|代市长|代区长)\s*[：:]?\s*([\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3})(?=\s*$|\s*\n)",
    re.MULTILINE,
)
_SALUTATION = re.compile(r"^[ \t\u3000*#]*各?位代表[：:，,、]", re.MULTILINE)
_KINDS = (
    ("规划", "五年规划纲要"),
    ("政府工作报告", "政府工作报告"),
    ("通知", "通知"),
    ("意见", "意见"),
    ("方案", "方案"),
)
_REPORTS_WORK = re.compile(r"我代表.{0,20}?政府.{0,4}向大会(?:作|报告)")
_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
# The year under review (2023年工作回顾, 刚刚过去的2023年) precedes the year of delivery …
_REVIEW = re.compile(
    r"(20\d\d|19\d\d)年(?:政府|主要)?(?:工作)?回顾|刚刚过去的(20\d\d|19\d\d)年|过去的(20\d\d|19\d\d)年"
)
# … which the plan headings name (2024年工作安排, 2024年主要预期目标).
_PLAN = re.compile(
    r"(20\d\d|19\d\d)年(?:的)?(?:政府)?(?:工作安排|主要工作(?!回顾)|重点工作|工作任务|主要任务|"
    r"工作的?总体要求|总体要求|(?:经济社会发展的?)?主要预期目标)"
)
# The paragraph after 我代表…政府…提出意见。 opens with the year under review: 2023年，… / 2023年是…
_OPENING = re.compile(r"(?<!\d)(20\d\d|19\d\d)年(?:[，,]|是)")
OPENING_CHARS = 200
_CODED_FILE = re.compile(r"(\d{6})_((?:19|20)\d\d)_([\u4e00-\u9fff]{1,20})")
_BARE_FILE = re.compile(r"[\u4e00-\u9fff]{2,12}")
_HEADING = re.compile(r"[一二三四五六七八九十]+、")


def _kind(head: str) -> str | None:
    if "五年规划" in head and "纲要" in head:
        return "五年规划纲要"
    for needle, kind in _KINDS[1:]:
        if needle in head:
            return kind
    return None


def _title_block(text: str) -> tuple[str, bool]:
    """The head before the salutation 各位代表 (and whether there is one)."""
    head = text[:HEAD_CHARS]
    salutation = _SALUTATION.search(head)
    return (head[: salutation.start()], True) if salutation else (head, False)


def _title_lines(block: str) -> list[str]:
    lines = [re.sub(r"[#*\s]", "", line) for line in block.splitlines()]
    return [
        ln
        for ln in lines
        if len(ln) >= 4
        and not is_artifact_line(ln)
        and not re.search("[，。]", ln)
        and not ln.startswith("各位代表")
        and not _HEADING.match(ln)
    ][:4]


def _split(name: str) -> tuple[str, str | None]:
    """保定市满城区 → (满城区, 保定市); a plain name → (name, None)."""
    compound = _COMPOUND.fullmatch(name)
    if compound:
        return compound.group(2), compound.group(1)
    return name, None


def delivery_year(flat: str) -> int | None:
    """The year a report is delivered, from its review and plan headings (whitespace removed).

    >>> delivery_year("一、2023年工作回顾过去一年……二、2024年工作安排")
    2024
    >>> delivery_year("现在，我代表县人民政府向大会报告工作，请予审议。2023年，全县上下……")
    2024
    >>> delivery_year("二、2021年主要预期目标"), delivery_year("到2025年，基本建成") is None
    (2021, True)
    """
    review = _REVIEW.search(flat)
    if review:
        return int(next(g for g in review.groups() if g)) + 1
    own = _SELF.search(flat[: HEAD_CHARS * 2])
    if own:
        opening = _OPENING.search(flat, own.end(), own.end() + OPENING_CHARS)
        if opening:
            return int(opening.group(1)) + 1
    plan = _PLAN.search(flat)
    return int(plan.group(1)) if plan else None


def _file_place(name: str, text: str, level: str | None) -> str | None:
    """The place a file name gives: ``130608_2005_清苑县.txt`` as is; a bare ``三亚.txt`` only with
    the level the text confirms (我代表市人民政府, or 三亚市 in the text)."""
    stem = PurePath(name).stem
    coded = _CODED_FILE.fullmatch(stem)
    if coded:
        return coded.group(3)
    if not _BARE_FILE.fullmatch(stem):
        return None
    if level is None:
        named = [(text.count(stem + lv), lv) for lv in LEVELS if stem + lv in text]
        level = max(named)[1] if named else None
    return complete(stem + level) if level else None


def _file_year(name: str) -> int | None:
    coded = _CODED_FILE.fullmatch(PurePath(name).stem)
    return int(coded.group(2)) if coded else None


def _place(name: str, text: str, block: str) -> tuple[str | None, str | None, str | None]:
    """(place, its city, source): the text's own words first, then the file name."""
    flat_head = re.sub(r"\s+", "", text[: HEAD_CHARS * 2])
    own = _SELF.search(flat_head)
    level = own.group(2) if own else None
    if own and own.group(1):
        place, city = _split(own.group(1) + own.group(2))
        return complete(place), city, TEXT
    titled = _PLACE.search(re.sub(r"[ \t\u3000*#]+", "", block))
    if titled:
        place, city = _split(titled.group(1))
        return complete(place), city, TEXT
    if level:
        counted = most_named(text[:COUNT_CHARS], level)
        if counted:
            return counted, None, TEXT
    from_file = _file_place(name, text, level)
    return (from_file, None, FILE_NAME) if from_file else (None, None, None)


def metadata_from_text(name: str, text: str) -> DocMeta:
    """Read what the head of ``text`` (and, failing that, the file ``name``) says about the document.

    >>> m = metadata_from_text("a.txt", "政府工作报告\\n——2022年 1月 25日在新绛县第十七届人民代表大会\\n第二次会议上\\n新绛县人民政府县长 张 琼\\n")
    >>> m.place, m.date, m.year, m.speaker, m.kind
    ('新绛县', '2022-01-25', 2022, '张琼', '政府工作报告')
    >>> dict(m.sources)["place"]
    'text'
    """
    block, has_salutation = _title_block(text)
    flat_block = re.sub(r"\s+", "", block)
    date_match = _DATE.search(flat_block)
    date = None
    if date_match:
        y, mo, d = (int(g) for g in date_match.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            date = f"{y:04d}-{mo:02d}-{d:02d}"
    sources: dict[str, str] = {}
    year = int(date[:4]) if date else delivery_year(re.sub(r"\s+", "", text))
    if year is None:
        block_year = _YEAR.search(flat_block)
        year = int(block_year.group(1)) if block_year else None
    if year is not None:
        sources["year"] = TEXT
    else:
        year = _file_year(name)
        if year is not None:
            sources["year"] = FILE_NAME
    place, city, place_source = _place(name, text, block)
    if place_source:
        sources["place"] = place_source
    if city:
        sources["city"] = TEXT
    meeting = _MEETING.search(flat_block)
    titled = _PLACE.search(re.sub(r"[ \t\u3000*#]+", "", block))
    speaker = _SPEAKER.search(block)
    titles = _title_lines(block)
    kind = _kind("".join(titles))
    if (
        kind is None
        and has_salutation
        and _REPORTS_WORK.search(re.sub(r"\s+", "", text[: HEAD_CHARS * 2]))
    ):
        kind = "政府工作报告"
    meta = DocMeta(
        name=name,
        place=place,
        city=city,
        year=year,
        kind=kind,
        date=date,
        speaker=re.sub(r"\s+", "", speaker.group(1)) if speaker else None,
        meeting=(titled.group(1) if titled else "") + meeting.group(0) if meeting else None,
        title=titles[0][:80] if titles else None,
    )
    for field in ("kind", "date", "speaker", "meeting", "title"):
        if getattr(meta, field) is not None:
            sources[field] = TEXT
    return replace(meta, sources=_ordered(sources))


def _ordered(sources: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((f.name, sources[f.name]) for f in fields(DocMeta) if f.name in sources)


def merge_meta(found: DocMeta, given: DocMeta) -> DocMeta:
    """``found`` (from the text and file name) overridden field by field by ``given`` (the
    manifest's values); the sources say which field came from the manifest."""
    sources = dict(found.sources)
    values: dict[str, object] = {}
    for f in fields(given):
        if f.name in ("name", "sources"):
            continue
        value = getattr(given, f.name)
        if value is not None:
            values[f.name] = value
            sources[f.name] = MANIFEST
    return replace(found, **values, sources=_ordered(sources))  # type: ignore[arg-type]
