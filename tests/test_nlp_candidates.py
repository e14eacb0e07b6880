"""Rule identity: every proposer is a registered RuleId with its rank, written as before."""

from __future__ import annotations

import pytest

from policykg.nlp.candidates import (
    BRAND_INDUSTRY,
    LEGAL_SUFFIX,
    NER,
    PROPAGATE,
    TERMS,
    from_span_id,
    registered,
)
from policykg.nlp.resolve.merge import merge_spots


def test_the_source_strings_are_those_the_ir_and_the_decider_read() -> None:
    assert str(LEGAL_SUFFIX) == "rule:legal_suffix"
    assert str(NER.trim()) == "ner+trim"
    assert f"src={BRAND_INDUSTRY.trim()}" == "src=rule:brand_industry+trim"
    assert [str(r) for r in registered()][:2] == ["glossary", "rule:column_item"]


def test_span_ids_round_trip_and_an_unknown_one_is_an_error() -> None:
    for rule in registered():
        if rule.by_rule:
            assert from_span_id(rule.span_id) is rule
    assert from_span_id("terms") is TERMS
    with pytest.raises(KeyError):
        from_span_id("no_such_rule")
    with pytest.raises(KeyError):
        from_span_id("")


def test_a_boundary_variant_ranks_as_its_origin_and_sorts_after_it() -> None:
    assert LEGAL_SUFFIX.trim().rank == LEGAL_SUFFIX.rank
    assert LEGAL_SUFFIX.trim() != LEGAL_SUFFIX and LEGAL_SUFFIX.trim() > LEGAL_SUFFIX
    assert sorted([NER, PROPAGATE, LEGAL_SUFFIX]) == [NER, PROPAGATE, LEGAL_SUFFIX]
    assert not NER.by_rule and not PROPAGATE.by_rule and LEGAL_SUFFIX.trim().by_rule


def test_the_lower_rank_wins_a_conflict() -> None:
    weak, strong = (0, 4, "Enterprise", PROPAGATE), (0, 6, "Enterprise", LEGAL_SUFFIX)
    assert merge_spots([weak, strong]) == [strong]
    assert merge_spots([(0, 4, "Enterprise", NER), (0, 4, "Enterprise", BRAND_INDUSTRY)]) == [
        (0, 4, "Enterprise", BRAND_INDUSTRY)
    ]
