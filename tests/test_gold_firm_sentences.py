"""The drawn firm sentences: drawing outside the annotated ranges, reading, labels, and the
shipped rows checked against the corpus they came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.gold.files import default_gold_root
from policykg.gold.firm_sentences import (
    FirmRowError,
    FirmSentence,
    candidate_sentences,
    draw_sentences,
    firm_sequences,
    name_labels,
    read_firm_sentences,
)
from policykg.gold.folds import read_corpus_folds
from policykg.gold.load import CorpusGoldDoc, load_corpus_gold
from policykg.gold.train_firm_tagger import firm_rows, fold_sequences, stray_reports
from policykg.ir import DocMeta, SourceDoc
from policykg.nlp.statistical.firm_tagger import bio_spans

RAW = "华为云数据中心落户。天气晴朗。比亚迪、大众等企业入驻。华鲁恒升项目开工。"
FIRST, THIRD, LAST = (0, 10), (15, 27), (27, 36)  # 天气晴朗。 is 10–15


def _doc(raw: str = RAW, coverage: tuple[tuple[int, int], ...] = ((10, 15),)) -> CorpusGoldDoc:
    source = SourceDoc("r.txt", "r.txt", raw, "utf-8", "0" * 64, DocMeta("r"))
    return CorpusGoldDoc(source, frozenset(), frozenset(), coverage, ())


def test_candidates_are_outside_the_ranges_and_about_firms() -> None:
    found = [(s.raw_start, s.raw_end) for s in candidate_sentences(_doc())]
    assert found == [FIRST, THIRD, LAST]  # 天气晴朗 (annotated, and no cue word) is not
    inside = _doc(coverage=((5, 20),))  # touches the first and the third sentence
    assert [(s.raw_start, s.raw_end) for s in candidate_sentences(inside)] == [LAST]


def test_a_draw_is_a_share_of_each_report_in_order_and_repeatable() -> None:
    once = draw_sentences([_doc()], 0.67, seed=5)
    assert len(once) == 2 and once == draw_sentences([_doc()], 0.67, seed=5)
    assert [s.raw_start for s in once] == sorted(s.raw_start for s in once)


def test_a_row_round_trips_and_labels_every_occurrence_longest_first(tmp_path: Path) -> None:
    row = FirmSentence("r.txt", 0, 10, "华为云数据中心落户华为。", ("华为", "华为云"))
    path = tmp_path / "rows.tsv"
    path.write_text("# a note\n" + row.row() + "\n", encoding="utf-8")
    read = read_firm_sentences(path)
    assert read == [row]
    (_, labels), *_ = firm_sequences(
        [FirmSentence("r.txt", 0, 10, RAW[0:10], ("华为", "华为云"))], _doc()
    )
    assert labels[:4] == ["B", "I", "I", "O"]  # 华为云 whole: 华为 inside it is not a second name


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("r.txt\t0\t10\t华为云数据中心落户。", "4 tab-separated cells"),
        ("r.txt\tx\t10\t华为云数据中心落户。\t华为", "not numbers"),
        ("r.txt\t0\t10\t华为云数据中心落户。\t京东", "'京东' is not in its sentence"),
    ],
)
def test_a_bad_row_names_its_file_line_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# note\n" + line + "\n", encoding="utf-8")
    with pytest.raises(FirmRowError, match=rf"bad\.tsv:2: .*{reason}"):
        read_firm_sentences(path)


def test_a_sentence_that_is_not_the_reports_text_is_refused() -> None:
    moved = FirmSentence("r.txt", 1, 10, RAW[0:10], ("华为云",))
    with pytest.raises(FirmRowError, match="not the report's text"):
        list(firm_sequences([moved], _doc()))


def test_rows_of_a_report_no_dev_fold_holds_are_named() -> None:
    rows = {"r.txt": [], "sealed.txt": []}
    assert stray_reports(rows, [_doc()]) == ["sealed.txt"]


Shipped = tuple[dict[str, list[FirmSentence]], list[CorpusGoldDoc]]


@pytest.fixture(scope="module")
def shipped() -> Shipped:
    root = default_gold_root()
    folds = read_corpus_folds(root / "splits.toml")
    dev = [d for f in folds if f.status == "dev" for d in load_corpus_gold(root, list(f.docs))]
    return firm_rows(root), dev


def test_the_shipped_rows_are_every_firm_sentence_outside_the_dev_ranges(shipped: Shipped) -> None:
    rows, dev = shipped
    assert stray_reports(rows, dev) == []
    drawn = {(r.stem, r.raw_start, r.raw_end) for rs in rows.values() for r in rs}
    every = {(s.stem, s.raw_start, s.raw_end) for d in dev for s in candidate_sentences(d)}
    assert drawn == every and len(drawn) == sum(len(r) for r in rows.values())  # no row twice
    held = [d for d in dev if d.source.name in rows]
    sequences = fold_sequences(held, rows)  # raises if a sentence is not its report's text
    names = sum(labels.count("B") for _, labels in sequences[-len(drawn) :])
    assert names > 1500


def _marked(rows: list[FirmSentence]) -> set[tuple[str, int, int, int]]:
    """Every marked name occurrence: its report, its sentence's raw start, its extent there."""
    return {
        (r.stem, r.raw_start, s, e)
        for r in rows
        for s, e in bio_spans(name_labels(r.text, r.names))
    }


@pytest.mark.parametrize("chunk", ["a2", "a6", "b3"])
def test_a_second_pass_reads_the_same_sentences_and_agrees(chunk: str) -> None:
    folder = default_gold_root() / "firms"
    first = read_firm_sentences(folder / f"{chunk}.tsv")
    second = read_firm_sentences(folder / "pass2" / f"{chunk}.tsv")
    shared = read_firm_sentences(folder / "a-shared.tsv") if chunk.startswith("a") else []
    both = first + shared
    assert {(r.stem, r.raw_start) for r in second} == {(r.stem, r.raw_start) for r in both}
    a, b = _marked(both), _marked(second)
    assert 2 * len(a & b) / (len(a) + len(b)) >= 0.95  # README: 0.963, 1.000, 0.975


def test_firm_candidates_in_drawn_sentences_train_the_decision_model() -> None:
    from policykg.gold.train_decider import FoldDocs, examples
    from policykg.nlp.pipeline import build_nlp

    raw = "山西恒强化工有限公司新建项目开工。天气晴朗。比亚迪智造项目落户。"
    doc = _doc(raw, coverage=((17, 22),))  # 天气晴朗。 is annotated (no firm)
    first = next(s for s in candidate_sentences(doc) if s.raw_start == 0)
    last = next(s for s in candidate_sentences(doc) if s.raw_start == 22)
    marked = [
        FirmSentence("r.txt", 0, first.raw_end, first.text, ("山西恒强化工有限公司",)),
        FirmSentence("r.txt", 22, last.raw_end, last.text, ("比亚迪",)),
    ]
    fold = FoldDocs("f", [doc], ("Enterprise",), firms={"r.txt": marked})
    out, missed = examples(fold, build_nlp())
    firms = [e for e in out if e.label.startswith("Enterprise")]
    assert any(e.positive for e in firms)  # the legal name the rules propose, marked
    unmarked = FoldDocs("f", [doc], ("Enterprise",))
    assert len(
        [e for e in examples(unmarked, build_nlp())[0] if e.label.startswith("Enterprise")]
    ) < len(firms)
    proposed = sum(e.positive for e in firms if e.label == "Enterprise")
    assert missed["Enterprise"] == 2 - proposed  # a marked name no rule proposes is a miss
