"""The shipped decision models (policykg.gold.decider_models): a fold is scored by a model that
saw no fold of its provinces, and every training fold has that model."""

from __future__ import annotations

from policykg.gold.decider_models import model_path, training_folds
from policykg.gold.files import default_gold_root
from policykg.gold.folds import kin_folds, read_corpus_folds
from policykg.nlp.statistical.decide import DECIDER_PATH

ROOT = default_gold_root()
FOLDS = read_corpus_folds(ROOT / "splits.toml")
PROVINCES = {f.name: f.provinces for f in FOLDS}


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


def test_every_training_fold_has_its_model_without_it() -> None:
    for name in training_folds(ROOT):
        assert model_path(DECIDER_PATH.parent, name).is_file(), name
