"""Agreement between two annotation passes: span F1 per type on shared paragraphs, and the list
of spans only one pass marked."""

from __future__ import annotations

from pathlib import Path

from policykg.gold.agreement import differences, measure

RAW = "支持比亚迪在深圳建设新能源汽车项目。\n推动华为落户东莞。\n"


def _root(tmp_path: Path, first: str, second: str) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "x.txt").write_text(RAW, "utf-8")
    (tmp_path / "sample.toml").write_text(
        'seed = 1\n\n[[doc]]\nstem = "x"\nfile = "x.txt"\nsource = "cities-2024"\n'
        'province = "广东省"\nplace = "深圳市"\nstratum = "city/广东省"\nstep = 1\noffset = 0\n'
        "chars = 27\nparagraphs = [[0, 0, 18], [1, 19, 28]]\n",
        "utf-8",
    )
    (tmp_path / "annotation" / "pass2").mkdir(parents=True)
    (tmp_path / "annotation" / "x.ann").write_text(first, "utf-8")
    (tmp_path / "annotation" / "pass2" / "x.ann").write_text(second, "utf-8")
    return tmp_path


def test_span_f1_between_passes_counts_only_shared_paragraphs(tmp_path: Path) -> None:
    first = "[p0]\nE 比亚迪\nL 深圳\n[p1]\nE 华为\nL 东莞\n"
    second = "[p0]\nE 比亚迪\nP 新能源汽车项目\n"  # p1 not covered by the second pass
    agreement = measure(_root(tmp_path, first, second))
    assert agreement.docs == ("x",) and agreement.chars == 18
    assert agreement.f1("Enterprise") == 1.0
    assert agreement.f1("Place") == 0.0 and agreement.first["Place"] == 1
    assert agreement.f1("Project") == 0.0 and agreement.second["Project"] == 1
    assert differences(tmp_path) == [
        "x p0 pass1-only Place 深圳",
        "x p0 pass2-only Project 新能源汽车项目",
    ]
