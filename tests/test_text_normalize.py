"""Normalisation: artefacts go, sentences are rejoined, and every character maps back to raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.paths import data_dir
from policykg.text.layout import is_artifact_line, should_join, wrap_width
from policykg.text.normalize import fold_char, normalize


def _assert_map_exact(raw: str, text: str, to_raw: object) -> None:
    positions = list(to_raw)  # type: ignore[call-overload]
    assert len(positions) == len(text)
    assert positions == sorted(set(positions)), "the map must be strictly increasing"
    for i, ch in enumerate(text):
        origin = raw[positions[i]]
        if ch == "\n":
            assert origin in "\n\r"
        else:
            assert fold_char(origin) == ch


@pytest.mark.parametrize("name", sorted(p.name for p in data_dir("seeds").glob("*.txt")))
def test_offset_map_is_exact_on_every_seed(seeds_dir: Path, name: str) -> None:
    raw = (seeds_dir / name).read_text(encoding="utf-8")
    norm = normalize(raw)
    _assert_map_exact(raw, norm.text, norm.to_raw)
    assert len(norm.text) > 0.85 * len(raw.replace("\n", ""))


# Characters that matter: CJK, ASCII, full-width letters/digits, quotes, line breaks, markdown,
# page-number dashes, question marks, spaces of all widths.
_ALPHABET = st.sampled_from(
    list("政府工作报告新绛县六稳项目公司，。：；“”（）")
    + list("abc019 -—?*#\n\r\t　")
    + ["Ａ", "９", "𠀀"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_offset_map_holds_for_any_input(raw: str) -> None:
    norm = normalize(raw)
    _assert_map_exact(raw, norm.text, norm.to_raw)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200), st.data())
def test_raw_span_slices_back_to_the_span(raw: str, data: st.DataObject) -> None:
    norm = normalize(raw)
    if not norm.text:
        return
    start = data.draw(st.integers(0, len(norm.text) - 1))
    end = data.draw(st.integers(start + 1, len(norm.text)))
    r_start, r_end = norm.raw_span(start, end)
    piece = raw[r_start:r_end]
    # the raw stretch holds the normalised characters in order (plus anything deleted between)
    it = iter(piece)
    assert all(
        any(fold_char(c) == ch or (ch == "\n" and c in "\n\r") for c in it)
        for ch in norm.text[start:end]
    )


def test_page_numbers_and_newspaper_headers_are_dropped(seeds_dir: Path) -> None:
    raw000 = (seeds_dir / "000_c00127774768d764.txt").read_text(encoding="utf-8")
    raw003 = (seeds_dir / "003_35ba40385b99d8cc.txt").read_text(encoding="utf-8")
    assert "- 5 -" in raw000 and "- 5 -" not in normalize(raw000).text
    text003 = normalize(raw003).text
    assert "责任编辑" in raw003 and "责任编辑" not in text003
    assert "sxjxsyb@126.com" not in text003
    assert "**" in raw003 and "**" not in text003


def test_sentence_broken_over_a_page_break_is_rejoined(seeds_dir: Path) -> None:
    raw = (seeds_dir / "000_c00127774768d764.txt").read_text(encoding="utf-8")
    text = normalize(raw).text
    # entry 37 of the glossary is split by "- 27 -" and blank lines in the raw file
    assert "“三管三必须”：管业务必须管安全、管行业必须管安全、管生产经营必须管安全。" in text
    assert "请予审议，并请各位政协委员和其他列席人员提出意见。" in text


def test_headings_are_not_glued_to_paragraphs(seeds_dir: Path) -> None:
    raw = (seeds_dir / "000_c00127774768d764.txt").read_text(encoding="utf-8")
    lines = normalize(raw).text.split("\n")
    assert "一、2021年工作回顾" in lines


def test_lost_space_runs_markdown_and_page_jump_notes_are_removed() -> None:
    raw = "## 政府工作报告\n(上接转 A4 版) 坚持“大招商、招大商”??的理念,紧盯**国内外**500强。"
    text = normalize(raw).text
    assert text == "政府工作报告\n坚持“大招商、招大商”的理念，紧盯国内外500强。"


def test_full_width_letters_and_digits_fold_one_to_one() -> None:
    raw = "ＧＤＰ增长８．８％，“６＋２”(县市)"
    text = normalize(raw).text
    assert text == "GDP增长8．8％，“6＋2”（县市）"  # full-width punctuation stays: not NFKC
    assert len(text) == len(raw)


def test_repeated_paragraphs_are_flagged(seeds_dir: Path) -> None:
    raw = (seeds_dir / "001_4db9355ef4d2499e.txt").read_text(encoding="utf-8")
    norm = normalize(raw)
    repeats = [p for p in norm.paragraphs if p.repeat_of is not None]
    assert repeats, "document 001 repeats several paragraphs verbatim"
    for para in repeats:
        first = norm.paragraphs[para.repeat_of]  # type: ignore[index]
        assert norm.text[para.start : para.end] == norm.text[first.start : first.end]


def test_layout_helpers() -> None:
    assert is_artifact_line("— 2 —") and is_artifact_line("第 3 页 共 20 页")
    assert not is_artifact_line("2 个项目")
    assert wrap_width([30] * 10 + [5, 200]) == 30
    assert should_join("我代表县人民政府，向大会报告工作，请予审议，并", "请各位代表提出意见。", 28)
    assert not should_join("一、2021年工作回顾", "过去的一年……", 28)
    assert not should_join("全县经济平稳增长。", "下一段。", 28)
