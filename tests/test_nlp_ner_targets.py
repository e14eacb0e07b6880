"""The statistical NER reads only sentences about firms, and its findings land at document offsets.

A spaCy ``entity_ruler`` stands in for the trained model (added under the name ``ner``), so the
test knows exactly what a "prediction" is and checks only where the pipeline runs it.
"""

from __future__ import annotations

from spacy.language import Language

from policykg.nlp.candidates import NER
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.statistical.ner_targets import (
    firm_sentences,
    ner_spots,
    sentence_doc,
    statistical_pipes,
)

TEXT = (
    "今年以来，瑞丰祥扩大产能。引进瑞丰祥、金禾通等企业落户园区，带动就业。\n"
    "全县粮食总产稳定，金禾通农业示范区建设有序。\n"
)


def _pipeline_with_stand_in_ner() -> Language:
    nlp = build_nlp(with_ner=False)
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [{"label": "Enterprise", "pattern": name} for name in ("瑞丰祥", "金禾通")]
    )
    return nlp


def test_firm_sentences_are_those_with_a_cue_word() -> None:
    text = TEXT.split("\n")[0]
    sentences = [text[s:e] for s, e in firm_sentences(text)]
    assert sentences == ["引进瑞丰祥、金禾通等企业落户园区，带动就业。"]
    assert firm_sentences("全县粮食总产稳定。") == []


def test_sentence_doc_keeps_the_rule_spans_inside_it() -> None:
    nlp = build_nlp(with_ner=False)
    paragraph = nlp("今年新建设备。依托山西恒强化工有限公司发展。")
    start, end = 7, len(paragraph.text)
    doc = sentence_doc(nlp, paragraph, start, end)
    assert doc.text == "依托山西恒强化工有限公司发展。"
    inside = sorted(
        (s.start_char - start, s.end_char - start, s.label_)
        for group in paragraph.spans.values()
        for s in group
        if s.start_char >= start
    )
    got = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["rules"])
    assert got == inside
    assert (2, 12, "Enterprise") in got  # 山西恒强化工有限公司


def test_predictions_only_in_firm_sentences_at_document_offsets() -> None:
    nlp = _pipeline_with_stand_in_ner()
    assert statistical_pipes(nlp) == ["ner"]
    offsets = [0, TEXT.index("\n") + 1]
    docs = nlp.pipe(TEXT.split("\n")[:2], disable=["ner"])
    found = ner_spots(nlp, list(zip(docs, offsets, strict=True)))
    first = TEXT.index("引进") + 2
    assert found == [  # none in the sentences without a cue word, though both names occur there
        (0, (first, first + 3, "Enterprise", NER)),
        (0, (first + 4, first + 7, "Enterprise", NER)),
    ]


def test_rules_only_pipeline_runs_no_statistical_step() -> None:
    nlp = build_nlp(with_ner=False)
    docs = nlp.pipe([TEXT.split("\n")[0]])
    assert statistical_pipes(nlp) == []
    assert ner_spots(nlp, [(next(iter(docs)), 0)]) == []
