"""A tiny smoke training: gold spans move onto normalised paragraphs; training is reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.gold.files import GoldDoc, load_gold_docs
from policykg.gold.train_ner import TrainSettings, paragraph_examples, train_ner
from policykg.nlp.statistical.ner import add_trained_ner, has_model, ner_labels

TEXT = (
    "一、工作回顾\n"
    "过去一年，依托恒通化工、晋南重工等龙头企业，县发改局推进了**新绛经济技术开发区**建设。\n"
    "以宏达机械、瑞丰冶炼为龙头，打造装备制造产业园。\n"
)
NAMES = [
    ("恒通化工", "Enterprise"),
    ("晋南重工", "Enterprise"),
    ("建设。\n以宏达", "Enterprise"),  # crosses a paragraph break: dropped
    ("县发改局", "GovernmentBody"),
    ("新绛经济技术开发区", "Park"),
    ("宏达机械", "Enterprise"),
    ("瑞丰冶炼", "Enterprise"),
    ("装备制造产业园", "Park"),
    ("以宏达机械、瑞丰冶炼为龙头，打造装备制造产业园", "Slogan"),  # not a trained label
]


@pytest.fixture()
def tiny_gold(tmp_path: Path) -> tuple[GoldDoc, ...]:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "seeds" / "900_t.txt").write_text(TEXT, "utf-8")
    rows = []
    for name, label in NAMES:
        start = TEXT.index(name)
        rows.append({"start": start, "end": start + len(name), "label": label, "text": name})
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    (tmp_path / "gold" / "900_t.jsonl").write_text(lines, "utf-8")
    return load_gold_docs(("900_t",), root=tmp_path, seeds=tmp_path / "seeds")


def test_spans_land_on_normalised_paragraph_text(tiny_gold: tuple[GoldDoc, ...]) -> None:
    examples, dropped = paragraph_examples(tiny_gold[0], ("Enterprise", "Park", "GovernmentBody"))
    assert dropped == 1
    found = {text[s:e]: label for text, spans in examples for s, e, label in spans}
    assert found == {
        "恒通化工": "Enterprise",
        "晋南重工": "Enterprise",
        "县发改局": "GovernmentBody",
        "新绛经济技术开发区": "Park",
        "宏达机械": "Enterprise",
        "瑞丰冶炼": "Enterprise",
        "装备制造产业园": "Park",
    }


def test_smoke_training_is_reproducible_and_loadable(
    tiny_gold: tuple[GoldDoc, ...], tmp_path: Path
) -> None:
    settings = TrainSettings(labels=("Enterprise", "GovernmentBody", "Park"), epochs=1)
    first = train_ner(tiny_gold, tmp_path / "m1", settings)
    second = train_ner(tiny_gold, tmp_path / "m2", settings)
    assert first.entities == {"Enterprise": 4, "Park": 2, "GovernmentBody": 1}
    assert first.losses == second.losses
    weights = [(tmp_path / m / "ner" / "model").read_bytes() for m in ("m1", "m2")]
    assert weights[0] == weights[1]
    assert has_model(tmp_path / "m1") and first.size_bytes > 0

    import spacy

    nlp = spacy.blank("zh")
    assert add_trained_ner(nlp, tmp_path / "m1")
    assert set(ner_labels(nlp)) == {"Enterprise", "Park", "GovernmentBody"}
    nlp("以恒通化工为龙头。")  # runs
