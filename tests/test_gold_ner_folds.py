"""The NER trained on every training fold (issue 13, deliverable 3): which documents it learns
from, that a sealed fold never trains nor is scored, pretrained tok2vec weights load, and the
CLI options that drive it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.errors import PolicyKGError
from policykg.gold.files import GoldDoc, default_gold_root, read_splits
from policykg.gold.folds import read_corpus_folds
from policykg.gold.ner_folds import corpus_fold_docs, score_ner_alone, training_docs
from policykg.gold.train_ner import TrainSettings, blank_ner, load_tok2vec, train_ner

ROOT = default_gold_root()


def _names(docs: list[GoldDoc]) -> set[str]:
    return {d.source.name.removesuffix(".txt") for d in docs}


def test_training_docs_are_the_dev_folds_and_the_seeds_less_the_held_out_one() -> None:
    folds = read_corpus_folds(ROOT / "splits.toml")
    sealed = {stem for f in folds if f.status == "sealed" for stem in f.docs}
    c1 = {stem for f in folds if f.name in ("c1", "c1b") for stem in f.docs}  # c1 and its kin
    seeds = {stem for stems in read_splits(ROOT / "splits.toml").values() for stem in stems}
    every = _names(training_docs(ROOT))
    without_c1 = _names(training_docs(ROOT, without="c1"))
    assert not every & sealed
    assert seeds <= every and seeds <= without_c1
    assert every & c1 and not without_c1 & c1  # c1b shares c1's provinces: left out too
    assert without_c1 < every


def test_corpus_documents_keep_their_spans_and_annotated_ranges() -> None:
    docs = corpus_fold_docs(ROOT, "c1")
    assert sum(s.label == "Enterprise" for d in docs for s in d.spans) == 80
    for doc in docs:
        assert doc.coverage
        for span in doc.spans:
            assert doc.source.raw[span.start : span.end] == span.text
            assert doc.starts_inside(span.start)


@pytest.mark.parametrize("fold", ["c4", "c5", "c6", "nowhere"])
def test_a_sealed_or_unknown_fold_neither_trains_nor_is_scored(fold: str, tmp_path: Path) -> None:
    with pytest.raises(PolicyKGError):
        training_docs(ROOT, without=fold)
    with pytest.raises(PolicyKGError):
        corpus_fold_docs(ROOT, fold)
    with pytest.raises(PolicyKGError):
        score_ner_alone(tmp_path, ROOT, fold)


def test_pretrained_tok2vec_weights_are_what_the_ner_starts_from(tmp_path: Path) -> None:
    source = blank_ner(("Enterprise",))
    source.initialize()
    inner = source.get_pipe("ner").model.get_ref("tok2vec").layers[0]  # type: ignore[attr-defined]
    weights = tmp_path / "model0.bin"
    weights.write_bytes(inner.to_bytes())
    target = blank_ner(("Enterprise",))
    target.initialize()
    load_tok2vec(target, weights)
    loaded = target.get_pipe("ner").model.get_ref("tok2vec").layers[0]  # type: ignore[attr-defined]
    assert loaded.to_bytes() == weights.read_bytes()


def test_training_from_pretrained_weights_runs(tmp_path: Path) -> None:
    source = blank_ner(("Enterprise",))
    source.initialize()
    weights = tmp_path / "model0.bin"
    weights.write_bytes(source.get_pipe("ner").model.get_ref("tok2vec").layers[0].to_bytes())  # type: ignore[attr-defined]
    docs = corpus_fold_docs(ROOT, "c1")[:1]
    settings = TrainSettings(epochs=1, init_tok2vec=weights)
    report = train_ner(docs, tmp_path / "m", settings)
    assert report.sentences > 0 and (tmp_path / "m" / "ner").is_dir()


def test_cli_training_fold_options(runner: CliRunner, tmp_path: Path) -> None:
    no_out = runner.invoke(app, ["train", "--fold", "training", "--without", "c1"])
    assert no_out.exit_code != 0 and "--out" in no_out.output
    stray = runner.invoke(app, ["train", "--fold", "all", "--without", "c1", "-o", str(tmp_path)])
    assert stray.exit_code != 0 and "--without" in stray.output
    sealed = runner.invoke(
        app, ["train", "--fold", "training", "--without", "c4", "-o", str(tmp_path / "m")]
    )
    assert sealed.exit_code != 0 and "sealed" in sealed.output
    seeds = runner.invoke(app, ["eval", "--fold", "all", "--ner-model", str(tmp_path)])
    assert seeds.exit_code != 0 and "dev fold" in seeds.output
