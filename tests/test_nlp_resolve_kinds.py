"""Batch evidence: names that several places use for their own thing (``resolve.kinds``)."""

from __future__ import annotations

import pytest

from policykg.ir import (
    Candidate,
    DocMeta,
    DocResult,
    EntityRef,
    EntityType,
    Mention,
    RelationCandidate,
    RelationType,
    SourceDoc,
    TextSpan,
)
from policykg.nlp.extract import resolve_batch
from policykg.nlp.resolve.kinds import is_kind_name, is_local_name, place_of
from policykg.nlp.rules.lexicon import is_common_phrase

ENT = EntityType.ENTERPRISE
PRJ = EntityType.PROJECT
TABLE = "rule:numbered_works"


def report(
    name: str,
    place: str,
    items: list[tuple[EntityType, str, str]],
    relations: tuple[RelationCandidate, ...] = (),
) -> DocResult:
    """A document of ``place`` naming ``items`` (type, label, source) one after the other."""
    raw = "".join(label for _, label, _ in items)
    doc = SourceDoc(name, name, raw, "utf-8", "0" * 64, DocMeta(name=name, place=place))
    cands, pos = [], 0
    for kind, label, source in items:
        span = TextSpan(name, pos, pos + len(label), label)
        cands.append(Candidate(kind, label, Mention(span, source)))
        pos += len(label)
    return DocResult(doc, tuple(cands), relations)


def labels(results: list[DocResult]) -> list[tuple[str, str, tuple[str, ...]]]:
    entities, _ = resolve_batch(results)
    return sorted(
        (e.type.value, e.label, tuple(sorted({m.span.doc for m in e.mentions}))) for e in entities
    )


@pytest.mark.parametrize(
    "text", ["农村饮水安全工程", "房地产开发项目", "第二污水处理厂", "修复工程", "科技创新"]
)
def test_phrases_of_common_words_read_as_common(text: str) -> None:
    assert is_common_phrase(text)


@pytest.mark.parametrize(
    "text", ["高义钢铁", "雄忻高铁", "华为", "大唐", "6号线", "EOD项目", "长城汽车", "城投"]
)
def test_names_do_not_read_as_common(text: str) -> None:
    assert not is_common_phrase(text)


def test_genre_words_extend_the_dictionary() -> None:
    assert not is_common_phrase("城投")
    assert is_common_phrase("城投", frozenset({"城投"}))


@pytest.mark.parametrize(
    "name",
    [
        "城投",
        "强村",
        "城发",
        "房地产开发项目",
        "修复工程",
        "深化20项民心工程",
        "老旧管网",
        "农村公路",
        "美丽乡村路",
        "市政道路",
    ],
)
def test_kinds(name: str) -> None:
    assert is_kind_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "华为",
        "大唐",
        "德润达二期",
        "雄忻高铁",
        "北沿江高铁",
        "南水北调",
        "国家电网",
        "南环路",
        "6号线",
    ],
)
def test_names_lines_streets_and_the_nations_own_are_not_kinds(name: str) -> None:
    assert not is_kind_name(name)


@pytest.mark.parametrize(
    "name", ["南环路", "纬一路", "振兴路南延", "朝阳路", "6号线", "110千伏变电站"]
)
def test_streets_and_numbered_works_belong_to_each_place(name: str) -> None:
    assert is_local_name(name)


@pytest.mark.parametrize(
    "name", ["易兴路东延", "雄忻高铁", "金凤大道", "修复工程", "德润达二期", "农村公路", "市政道路"]
)
def test_named_streets_and_other_works_are_not_local(name: str) -> None:
    assert not is_local_name(name)


def test_a_county_and_its_district_are_one_place() -> None:
    def doc(place: str | None) -> SourceDoc:
        return SourceDoc("d", "d", "", "utf-8", "0" * 64, DocMeta(name="d", place=place))

    assert place_of(doc("清苑县")) == place_of(doc("清苑区")) == "清苑"
    assert place_of(doc("易县")) == "易县"
    assert place_of(doc(None)) == "d"


