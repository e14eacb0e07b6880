"""The shipped decision models (policykg.gold.decider_models): a fold is scored by a model that
saw no fold of its provinces, every training fold has that model, and kin folds share one file
named by the folds it was trained without."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from policykg.gold import decider_models
from policykg.gold.decider_models import decider_for, held_out_path, model_path, training_folds
from policykg.gold.files import default_gold_root
from policykg.gold.folds import CorpusFold, held_out_name, kin_folds, read_corpus_folds
from policykg.nlp.statistical.decide import DECIDER_PATH, Decider, read_decider

ROOT = default_gold_root()
FOLDS = read_corpus_folds(ROOT / "splits.toml")
PROVINCES = {f.name: f.provinces for f in FOLDS}
MODELS = DECIDER_PATH.parent


def test_a_fold_and_its_later_draws_are_kin() -> None:
    assert kin_folds("c1", FOLDS) == {"c1", "c1b"}
    assert kin_folds("c2b", FOLDS) == {"c2", "c2b"}
    assert kin_folds("c3", FOLDS) == {"c3", "c3b"}
    assert kin_folds("hebei", FOLDS) == {"hebei", "c6"}
    assert kin_folds("xinjiang", FOLDS) == {"xinjiang"}  # seeds folds name no province


def test_no_two_kin_folds_are_on_both_sides_of_a_score() -> None:
    for name in PROVINCES:
        kin = kin_folds(name, FOLDS)
        for other in set(PROVINCES) - kin:
            assert not set(PROVINCES[name]) & set(PROVINCES[other]), (name, other)


def test_kin_folds_share_one_held_out_name() -> None:
    assert held_out_name("c1", FOLDS) == held_out_name("c1b", FOLDS) == "c1+c1b"
    assert held_out_name("c2b", FOLDS) == "c2+c2b"
    assert held_out_name("c3", FOLDS) == "c3+c3b"
    assert held_out_name("hebei", FOLDS) == "hebei"  # its kin c6 is sealed: it never trains
    assert held_out_name("xinjiang", FOLDS) == "xinjiang"
    assert model_path(MODELS, "c1+c1b").name == "decider-without-c1+c1b.json"


def test_a_sealed_kin_fold_joins_the_name_once_it_is_dev() -> None:
    folds = [
        CorpusFold("b", "dev", ("乙省",), ()),
        CorpusFold("a", "dev", ("甲省",), ()),
        CorpusFold("a2", "sealed", ("甲省",), ()),
    ]
    assert held_out_name("a", folds) == "a"
    assert held_out_name("a2", folds) == "a+a2"  # a sealed fold's own name is kept
    unsealed = [*folds[:2], CorpusFold("a2", "dev", ("甲省",), ())]
    assert held_out_name("a", unsealed) == held_out_name("a2", unsealed) == "a+a2"
    assert held_out_name("b", unsealed) == "b"


def test_every_training_fold_has_its_model_without_it_and_its_kin() -> None:
    for name in training_folds(ROOT):
        path = held_out_path(name, FOLDS, MODELS)
        assert path.is_file(), name
        assert name in path.stem.removeprefix("decider-without-").split("+"), path
        decider = decider_for(name, ROOT)
        assert decider is not None and decider == read_decider(path), name
    assert decider_for("c4", ROOT) == read_decider(model_path(MODELS, None))  # sealed: shipped


def test_one_held_out_file_per_kin_set_and_no_two_alike() -> None:
    expected = {held_out_path(name, FOLDS, MODELS) for name in training_folds(ROOT)}
    shipped = set(MODELS.glob("decider-without-*.json"))
    assert shipped == expected  # no file left for a single fold of a kin set
    digests = [hashlib.md5(p.read_bytes()).hexdigest() for p in sorted(shipped)]
    assert len(set(digests)) == len(digests)


def test_train_all_trains_and_writes_one_model_per_kin_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real folds and their data; the pipeline's examples and the fit stubbed: each model
    records the folds it trained on."""
    trained: list[frozenset[str]] = []

    def fit(per_fold: dict[str, object], version: str) -> Decider:
        trained.append(frozenset(per_fold))
        return Decider({",".join(sorted(per_fold)): 1.0}, {}, version)

    monkeypatch.setattr(decider_models, "build_nlp", lambda: None)
    monkeypatch.setattr(
        decider_models, "fold_examples", lambda folds, nlp: {f.name: f for f in folds}
    )
    monkeypatch.setattr(decider_models, "train_decider", fit)
    written = decider_models.train_all(ROOT, tmp_path)
    names = training_folds(ROOT)
    held = {held_out_path(name, FOLDS, tmp_path) for name in names}
    assert len(written) == len(set(written)) == len(trained) == 1 + len(held) < 1 + len(names)
    assert set(tmp_path.iterdir()) == set(written) == {model_path(tmp_path, None), *held}
    assert read_decider(model_path(tmp_path, None)).weights == {",".join(sorted(names)): 1.0}
    for name in names:
        rest = sorted(set(names) - kin_folds(name, FOLDS))
        model = read_decider(held_out_path(name, FOLDS, tmp_path))
        assert model.weights == {",".join(rest): 1.0}, name
