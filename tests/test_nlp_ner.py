"""The statistical NER hook: absent model adds nothing; a saved model is sourced in place."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from policykg.errors import PolicyKGError
from policykg.nlp.statistical.ner import add_trained_ner, has_model, model_dir, ner_labels


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
    assert nlp.pipe_names == ["sentencizer", "ner", "policykg_ner_gate", "merge_entities"]
    assert ner_labels(nlp) == ("Enterprise",)


@pytest.mark.parametrize(
    ("name", "following", "kept"),
    [
        ("高义钢铁", "1680m3", True),  # brand head is no word: kept
        ("青汇康", "现代化", True),
        ("土地资源", "和项目", False),  # two common words: an ordinary phrase
        ("智慧环保", "、智慧", False),
        ("及新材", "料及", False),  # starts with a conjunction
        ("龙湖社区", "居家", False),  # institution head
        ("华东", "师范大学", False),  # two characters (and continues into an institution)
        ("研学", "基地", False),  # two characters: left to the rules
        ("恒通，化工", "", False),  # punctuation inside
        ("恒", "", False),  # too short
    ],
)
def test_gate_drops_ordinary_phrases_keeps_brands(name: str, following: str, kept: bool) -> None:
    from policykg.nlp.statistical.ner_gate import keep_name

    assert keep_name(name, following) is kept


def test_gate_yields_to_rule_spans() -> None:
    from policykg.nlp.statistical.ner_gate import clashes_with_rules

    rules = [(0, 4, "Enterprise"), (10, 20, "Project")]
    assert clashes_with_rules(0, 9, "Enterprise", rules)  # same type overlapping: rule wins
    assert clashes_with_rules(8, 12, "Enterprise", rules)  # crosses a project boundary
    assert not clashes_with_rules(10, 13, "Enterprise", rules)  # nested in a project: kept
    assert not clashes_with_rules(5, 9, "Enterprise", rules)  # where no rule fired
