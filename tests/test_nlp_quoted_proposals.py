"""Quoted strings no term rule read (policykg.nlp.terms.finder.unread_quotes): proposed as Slogan
and Abbreviation, kept only by a decision model that judges them, each with its own threshold."""

from __future__ import annotations

from typing import Any

from policykg.nlp.candidates import QUOTED_ANY, TERMS
from policykg.nlp.statistical.boundaries import without_variants
from policykg.nlp.statistical.decide import Decider, decision_key, features
from policykg.nlp.terms.finder import find_terms, unread_quotes
from policykg.nlp.terms.known import Known

TEXT = "坚持“等高对接”，落实“六稳”工作，打响“蜀里安逸·乐购宜宾”品牌。"


def test_every_quote_no_rule_read_is_proposed_under_both_labels() -> None:
    found = find_terms(TEXT)
    proposed = [(TEXT[s:e], label) for s, e, label in unread_quotes(TEXT, found)]
    assert ("六稳", "Abbreviation") in [(TEXT[s:e], lab) for s, e, lab in found]
    assert not any(text == "六稳" for text, _ in proposed)  # read by a rule: not proposed again
    assert not any(text == "等高对接" for text, _ in proposed)  # a Slogan by its rules
    assert ("蜀里安逸·乐购宜宾", "Slogan") in proposed
    assert ("蜀里安逸·乐购宜宾", "Abbreviation") in proposed


def test_the_terms_component_writes_them_with_their_proposer(nlp: Any) -> None:
    doc = nlp(TEXT)
    rules = {(s.text, s.label_, s.id_) for s in doc.spans["terms"]}
    assert ("六稳", "Abbreviation", TERMS.span_id) in rules
    assert ("等高对接", "Slogan", TERMS.span_id) in rules
    assert ("蜀里安逸·乐购宜宾", "Slogan", QUOTED_ANY.span_id) in rules


def test_a_proposal_needs_a_model_that_judges_it() -> None:
    start = TEXT.index("蜀里安逸")
    spot = (start, start + 9, "Slogan", QUOTED_ANY)
    rule = (TEXT.index("六稳"), TEXT.index("六稳") + 2, "Abbreviation", TERMS)
    assert decision_key(spot) == "Slogan@quoted_any" and decision_key(rule) == "Abbreviation"
    assert without_variants({0: [spot, rule]}) == {0: [rule]}  # no model: never kept
    feats = features(TEXT, spot, {})
    assert feats and all(f.startswith("Slogan@quoted_any|") for f in feats)
    silent = Decider({}, {"Slogan": 0.5, "Abbreviation": 0.5})  # judges types, not proposals
    assert silent.filter(TEXT, {0: [spot, rule]}) == {0: [rule]}  # the proposal is dropped
    keen = Decider({"Slogan@quoted_any|bias": 5.0}, {"Slogan": 0.5, "Slogan@quoted_any": 0.5})
    assert keen.filter(TEXT, {0: [spot]}) == {0: [spot]}
    shy = Decider({"Slogan@quoted_any|bias": -5.0}, {"Slogan@quoted_any": 0.5})
    assert shy.filter(TEXT, {0: [spot]}) == {0: []}


def test_a_proposal_is_not_a_term_of_the_document(nlp: Any) -> None:
    """Its later bare uses are not proposed as uses of a known term: only what a rule read is."""
    from policykg.ir import DocMeta, SourceDoc
    from policykg.nlp.candidates import TERM_USE
    from policykg.nlp.extract import propose

    raw = "各位代表：\n打响“蜀里安逸·乐购宜宾”品牌。落实“六稳”工作，蜀里安逸·乐购宜宾深入人心，六稳见效。\n"
    doc = SourceDoc("t.txt", "t.txt", raw, "utf-8", "0" * 64, DocMeta(name="t.txt"))
    proposed = propose(doc, nlp, Known())
    text = proposed.norm.text
    spots = [s for g in proposed.candidates.values() for s in g]
    uses = {text[s:e] for s, e, _, src in spots if src == TERM_USE}
    assert "六稳" in uses  # a rule read it: its bare use is proposed
    assert "蜀里安逸·乐购宜宾" not in uses


def test_latin_acronyms_are_proposals_for_the_model(nlp: Any) -> None:
    from policykg.nlp.candidates import LATIN_ANY
    from policykg.nlp.terms.finder import unquoted_acronyms

    text = "用好RCEP规则，GDP增长5%，推进5G和Wi-Fi建设，发行REITs，落实“RCEP”。"
    spans = [text[s:e] for s, e in unquoted_acronyms(text, find_terms(text))]
    assert spans == ["RCEP", "GDP", "REITs", "RCEP"]  # 5G, Wi, Fi: no two capitals in a run
    inside = [(text.index("“") + 1, text.index("”"), "Abbreviation")]
    starts = [text.index(a) for a in ("RCEP", "GDP", "REITs")]
    assert unquoted_acronyms(text, inside) == [
        (s, s + n) for s, n in zip(starts, (4, 3, 5), strict=True)
    ]
    doc = nlp(text)
    proposed = {(s.text, s.id_) for s in doc.spans["terms"] if s.label_ == "Abbreviation"}
    assert ("GDP", LATIN_ANY.span_id) in proposed
    spot = (text.index("GDP"), text.index("GDP") + 3, "Abbreviation", LATIN_ANY)
    assert decision_key(spot) == "Abbreviation@latin_any"
    assert without_variants({0: [spot]}) == {0: []}  # no model: never kept
