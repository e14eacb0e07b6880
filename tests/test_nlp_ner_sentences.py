"""Sentence cuts never split a span; entity-free sentences are thinned reproducibly."""

from __future__ import annotations

from policykg.gold.ner_sentences import split_sentences, thin_negatives


def test_cuts_after_sentence_ends_and_keeps_spans_local() -> None:
    text = "全年增长8%。依托恒通化工建设项目；以晋南重工为龙头。"
    spans = [(9, 13, "Enterprise"), (19, 23, "Enterprise")]
    pieces = split_sentences((text, spans))
    assert [p[0] for p in pieces] == [
        "全年增长8%。",
        "依托恒通化工建设项目；",
        "以晋南重工为龙头。",
    ]
    assert [[p[0][s:e] for s, e, _ in p[1]] for p in pieces] == [[], ["恒通化工"], ["晋南重工"]]


def test_no_cut_inside_a_span() -> None:
    text = "打造“大招商；招大商”品牌。其后"
    pieces = split_sentences((text, [(3, 10, "Slogan")]))
    assert pieces[0][0] == "打造“大招商；招大商”品牌。"
    assert pieces[0][1] == [(3, 10, "Slogan")]


def test_thinning_keeps_every_sentence_with_a_span() -> None:
    sentences = [(f"句{i}。", [] if i % 2 else [(0, 1, "Park")]) for i in range(200)]
    kept = thin_negatives(sentences, keep=0.25, seed=3)
    assert all(s in kept for s in sentences if s[1])
    negatives = [s for s in kept if not s[1]]
    assert 5 < len(negatives) < 50
    assert kept == thin_negatives(sentences, keep=0.25, seed=3)
    assert len(thin_negatives(sentences, keep=1.0, seed=3)) == 200
