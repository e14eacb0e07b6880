"""Resolution: which candidates become one entity, and why."""

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
    entity_id,
)
from policykg.nlp.resolve.entities import resolution_key, resolve

ENT = EntityType.ENTERPRISE
ABB = EntityType.ABBREVIATION


def result(
    name: str,
    items: list[tuple[EntityType, str]],
    place: str | None = None,
    relations: tuple[RelationCandidate, ...] = (),
) -> DocResult:
    raw = "".join(label for _, label in items)
    doc = SourceDoc(name, name, raw, "utf-8", "0" * 64, DocMeta(name=name, place=place))
    cands, pos = [], 0
    for kind, label in items:
        span = TextSpan(name, pos, pos + len(label), label)
        cands.append(Candidate(kind, label, Mention(span, "test")))
        pos += len(label)
    return DocResult(doc, tuple(cands), relations)


def test_short_and_legal_names_are_one_enterprise() -> None:
    forms = ["高义钢铁", "高义钢铁公司", "高义钢铁集团", "山西高义钢铁有限公司"]
    entities, _ = resolve([result("a.txt", [(ENT, f) for f in forms])])
    assert len(entities) == 1
    entity = entities[0]
    assert entity.label == "山西高义钢铁有限公司"
    assert set(entity.aliases) == {"高义钢铁", "高义钢铁公司", "高义钢铁集团"}
    assert entity.id == entity_id(ENT, "高义钢铁")
    assert len(entity.merges) == 3 and all(m.startswith("same_key: ") for m in entity.merges)


def test_short_name_plus_industry_word_merges_only_when_both_are_found() -> None:
    both, _ = resolve([result("a.txt", [(ENT, "天地和"), (ENT, "天地和金属制品")])])
    assert len(both) == 1 and any(m.startswith("short_name: ") for m in both[0].merges)
    different, _ = resolve([result("a.txt", [(ENT, "中信机电"), (ENT, "中信金石")])])
    assert len(different) == 2


def test_abbreviation_variants() -> None:
    assert resolution_key(ABB, "合（和）汽（气）生材（财）") == resolution_key(ABB, "合汽生材")
    assert resolution_key(ABB, "五抓一优一促") != resolution_key(ABB, "五抓一促")
    entities, _ = resolve(
        [
            result(
                "a.txt",
                [
                    (ABB, "合（和）汽（气）生材（财）"),
                    (ABB, "合汽生材"),
                    (ABB, "五抓一促"),
                    (ABB, "五抓一优一促"),
                ],
            )
        ]
    )
    assert sorted(len(e.mentions) for e in entities) == [1, 1, 2]


def test_counties_are_never_merged() -> None:
    place = EntityType.PLACE
    entities, _ = resolve([result("a.txt", [(place, "新绛县"), (place, "绛县")])])
    assert sorted(e.label for e in entities) == ["新绛县", "绛县"]


def test_bare_level_bodies_are_scoped_to_their_county() -> None:
    gov = EntityType.GOVERNMENT_BODY
    entities, _ = resolve(
        [
            result("a.txt", [(gov, "县委")], place="新绛县"),
            result("b.txt", [(gov, "县委")], place="绛县"),
        ]
    )
    assert sorted(e.label for e in entities) == ["新绛县委", "绛县委"]


def test_definition_and_parts_come_from_the_glossary_candidate() -> None:
    doc = result("a.txt", [(ABB, "六稳")])
    span = TextSpan("a.txt", 0, 2, "六稳")
    defined = Candidate(
        ABB, "六稳", Mention(span, "glossary"), "稳就业、稳金融", ("稳就业", "稳金融")
    )
    doc = DocResult(doc.doc, (*doc.candidates, defined), ())
    (entity,), _ = resolve([doc])
    assert entity.definition == "稳就业、稳金融" and entity.parts == ("稳就业", "稳金融")
    assert len(entity.mentions) == 1


def test_relations_map_to_entity_ids_with_evidence() -> None:
    proj = EntityType.PROJECT
    evidence = TextSpan("a.txt", 0, 12, "山西恒强化工有限公司噻吩")
    rel = RelationCandidate(
        RelationType.UNDERTAKES,
        EntityRef(ENT, "山西恒强化工有限公司"),
        EntityRef(proj, "噻吩类中试基地"),
        evidence,
        "implementing_body",
    )
    doc = result(
        "a.txt", [(ENT, "山西恒强化工有限公司"), (proj, "噻吩类中试基地")], relations=(rel,)
    )
    entities, relations = resolve([doc])
    ids = {e.label: e.id for e in entities}
    assert len(relations) == 1
    assert relations[0].subject == ids["山西恒强化工有限公司"]
    assert relations[0].object == ids["噻吩类中试基地"]
    assert relations[0].evidence == (evidence,) and relations[0].rules == ("implementing_body",)


