"""The statistical NER hook: absent model adds nothing; a saved model is sourced in place."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from policykg.errors import PolicyKGError
from policykg.nlp.ner import add_trained_ner, has_model, model_dir, ner_labels


def test_missing_model_adds_nothing(tmp_path: Path) -> None:
    nlp = spacy.blank("zh")
    assert add_trained_ner(nlp, tmp_path / "nothing-here") is False
    assert nlp.pipe_names == []


def test_unknown_fold_is_refused() -> None:
    with pytest.raises(PolicyKGError, match="unknown fold"):
        model_dir("shanghai")


def _save_tiny_ner(path: Path) -> None:
    source = spacy.blank("zh")
    ner = source.add_pipe("ner")
    ner.add_label("Enterprise")
    source.initialize()
    source.to_disk(path)


def test_saved_model_is_added_and_replaces_existing_ner(tmp_path: Path) -> None:
    _save_tiny_ner(tmp_path / "m")
    assert has_model(tmp_path / "m")
    nlp = spacy.blank("zh")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ner")
    nlp.add_pipe("merge_entities")
    assert add_trained_ner(nlp, tmp_path / "m") is True
    assert nlp.pipe_names == ["sentencizer", "ner", "merge_entities"]
    assert ner_labels(nlp) == ("Enterprise",)
