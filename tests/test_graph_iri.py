"""IRI minting: valid (Oxigraph accepts it), deterministic and injective."""

from __future__ import annotations

import pyoxigraph
from hypothesis import given
from hypothesis import strategies as st

from policykg.graph import iri
from policykg.ir import EntityType, entity_id

names = st.text(min_size=1, max_size=40)


@given(names)
def test_doc_iris_are_valid_and_deterministic(name: str) -> None:
    minted = iri.doc_iri(name)
    assert minted == iri.doc_iri(name)
    pyoxigraph.NamedNode(str(minted))  # raises ValueError on an invalid IRI


@given(names, st.integers(0, 10**7), st.integers(0, 10**7))
def test_mention_and_sentence_iris_are_valid(name: str, start: int, end: int) -> None:
    for minted in (iri.mention_iri(name, start, end), iri.sentence_iri(name, start, end)):
        pyoxigraph.NamedNode(str(minted))
        assert str(minted).startswith(str(iri.doc_iri(name)) + "/")


@given(names, names)
def test_different_segments_never_share_an_iri(a: str, b: str) -> None:
    assert (iri.encode_segment(a) == iri.encode_segment(b)) == (a == b)


@given(st.sampled_from(list(EntityType)), names)
def test_entity_iris_are_valid(kind: EntityType, key: str) -> None:
    minted = iri.entity_iri(entity_id(kind, key))
    pyoxigraph.NamedNode(str(minted))
    assert str(minted).startswith("https://w3id.org/policykg/id/" + kind.value.lower() + "/")


@given(names)
def test_concept_iris_are_valid_and_stable(label: str) -> None:
    assert iri.concept_iri(label) == iri.concept_iri(label)
    pyoxigraph.NamedNode(str(iri.concept_iri(label)))


def test_chinese_stays_readable_and_spaces_are_encoded() -> None:
    assert str(iri.doc_iri("2023年 绛县政府工作报告.txt")).endswith(
        "/doc/2023年%20绛县政府工作报告"
    )
