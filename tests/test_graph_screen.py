"""The screen leaves out, with a reason, what the ontology cannot hold; the rest validates."""

from __future__ import annotations

from policykg.graph import shacl
from policykg.graph.rdf import to_graph
from policykg.graph.screen import screen
from policykg.ir import (
    DocMeta,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    RelationType,
    SourceDoc,
    TextSpan,
)

RAW = "高义钢铁建设冶金园区。县发改局负责。"
DOC = SourceDoc("d.txt", "d.txt", RAW, "utf-8", "0" * 64, DocMeta("d.txt"))


def span(text: str) -> TextSpan:
    start = RAW.index(text)
    return TextSpan("d.txt", start, start + len(text), text)


def entity(key: str, kind: EntityType, label: str, *spans: TextSpan) -> Entity:
    return Entity(key, kind, label, mentions=tuple(Mention(s, "test") for s in spans))


GAOYI = entity("enterprise/1", EntityType.ENTERPRISE, "高义钢铁", span("高义钢铁"))
PARK = entity("park/1", EntityType.PARK, "冶金园区", span("冶金园区"))
BUREAU = entity("governmentbody/1", EntityType.GOVERNMENT_BODY, "县发改局", span("县发改局"))
SENTENCE = span("高义钢铁建设冶金园区。")


def relation(kind: RelationType, subject: Entity, obj: Entity, *evidence: TextSpan) -> Relation:
    return Relation(kind, subject.id, obj.id, evidence, ("test",))


def test_well_typed_relations_are_kept() -> None:
    ex = Extraction((DOC,), (GAOYI, PARK), (relation(RelationType.LEADS, GAOYI, PARK, SENTENCE),))
    kept, left_out = screen(ex)
    assert kept == ex and left_out == ()


def test_wrongly_typed_dangling_and_unsupported_relations_are_left_out() -> None:
    bad = (
        relation(RelationType.UNDERTAKES, GAOYI, PARK, SENTENCE),  # a park is not a project
        relation(RelationType.RESPONSIBLE_FOR, BUREAU, PARK, SENTENCE),
        relation(RelationType.LEADS, GAOYI, PARK),  # no evidence
        Relation(RelationType.LEADS, GAOYI.id, "park/unknown", (SENTENCE,), ("test",)),
        relation(RelationType.LEADS, GAOYI, PARK, TextSpan("d.txt", 5, 500, "")),
        Relation(RelationType.LEADS, GAOYI.id, PARK.id, (SENTENCE,), ()),
    )
    kept, left_out = screen(Extraction((DOC,), (GAOYI, PARK, BUREAU), bad))
    assert kept.relations == ()
    reasons = [item.reason for item in left_out]
    assert "undertakes cannot link Enterprise -> Park" in reasons
    assert reasons.count("no evidence sentence inside its document") == 2
    assert "an end is not a kept entity" in reasons
    assert "no rule named" in reasons
    shacl.check(to_graph(kept))


def test_entities_without_valid_mentions_are_left_out_with_their_relations() -> None:
    ghost = entity("park/2", EntityType.PARK, "幽灵园区", TextSpan("other.txt", 0, 2, "幽灵"))
    blank = entity("park/3", EntityType.PARK, " ", span("冶金园区"))
    ex = Extraction(
        (DOC,),
        (GAOYI, ghost, blank),
        (relation(RelationType.LEADS, GAOYI, ghost, SENTENCE),),
    )
    kept, left_out = screen(ex)
    assert [e.id for e in kept.entities] == [GAOYI.id] and kept.relations == ()
    assert {item.reason for item in left_out} == {
        "no mention in any document",
        "empty label",
        "an end is not a kept entity",
    }
    shacl.check(to_graph(kept))


def test_blank_aliases_are_not_written() -> None:
    gaoyi = Entity(
        "enterprise/1",
        EntityType.ENTERPRISE,
        "高义钢铁",
        aliases=("", " ", "高义钢铁", "高义"),
        mentions=GAOYI.mentions,
    )
    graph = to_graph(Extraction((DOC,), (gaoyi,), ()))
    from rdflib.namespace import SKOS

    assert {str(a) for a in graph.objects(None, SKOS.altLabel)} == {"高义"}
    shacl.check(graph)


def test_a_sentence_outside_the_text_is_dropped_but_the_mention_kept() -> None:
    mention = Mention(span("高义钢铁"), "test", TextSpan("d.txt", 0, 999, ""))
    gaoyi = Entity("enterprise/1", EntityType.ENTERPRISE, "高义钢铁", mentions=(mention,))
    kept, _ = screen(Extraction((DOC,), (gaoyi,), ()))
    assert kept.entities[0].mentions[0].sentence is None


def test_one_amount_read_two_ways_keeps_the_first() -> None:
    from policykg.ir import Amount

    raw = "总投资2.5亿元。"
    doc = SourceDoc("m.txt", "m.txt", raw, "utf-8", "0" * 64, DocMeta("m.txt"))
    where = TextSpan("m.txt", 3, 8, "2.5亿元")
    project = Entity(
        "project/1",
        EntityType.PROJECT,
        "某项目",
        mentions=(Mention(TextSpan("m.txt", 0, 3, "总投资"), "test"),),
        amounts=(
            Amount("investment", "2.5", "亿元", where),
            Amount("investment", "25", "亿元", where),
        ),
    )
    graph = to_graph(Extraction((doc,), (project,), ()))
    shacl.check(graph)
    from policykg.graph.vocab import SCHEMA

    assert [str(v) for v in graph.objects(None, SCHEMA.value)] == ["2.5"]


def test_entities_and_relations_with_every_span_inside_are_kept_as_they_are() -> None:
    kept_relation = relation(RelationType.LEADS, GAOYI, PARK, SENTENCE)
    ex = Extraction((DOC,), (GAOYI, PARK), (kept_relation,))
    kept, _ = screen(ex)
    assert kept.entities[0] is GAOYI and kept.entities[1] is PARK  # no copy made
    assert kept.relations[0] is kept_relation
