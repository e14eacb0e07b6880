"""Gold data: every span matches its raw text with a known label; folds never share documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.gold.files import (
    GOLD_LABELS,
    GoldError,
    default_gold_root,
    fold_stems,
    load_gold_docs,
    other_fold,
    read_glossary,
    read_spans,
    read_splits,
)
from policykg.paths import data_dir

GOLD = default_gold_root() / "gold"
SPLITS = default_gold_root() / "splits.toml"
SPAN_FILES = sorted(p for p in GOLD.glob("*.jsonl") if not p.name.endswith(".glossary.jsonl"))


@pytest.mark.parametrize("path", SPAN_FILES, ids=lambda p: p.name)
def test_gold_spans_match_raw_text_and_labels(path: Path) -> None:
    seed = data_dir("seeds") / f"{path.stem}.txt"
    assert seed.is_file(), f"gold file without a seed: {path.name}"
    raw = seed.read_text("utf-8")
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        assert raw[row["start"] : row["end"]] == row["text"], row
        assert row["label"] in GOLD_LABELS, row
    assert len(read_spans(path, raw)) == len({(r["start"], r["end"], r["label"]) for r in rows})


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.glossary.jsonl")), ids=lambda p: p.name)
def test_gold_glossary_entries_are_complete(path: Path) -> None:
    entries = read_glossary(path)
    assert entries
    assert all(e.term and e.definition for e in entries)
    assert len({e.term for e in entries}) == len(entries)


def test_folds_never_share_a_document() -> None:
    folds = read_splits(SPLITS)
    assert set(folds) == {"xinjiang", "jiangxian"}
    for fold in folds:
        trained_on = set(fold_stems(folds, other_fold(folds, fold)))
        assert trained_on.isdisjoint(fold_stems(folds, fold))
        assert trained_on
    assert len(fold_stems(folds, "all")) == len(set(fold_stems(folds, "all")))


def test_every_gold_file_is_in_a_fold() -> None:
    stems = set(fold_stems(read_splits(SPLITS), "all"))
    assert {p.stem for p in SPAN_FILES} <= stems


def test_split_with_a_document_in_two_folds_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "splits.toml"
    path.write_text('[folds.a]\ndocs = ["x", "y"]\n[folds.b]\ndocs = ["y"]\n', "utf-8")
    with pytest.raises(GoldError, match="y is in folds a and b"):
        read_splits(path)


def _tiny_gold(root: Path, row: dict[str, object]) -> None:
    (root / "seeds").mkdir()
    (root / "gold").mkdir()
    (root / "seeds" / "900_t.txt").write_text("依托恒通化工建设项目。\n", "utf-8")
    (root / "gold" / "900_t.jsonl").write_text(json.dumps(row, ensure_ascii=False), "utf-8")


def test_span_text_mismatch_names_file_and_span(tmp_path: Path) -> None:
    _tiny_gold(tmp_path, {"start": 1, "end": 6, "label": "Enterprise", "text": "恒通化工"})
    with pytest.raises(GoldError, match=r"900_t\.jsonl: span 1: text '恒通化工' but raw has"):
        load_gold_docs(("900_t",), root=tmp_path, seeds=tmp_path / "seeds")


def test_unknown_label_is_refused(tmp_path: Path) -> None:
    _tiny_gold(tmp_path, {"start": 2, "end": 6, "label": "Company", "text": "恒通化工"})
    with pytest.raises(GoldError, match="unknown label 'Company'"):
        load_gold_docs(("900_t",), root=tmp_path, seeds=tmp_path / "seeds")


def test_valid_tiny_gold_loads(tmp_path: Path) -> None:
    _tiny_gold(tmp_path, {"start": 2, "end": 6, "label": "Enterprise", "text": "恒通化工"})
    (doc,) = load_gold_docs(("900_t", "901_absent"), root=tmp_path, seeds=tmp_path / "seeds")
    assert doc.source.name == "900_t.txt"
    assert [(s.start, s.end, s.label) for s in doc.spans] == [(2, 6, "Enterprise")]


def test_partial_document_coverage(tmp_path: Path) -> None:
    _tiny_gold(tmp_path, {"start": 2, "end": 6, "label": "Enterprise", "text": "恒通化工"})
    (tmp_path / "splits.toml").write_text(
        '[folds.a]\ndocs = ["900_t"]\n[folds.b]\ndocs = []\n[coverage]\n"900_t" = [[0, 7]]\n',
        "utf-8",
    )
    (doc,) = load_gold_docs(("900_t",), root=tmp_path, seeds=tmp_path / "seeds")
    assert doc.coverage == ((0, 7),)
    assert doc.covers(2, 6) and not doc.covers(5, 9)
    assert doc.starts_inside(6) and not doc.starts_inside(7)
