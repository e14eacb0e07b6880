"""Annotation files compile to exact gold: every occurrence, picks, nesting, relations, faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.gold.annfile import AnnotationError, compile_ann

RAW = (
    "各位代表：\n"
    "支持比亚迪建设比亚迪年产20万辆新能源汽车项目，比亚迪带动深圳市发展。\n"
    "深圳市发展改革委负责深圳湾大桥项目。深圳、东莞两市合作。\n"
)
PARAS = {1: (6, 41), 2: (42, 71)}


def _compile(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "x.ann"
    path.write_text(text, "utf-8")
    return compile_ann(path, RAW, PARAS)


def test_a_mark_covers_every_occurrence_and_picks_choose(tmp_path: Path) -> None:
    out = _compile(tmp_path, "[p1]\nE 比亚迪\n[p2]\nL 深圳 @3\n")
    firms = [(s.start, s.end) for s in out.spans if s.label == "Enterprise"]
    assert [RAW[a:b] for a, b in firms] == ["比亚迪"] * 3
    (place,) = [s for s in out.spans if s.label == "Place"]
    assert RAW[place.start : place.end] == "深圳" and RAW[place.end] == "、"
    assert out.covered == (1, 2)


def test_places_inside_longer_marks_are_dropped(tmp_path: Path) -> None:
    ann = "[p2]\nG 深圳市发展改革委\nL 深圳湾\nL 深圳\nL 东莞\nP 深圳湾大桥项目\n"
    out = _compile(tmp_path, ann)
    places = sorted(RAW[s.start : s.end] for s in out.spans if s.label == "Place")
    assert places == [
        "东莞",
        "深圳",
    ]  # 深圳 only where it stands alone; 深圳湾 only outside the project


def test_relation_evidence_is_the_sentence_holding_both(tmp_path: Path) -> None:
    ann = "[p1]\nE 比亚迪\nP 比亚迪年产20万辆新能源汽车项目\nR undertakes 比亚迪 > 比亚迪年产20万辆新能源汽车项目\n"
    (rel,) = _compile(tmp_path, ann).relations
    assert (
        RAW[rel.evidence[0] : rel.evidence[1]]
        == "支持比亚迪建设比亚迪年产20万辆新能源汽车项目，比亚迪带动深圳市发展。"
    )
    assert (
        rel.subject.start == rel.object.start
    )  # the nearest firm mention: the one heading the name


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[p1]\nE 华为\n", r"x\.ann:2: '华为' is not in paragraph p1"),
        ("[p3]\n", "p3 is not a drawn paragraph"),
        ("E 比亚迪\n", "before the first"),
        ("[p1]\nQ 比亚迪\n", "unknown type letter 'Q'"),
        ("[p1]\nE 比亚迪 @4\n", "occurs 3 times"),
        ("[p1]\n[p1]\n", "p1 appears twice"),
        ("[p1]\nE 比亚迪\nR leads 比亚迪 > 比亚迪\n", "not marked with the type leads needs"),
        ("[p1]\nE 比亚迪\nR owns 比亚迪 > 比亚迪\n", "unknown relation 'owns'"),
    ],
)
def test_faults_name_the_file_line_and_reason(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(AnnotationError, match=reason):
        _compile(tmp_path, text)
