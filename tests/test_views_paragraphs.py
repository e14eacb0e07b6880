"""Line breaks of a source text judged as paragraph ends or wrapped printed lines."""

from __future__ import annotations

import html
import re

from policykg.views.paragraphs import Break, escaped_with_breaks, line_breaks

# A PDF-like text: printed lines of about 20 characters, a blank line after each.
PDF_LIKE = (
    "一、工作回顾\n\n"
    "过去的一年是新绛发展史上极不平凡极具考验的\n\n"
    "一年，全县上下坚持以人民为中心，经济发展稳中\n\n"
    "有进。\n\n"
    "（一）科学研判果断决策，有效应对洪涝灾害面对\n\n"
    "秋汛我们坚持人民至上生命至上全县上下万众一心\n\n"
    "2.6万余名群众得到安置。\n"
)


def kinds(text: str) -> list[Break]:
    return [b.kind for b in line_breaks(text)]


def test_wrapped_lines_join_and_paragraphs_stay_apart() -> None:
    assert kinds(PDF_LIKE) == [
        Break.PARAGRAPH,  # after a heading (a short line)
        Break.WRAP,
        Break.WRAP,
        Break.PARAGRAPH,  # after 。
        Break.WRAP,
        Break.WRAP,  # a number that continues the sentence is no numbered heading
        Break.PARAGRAPH,  # the end of the text
    ]


def test_one_paragraph_per_line_keeps_every_break() -> None:
    text = (
        "第一段话说完了。\n第二段也说完了，比第一段长一些。\n\n第三段，没有句号但不是被折行的\n"
        "第四段。\n第五段很长很长很长很长很长很长很长很长很长很长很长很长。\n第六段\n"
    )
    assert kinds(text) == [Break.PARAGRAPH] * 6


def test_a_heading_after_a_full_line_starts_a_paragraph() -> None:
    full = "这一行印满了整整一行的字没有任何句末标点符号"
    text = f"{full}\n\n{full}\n\n（二）下一个标题\n\n{full}。\n"
    assert kinds(text)[:2] == [Break.WRAP, Break.PARAGRAPH]


def test_escaping_keeps_every_character_and_marks_each_run() -> None:
    text = "甲<乙>\n\n丙&丁\n戊"
    breaks = line_breaks(text)
    out = escaped_with_breaks(text, 0, len(text), breaks)
    assert "<乙>" not in out and out.count("<span") == len(breaks) == 2
    assert html.unescape(re.sub(r"</?span[^>]*>", "", out)) == text
    # a slice that cuts a run in two leaves it unmarked
    assert "<span" not in escaped_with_breaks(text, 0, 4, breaks)
