"""Judged candidates (policykg.gold.judged): loaded per dev fold, refused for sealed folds, checked
against their text; they become decision-model examples with the annotator's verdicts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from policykg.errors import PolicyKGError
from policykg.gold.evaluate import Counts
from policykg.gold.judged import load_judged, outside_ranges
from policykg.gold.judged_eval import JudgedFold, judged_table
from policykg.gold.train_decider import judged_examples
from policykg.nlp.statistical.decide import word_classes

DATA = Path(__file__).parent / "data"
HEADER = "doc\tfold\tstart\tend\tspan\tcontext\tverdict\n"
TEXT = "各位代表：\n支持华星光电、宏远药业等企业做大做强，建强科技创新载体。\n"
SPLITS = """
[corpus_folds.d1]
status = "dev"
provinces = ["甲省"]
docs = []

[corpus_folds.s1]
status = "sealed"
provinces = ["乙省"]
docs = []
"""


def _root(tmp_path: Path, rows: list[str], province: str = "甲省") -> Path:
    root = tmp_path / "data"
    texts = root / "judged" / "texts"
    texts.mkdir(parents=True)
    (root / "splits.toml").write_text(SPLITS, encoding="utf-8")
    (texts / "甲市.txt").write_text(TEXT, encoding="utf-8")
    manifest = f'[[document]]\nfile = "甲市.txt"\nplace = "甲市"\nprovince = "{province}"\n'
    (texts / "manifest.toml").write_text(manifest + "year = 2024\n", encoding="utf-8")
    table = root / "judged" / "enterprise-candidates.tsv"
    table.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return root


def _row(span: str, verdict: str, fold: str = "d1") -> str:
    start = TEXT.index(span)
    return f"甲市.txt\t{fold}\t{start}\t{start + len(span)}\t{span}\tctx\t{verdict}"


def test_judged_rows_load_with_their_fold_and_verdicts(tmp_path: Path) -> None:
    root = _root(tmp_path, [_row("华星光电", "Y"), _row("建强科技", "N")])
    (doc,) = load_judged(root)
    assert doc.fold == "d1" and doc.label == "Enterprise"
    start = TEXT.index("建强科技")
    assert doc.verdicts[(start, start + 4)] is False
    assert sum(doc.verdicts.values()) == 1


@pytest.mark.parametrize(
    ("rows", "province", "reason"),
    [
        ([_row("华星光电", "Y", fold="s1")], "甲省", "not dev folds"),
        ([_row("华星光电", "Y")], "乙省", "provinces"),
        ([_row("华星光电", "maybe")], "甲省", "verdict Y or N"),
        (["甲市.txt\td1\t11\t15\t宏远药业\tctx\tY"], "甲省", "is not"),
    ],
)
def test_bad_tables_are_refused_with_the_reason(
    tmp_path: Path, rows: list[str], province: str, reason: str
) -> None:
    root = _root(tmp_path, rows, province)
    with pytest.raises(PolicyKGError, match=reason):
        load_judged(root)


def test_a_judged_text_that_a_fold_holds_goes_with_that_fold(tmp_path: Path) -> None:
    root = _root(tmp_path, [_row("华星光电", "Y"), _row("宏远药业", "N")])
    splits = root / "splits.toml"
    held = '\n[corpus_folds.d1b]\nstatus = "dev"\nprovinces = ["甲省"]\ndocs = ["甲市"]\n'
    splits.write_text(splits.read_text("utf-8") + held, encoding="utf-8")
    (doc,) = load_judged(root)
    assert doc.fold == "d1b"
    sealed = held.replace('"dev"', '"sealed"')
    splits.write_text(SPLITS.replace('["乙省"]', '["甲省"]') + sealed.replace("d1b", "s1b"))
    with pytest.raises(PolicyKGError, match="not dev folds"):
        load_judged(root)


def test_verdicts_inside_annotated_ranges_give_way_to_the_gold(tmp_path: Path) -> None:
    (doc,) = load_judged(_root(tmp_path, [_row("华星光电", "Y"), _row("宏远药业", "N")]))
    cut = TEXT.index("宏远药业")
    kept = outside_ranges(doc, lambda start: start >= cut)
    assert list(kept.verdicts) == [(TEXT.index("华星光电"), TEXT.index("华星光电") + 4)]
    assert (kept.fold, kept.label, kept.source) == (doc.fold, doc.label, doc.source)


def test_no_table_means_no_judged_documents(tmp_path: Path) -> None:
    assert load_judged(tmp_path) == []


def test_judged_candidates_become_examples_with_the_verdict(tmp_path: Path, nlp: Any) -> None:
    root = _root(tmp_path, [_row("华星光电", "Y"), _row("宏远药业", "N")])
    (doc,) = load_judged(root)
    examples = judged_examples("d1", doc, nlp)
    assert sorted(e.positive for e in examples) == [False, True]  # both proposed, as judged
    assert all(e.fold == "d1" and e.label == "Enterprise" for e in examples)
    assert all(f.startswith("Enterprise|") for e in examples for f in e.feats)


def test_the_shipped_table_is_complete_and_only_on_dev_folds() -> None:
    docs = load_judged(DATA)
    assert docs, "tests/data/judged holds the judged Enterprise candidates"
    assert {d.fold for d in docs} == {"c1b", "c2b"}  # the folds that hold the judged texts
    assert all(d.source.meta.province for d in docs)


def test_word_classes_name_the_words_around_a_candidate() -> None:
    text = "建强科技创新载体，华星光电、南江年产"
    assert "rkind=han" in word_classes(text, 0, 4)
    assert "rkind=punct" in word_classes(text, 9, 13)
    assert "state=True" in word_classes("国家电网", 0, 4)
    assert "place=all" in word_classes(text, 14, 16)
    assert "place=none" in word_classes(text, 9, 13)


def test_eval_judged_reports_precision_per_fold_through_the_cli() -> None:
    exe = Path(sys.executable).with_name("policykg")
    done = subprocess.run(
        [str(exe), "eval", "--judged"], capture_output=True, text=True, check=True
    )
    rows = [r.split("|")[1:-1] for r in done.stdout.splitlines()[2:]]
    assert [r[0].strip() for r in rows] == ["c1b", "c2b", "all judged"]
    for row in rows:
        kept, right = int(row[2]), int(row[3])
        assert 0 < right <= kept
        assert row[4].strip().startswith(f"{right / kept:.3f}")


def test_judged_table_counts_and_intervals() -> None:
    fold = JudgedFold("d1", (Counts(4, 3, 2, 2), Counts(2, 1, 1, 1)), unjudged=1)
    table = judged_table([fold])
    assert "| d1 | 2 | 6 | 3 | 0.500 (" in table
    assert table.rstrip().endswith("| 3/4 | 1 |")
