"""Whatever an extractor hands over, screen + to_graph gives a graph that passes SHACL.

Random extractions: entities of every type with random (valid or broken) spans, aliases, parts
and amounts; relations of every type between random entities, with or without evidence.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.graph import shacl
from policykg.graph.rdf import to_graph
from policykg.graph.screen import screen
from policykg.ir import (
    Amount,
    DocMeta,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    RelationType,
    SourceDoc,
    TextSpan,
    entity_id,
)

RAW = (
    "新绛县以高义钢铁为龙头，打造冶金园区。“六稳”：稳就业、稳金融。总投资2.5亿元，年产10万吨。\n𠀀"
)
DOCS = (
    SourceDoc(
        "a.txt",
        "a.txt",
        RAW,
        "utf-8",
        "a" * 64,
        DocMeta("a.txt", place="新绛县", date="2022-13-01"),
    ),
    SourceDoc("b 乙.txt", "b.txt", RAW[5:], "gb18030", "b" * 64, DocMeta("b 乙.txt", year=2023)),
)
words = st.text(alphabet=st.sampled_from(list("新绛县高义钢铁六稳园区 ")), max_size=6)


@st.composite
def spans(draw: st.DrawFn) -> TextSpan:
    doc = draw(st.sampled_from(["a.txt", "b 乙.txt", "c.txt"]))
    start = draw(st.integers(-2, len(RAW) + 2))
    end = draw(st.integers(start, start + 12))
    return TextSpan(doc, start, end, "")


@st.composite
def entities(draw: st.DrawFn, index: int) -> Entity:
    kind = draw(st.sampled_from(list(EntityType)))
    label = draw(words)
    mentions = draw(
        st.lists(st.builds(Mention, spans(), st.just("fuzz"), st.none() | spans()), max_size=3)
    )
    amounts = draw(
        st.lists(
            st.builds(
                Amount,
                st.sampled_from(["investment", "capacity", "area", "other", "odd"]),
                st.sampled_from(["2.5", "10", "两", "1e3", "NaN"]),
                st.sampled_from(["亿元", "万美元", "万吨", "KVA", ""]),
                spans(),
            ),
            max_size=2,
        )
    )
    return Entity(
        entity_id(kind, f"{index}{label}"),
        kind,
        label,
        aliases=tuple(draw(st.lists(words, max_size=3))),
        definition=draw(st.none() | words),
        parts=tuple(draw(st.lists(words, max_size=4))),
        mentions=tuple(mentions),
        amounts=tuple(amounts),
        merges=tuple(draw(st.lists(words, max_size=2))),
    )


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    count = draw(st.integers(1, 6))
    ents = tuple(draw(entities(i)) for i in range(count))
    ids = [e.id for e in ents] + ["park/missing"]
    relations = draw(
        st.lists(
            st.builds(
                Relation,
                st.sampled_from(list(RelationType)),
                st.sampled_from(ids),
                st.sampled_from(ids),
                st.lists(spans(), max_size=2).map(tuple),
                st.lists(st.sampled_from(["rule", " "]), max_size=2).map(tuple),
            ),
            max_size=6,
        )
    )
    return Extraction(DOCS, ents, tuple(relations))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_screened_graph_always_conforms(extraction: Extraction) -> None:
    kept, _ = screen(extraction)
    assert shacl.violations(to_graph(kept)) == []