def test_a_kind_named_by_two_places_is_dropped() -> None:
    results = [
        report("a", "顺平县", [(ENT, "城投公司", "rule:legal_suffix"), (ENT, "华为", "rule:x")]),
        report("b", "临沂市", [(ENT, "城投公司", "rule:legal_suffix"), (ENT, "华为", "rule:x")]),
    ]
    assert labels(results) == [("Enterprise", "华为", ("a", "b"))]


def test_a_kind_of_one_place_over_the_years_stays() -> None:
    results = [
        report("a", "清苑县", [(PRJ, "修复工程", "rule:project_head")]),
        report("b", "清苑区", [(PRJ, "修复工程", "rule:project_head")]),
    ]
    assert labels(results) == [("Project", "修复工程", ("a", "b"))]


def test_a_place_that_lists_the_kind_among_its_works_keeps_its_own() -> None:
    results = [
        report("a", "徐水县", [(PRJ, "中医院迁建工程", TABLE)]),
        report("b", "易县", [(PRJ, "中医院迁建工程", "rule:project_head")]),
    ]
    assert labels(results) == [("Project", "中医院迁建工程", ("a",))]


def test_a_street_of_two_places_is_two_works_and_relations_follow() -> None:
    def built(doc: str) -> tuple[RelationCandidate, ...]:
        return (
            RelationCandidate(
                RelationType.UNDERTAKES,
                EntityRef(ENT, "德润达"),
                EntityRef(PRJ, "南环路"),
                TextSpan(doc, 0, 6, "德润达南环路"),
                "test",
            ),
        )

    results = [
        report("a", "易县", [(ENT, "德润达", "rule:x"), (PRJ, "南环路", "rule:x")], built("a")),
        report("b", "顺平县", [(PRJ, "南环路", "rule:x")]),
    ]
    entities, relations = resolve_batch(results)
    roads = [e for e in entities if e.label == "南环路"]
    assert sorted(m.span.doc for e in roads for m in e.mentions) == ["a", "b"]
    assert len({e.id for e in roads}) == 2
    (link,) = relations
    (road_a,) = [e for e in roads if e.mentions[0].span.doc == "a"]
    assert link.object == road_a.id


def test_a_group_named_by_a_kind_is_each_citys_own() -> None:
    results = [
        report("a", "荆州市", [(ENT, "城发集团", "rule:brand_industry")]),
        report("b", "淮安市", [(ENT, "城发集团", "rule:brand_industry")]),
        report("c", "潍坊市", [(ENT, "强村公司", "rule:legal_suffix")]),
        report("d", "黄冈市", [(ENT, "强村公司", "rule:legal_suffix")]),
    ]
    assert labels(results) == [
        ("Enterprise", "城发集团", ("a",)),
        ("Enterprise", "城发集团", ("b",)),
    ]


def test_a_relation_with_evidence_in_two_places_splits_with_the_street() -> None:
    def built(doc: str) -> tuple[RelationCandidate, ...]:
        ref = EntityRef(PRJ, "南环路")
        evidence = TextSpan(doc, 0, 6, "德润达南环路")
        return (
            RelationCandidate(
                RelationType.UNDERTAKES, EntityRef(ENT, "德润达"), ref, evidence, "t"
            ),
        )

    results = [
        report(d, place, [(ENT, "德润达", "rule:x"), (PRJ, "南环路", "rule:x")], built(d))
        for d, place in (("a", "易县"), ("b", "顺平县"))
    ]
    entities, relations = resolve_batch(results)
    road = {e.id: e.mentions[0].span.doc for e in entities if e.label == "南环路"}
    assert sorted((road[r.object], tuple(s.doc for s in r.evidence)) for r in relations) == [
        ("a", ("a",)),
        ("b", ("b",)),
    ]
