"""Names before a legal suffix that the legal-name rule refuses (policykg.nlp.rules.doubtful_names):
proposed for the decision model, never kept without one, never read as firms by other rules."""

from __future__ import annotations

from typing import Any

from policykg.nlp.candidates import LEGAL_DOUBT, LEGAL_SUFFIX
from policykg.nlp.rules.doubtful_names import find_doubtful_legal_names
from policykg.nlp.rules.orgs import find_enterprises
from policykg.nlp.statistical.boundaries import without_variants
from policykg.nlp.statistical.decide import Decider, decision_key

NEW = "去年成立湖北国发供应链公司，营收突破50亿元。"
LEGAL = "支持山西恒强化工有限公司扩产。"


def _proposed(text: str) -> list[str]:
    found = find_enterprises(text)
    return [text[s:e] for s, e, _, rule in find_doubtful_legal_names(text, found)]


def test_a_refused_name_is_proposed_at_every_allowed_start() -> None:
    assert not find_enterprises(NEW)  # 成立 before it: the rule reads a body still to be set up
    proposed = _proposed(NEW)
    assert "湖北国发供应链公司" in proposed
    assert all(p.endswith("湖北国发供应链公司") for p in proposed)


def test_nothing_is_proposed_where_a_legal_name_ends() -> None:
    assert ("山西恒强化工有限公司", LEGAL_SUFFIX) in [
        (LEGAL[s:e], r) for s, e, _, r in find_enterprises(LEGAL)
    ]
    assert _proposed(LEGAL) == []


def test_counts_and_phrases_are_not_proposed() -> None:
    assert _proposed("全市新增上市公司3家，近八成境内上市公司的营收增长。") == []
    assert not any("的" in p or any(c.isdigit() for c in p) for p in _proposed("新设3家子公司"))


def test_a_proposal_is_kept_only_by_a_model_that_keeps_it() -> None:
    start = NEW.index("湖北")
    spot = (start, NEW.index("，"), "Enterprise", LEGAL_DOUBT)
    assert decision_key(spot) == "Enterprise@legal_doubt"
    assert without_variants({0: [spot]}) == {0: []}  # no model: dropped
    assert Decider({}, {"Enterprise": 0.5}).filter(NEW, {0: [spot]}) == {0: []}
    keen = Decider({"Enterprise@legal_doubt|bias": 5.0}, {"Enterprise@legal_doubt": 0.5})
    assert keen.filter(NEW, {0: [spot]}) == {0: [spot]}


def test_project_rules_do_not_take_a_proposal_for_a_firm(nlp: Any, monkeypatch: Any) -> None:
    """The project finder reads the names component's firms (二期 of a firm is its project): a
    proposal is no firm until the model keeps it."""
    import policykg.nlp.rules.components as components

    seen: list[list[tuple[int, int]]] = []
    real = components.find_enterprise_items

    def spy(text: str, firms: list[tuple[int, int]], rules: Any) -> Any:
        seen.append(firms)
        return real(text, firms, rules)

    monkeypatch.setattr(components, "find_enterprise_items", spy)
    text = "去年成立湖北国发供应链公司，加快山西恒强化工有限公司二期建设。"
    doc = nlp(text)
    names = {(s.text, s.id_) for s in doc.spans["names"]}
    assert ("湖北国发供应链公司", LEGAL_DOUBT.span_id) in names
    firms = {text[s:e] for call in seen for s, e in call}
    assert "山西恒强化工有限公司" in firms and "湖北国发供应链公司" not in firms


def test_a_rule_candidate_beats_a_proposal_of_the_same_extent(nlp: Any) -> None:
    """``to_spans`` keeps one span per extent and label: the rule's, not the proposal's, though
    ``rule:legal_doubt`` sorts before ``rule:list_mate`` by name."""
    from policykg.nlp.candidates import LIST_MATE
    from policykg.nlp.rules.components import to_spans

    doc = nlp.make_doc("粮食集团扩产。")
    spans = to_spans(doc, [(0, 4, "Enterprise", LEGAL_DOUBT), (0, 4, "Enterprise", LIST_MATE)])
    assert [(s.text, s.id_) for s in spans] == [("粮食集团", LIST_MATE.span_id)]