def test_resolution_is_deterministic_and_sorted() -> None:
    first = result("a.txt", [(ENT, "鸿达化工"), (ABB, "六稳"), (ENT, "湖北鸿达化工有限公司")])
    second = result("b.txt", [(ENT, "华曜科技"), (ENT, "鸿达化工")])
    forward = resolve([first, second])
    backward = resolve([second, first])
    assert forward == backward
    keys = [(e.type.value, e.label, e.id) for e in forward[0]]
    assert keys == sorted(keys)


def placed(name: str, raw: str, items: list[tuple[EntityType, str, int]]) -> DocResult:
    """A document whose candidates are the ``n``-th occurrence of each label in ``raw``."""
    doc = SourceDoc(name, name, raw, "utf-8", "0" * 64, DocMeta(name=name))
    cands = []
    for kind, label, nth in items:
        start = -1
        for _ in range(nth + 1):
            start = raw.index(label, start + 1)
        span = TextSpan(name, start, start + len(label), label)
        cands.append(Candidate(kind, label, Mention(span, "test")))
    return DocResult(doc, tuple(cands), ())


@pytest.mark.parametrize("definition", ["（以下简称“鹭岭股份”）", "（简称鹭岭股份）"])
def test_a_defined_short_name_is_the_enterprise_in_its_document(definition: str) -> None:
    legal = "浙江鹭岭新材料股份有限公司"
    raw = f"支持{legal}{definition}上市，鹭岭股份年产5万吨项目投产。"
    doc = placed("a.txt", raw, [(ENT, legal, 0), (ABB, "鹭岭股份", 0), (ENT, "鹭岭股份", 1)])
    entities, _ = resolve([doc])
    assert [(e.type, e.label) for e in entities] == [(ENT, legal)]
    assert len(entities[0].mentions) == 3
    assert any(m.startswith("defined: 鹭岭股份") for m in entities[0].merges)


def test_a_short_name_opening_one_legal_name_is_that_enterprise() -> None:
    legal = "北京鹭峰清洁能源电力股份有限公司"
    one = placed(
        "a.txt", f"{legal}在本县投资，鹭峰光伏项目开工。", [(ENT, legal, 0), (ENT, "鹭峰", 0)]
    )
    entities, _ = resolve([one])
    assert [e.label for e in entities] == [legal]
    assert any(m.startswith("trade_name: 鹭峰") for m in entities[0].merges)
    raw = "鹭峰清洁能源有限公司、鹭峰智慧物流有限公司落户，鹭峰光伏项目开工。"
    two = placed(
        "b.txt",
        raw,
        [(ENT, "鹭峰清洁能源有限公司", 0), (ENT, "鹭峰智慧物流有限公司", 0), (ENT, "鹭峰", 2)],
    )
    entities, _ = resolve([two])
    assert len(entities) == 3  # two firms open with 鹭峰: ambiguous, kept apart


def test_a_relation_can_read_a_project_as_its_firm() -> None:
    proj = EntityType.PROJECT
    raw = "瑞泓食品、冠岭刨花板等6个项目开工。"
    doc = placed("a.txt", raw, [(proj, "瑞泓食品", 0)])
    rel = RelationCandidate(
        RelationType.UNDERTAKES,
        EntityRef(ENT, "瑞泓食品"),
        EntityRef(proj, "瑞泓食品"),
        TextSpan("a.txt", 0, len(raw), raw),
        "firm_item",
    )
    entities, relations = resolve([DocResult(doc.doc, doc.candidates, (rel,))])
    firm = next(e for e in entities if e.type is ENT)
    assert firm.mentions[0].source == "implied:firm_item"
    assert firm.mentions[0].span == doc.candidates[0].mention.span
    assert [(r.subject, r.type) for r in relations] == [(firm.id, RelationType.UNDERTAKES)]


def test_trade_name_matches_equal_the_all_pairs_definition() -> None:
    """The bisecting search finds what trying every legal name against every short name finds."""
    from policykg.nlp.resolve.aliases import trade_name_matches
    from policykg.nlp.resolve.entities import enterprise_key

    labels = [
        "鹭峰清洁能源有限公司",
        "鹭峰智慧物流有限公司",
        "鹭峰",
        "京能",
        "北京京能清洁能源电力股份有限公司",
        "京能清洁",
        "山西高义钢铁有限公司",
        "高义钢铁公司",
        "高义",
        "高义钢",
        "天地和金属制品有限公司",
        "天地和",
        "天",
        "新绛县天地和有限公司",
    ]
    doc = result("a.txt", [(ENT, label) for label in labels])

    def all_pairs() -> dict[str, tuple[str, str]]:
        names = {c.label for c in doc.candidates}
        legal = sorted(
            n for n in names if n.endswith(("有限公司", "有限责任公司", "集团公司", "股份公司"))
        )
        found = {}
        for short in sorted(names - set(legal)):
            core = enterprise_key(short)
            opened = {enterprise_key(f): f for f in legal if enterprise_key(f).startswith(core)}
            opened.pop(core, None)
            if len(core) >= 2 and len(opened) == 1:
                full = next(iter(opened.values()))
                found[short] = (full, f"trade_name: {short} opens {full}")
        return found

    expected = all_pairs()
    assert expected  # the example has matches
    assert trade_name_matches(doc, enterprise_key) == expected
