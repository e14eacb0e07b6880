"""``train_all_taggers`` on a tiny annotated corpus: one model per dev fold and its kin (kin folds
share one file, trained once), a drawn-only report's rows in training, a stray row refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.gold.drawn_sentences import DrawnRowError
from policykg.gold.train_name_tagger import tagger_for, train_all_taggers
from policykg.nlp.statistical import name_tagger
from policykg.nlp.statistical.name_tagger import PROJECTS

PROJECT = "新能源项目"
FIRMS = ("华为", "比亚迪", "宁德时代", "海尔", "格力", "美的", "京东方", "长城汽车")


def _report(i: int) -> str:
    a, b = FIRMS[i % len(FIRMS)], FIRMS[(i + 3) % len(FIRMS)]
    return f"支持{a}建设新能源项目。推动{b}等企业扩大产能。天气晴朗。"


def _corpus(root: Path, drawn_only: bool) -> None:
    """Three dev folds (a and b share a province, so they are kin), a sealed one, and one
    drawn-only report of fold c."""
    (root / "corpus").mkdir(parents=True)
    gold = root / "gold" / "corpus"
    gold.mkdir(parents=True)
    folds = {
        "a": ("甲省", ["a1"]),
        "b": ("甲省", ["b1"]),
        "c": ("乙省", ["c1"]),
        "s": ("丙省", ["s1"]),
    }
    for n, (_, stems) in enumerate(folds.values()):
        text = _report(n)
        for stem in stems:
            (root / "corpus" / f"{stem}.txt").write_text(text, encoding="utf-8")
            firm = FIRMS[n % len(FIRMS)]
            start = text.index(firm)
            row = {"start": start, "end": start + len(firm), "label": "Enterprise", "text": firm}
            at = text.index(PROJECT)
            project = {"start": at, "end": at + len(PROJECT), "label": "Project", "text": PROJECT}
            lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in (row, project)]
            (gold / f"{stem}.jsonl").write_text("".join(lines), "utf-8")
            first = [[0, text.index("。") + 1]]  # the first sentence is annotated
            (gold / f"{stem}.coverage.json").write_text(json.dumps(first), "utf-8")
    (root / "corpus" / "c9.txt").write_text(_report(5), encoding="utf-8")
    toml = []
    for name, (province, stems) in folds.items():
        status = "sealed" if name == "s" else "dev"
        toml += [f"[corpus_folds.{name}]", f'status = "{status}"', f'provinces = ["{province}"]']
        toml.append("docs = [" + ", ".join(f'"{s}"' for s in stems) + "]")
        if name == "c" and drawn_only:
            toml.append('drawn_only = ["c9"]')
    (root / "splits.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    firms = root / "firms"
    firms.mkdir()
    firm = FIRMS[(5 + 3) % len(FIRMS)]
    sentence = f"推动{firm}等企业扩大产能。"  # _report(5)'s second sentence
    start = _report(5).index(sentence)
    line = f"c9.txt\t{start}\t{start + len(sentence)}\t{sentence}\t{firm}\n"
    (firms / "h1.tsv").write_text(line, encoding="utf-8")
    projects = root / "projects"
    projects.mkdir()
    sentence = _report(5).split("。")[0] + "。"
    line = f"c9.txt\t0\t{len(sentence)}\t{sentence}\t{PROJECT}\n"
    (projects / "p1.tsv").write_text(line, encoding="utf-8")


def test_every_dev_fold_gets_a_model_and_kin_folds_share_one(tmp_path: Path) -> None:
    _corpus(tmp_path, drawn_only=True)
    out = tmp_path / "models"
    written = train_all_taggers(tmp_path, out)
    reports = {r.path.name: r for r in written}
    assert len(reports) == len(written)  # each file written once
    assert set(reports) == {
        "firm-tagger.crfsuite",
        "firm-tagger-without-a+b.crfsuite",  # a and b leave the same folds out: one file
        "firm-tagger-without-c.crfsuite",
    }  # no model without the sealed fold: it never trained one
    assert {p.name for p in out.iterdir()} == set(reports)
    assert len({p.read_bytes() for p in out.iterdir()}) == len(reports)  # no two alike
    shipped = reports["firm-tagger.crfsuite"]
    assert shipped.names == 4  # a1, b1, c1 (the sealed s1 never trains) and c9's drawn row
    assert reports["firm-tagger-without-c.crfsuite"].names == 2  # c1 and c9 leave with c
    assert reports["firm-tagger-without-a+b.crfsuite"].names == 2  # c1 and c9 only


def test_each_dev_fold_is_tagged_by_its_kin_sets_model(tmp_path: Path) -> None:
    _corpus(tmp_path, drawn_only=True)
    out = tmp_path / "models"
    train_all_taggers(tmp_path, out)
    train_all_taggers(tmp_path, out, PROJECTS)
    for fold, without in (("a", "a+b"), ("b", "a+b"), ("c", "c"), ("s", None)):
        taggers = tagger_for(fold, tmp_path, out)
        assert taggers.firm is not None and taggers.project is not None, fold
        assert taggers.firm.path == name_tagger.FIRMS.path(out, without), fold
        assert taggers.project.path == PROJECTS.path(out, without), fold


def test_the_project_tagger_learns_the_project_gold_and_the_drawn_project_sentences(
    tmp_path: Path,
) -> None:
    _corpus(tmp_path, drawn_only=True)
    out = tmp_path / "models"
    reports = {r.path.name: r for r in train_all_taggers(tmp_path, out, PROJECTS)}
    assert set(reports) == {
        "project-tagger.crfsuite",
        "project-tagger-without-a+b.crfsuite",
        "project-tagger-without-c.crfsuite",
    }
    assert reports["project-tagger.crfsuite"].names == 4  # a1, b1, c1 and c9's drawn project
    assert reports["project-tagger-without-a+b.crfsuite"].names == 2
    assert not list(out.glob("firm-tagger*"))


def test_rows_of_a_report_no_dev_fold_holds_are_refused(tmp_path: Path) -> None:
    _corpus(tmp_path, drawn_only=False)  # c9 is in no fold: its row is a stray
    with pytest.raises(DrawnRowError, match=r"c9\.txt"):
        train_all_taggers(tmp_path, tmp_path / "models")
