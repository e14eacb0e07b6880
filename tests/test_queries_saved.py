"""Every saved query in queries/ runs, on a small built graph, with asserted answers.

The graph is made by the real IR -> RDF code (``policykg.graph.rdf.to_graph``) from a hand-made
extraction of three short reports (two counties, three years), so the queries are checked
against the vocabulary the build writes, not against a copy of it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

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
from policykg.sparql.execute import run_query
from policykg.sparql.results import SelectResult
from policykg.sparql.saved import SavedQuery, load_saved_queries
from policykg.sparql.store import load_memory_store

PROJECT = "明迈特2×36000KVA矿热炉项目"
LIUWEN_A = "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"
LIUWEN_C = "稳就业、稳金融、稳外贸、稳外资、稳投资、稳增长"
TEXTS = {
    "a.txt": (
        "一、过去一年工作回顾\n高义钢铁实施明迈特2×36000KVA矿热炉项目，总投资5亿元。"
        "县发改局负责推进明迈特2×36000KVA矿热炉项目。坚持“人文新绛、绿色新绛、和谐新绛”。"
        "山西恒强化工有限公司为龙头，打造精细化工园区。\n附注：“六稳”：" + LIUWEN_A + "。"
    ),
    "b.txt": "高义钢铁持续技改。扎实做好“六稳”工作。坚持“人文新绛、绿色新绛、和谐新绛”。",
    "c.txt": "做好“六稳”“六保”工作。\n附注：“六稳”：" + LIUWEN_C + "。",
}
METAS = {
    "a.txt": DocMeta(name="a.txt", place="新绛县", year=2022, kind="政府工作报告"),
    "b.txt": DocMeta(name="b.txt", place="新绛县", year=2024, kind="政府工作报告"),
    "c.txt": DocMeta(name="c.txt", place="绛县", year=2023, kind="政府工作报告"),
}


def span(doc: str, text: str, nth: int = 0) -> TextSpan:
    start = -1
    for _ in range(nth + 1):
        start = TEXTS[doc].index(text, start + 1)
    return TextSpan(doc, start, start + len(text), text)


def sentence(doc: str, inner: TextSpan) -> TextSpan:
    raw = TEXTS[doc]
    begin = max(raw.rfind("。", 0, inner.start), raw.rfind("\n", 0, inner.start)) + 1
    end = raw.index("。", inner.end) + 1
    return TextSpan(doc, begin, end, raw[begin:end])


def mention(doc: str, text: str, nth: int = 0) -> Mention:
    where = span(doc, text, nth)
    return Mention(where, "rule:test", sentence(doc, where))


def entity(
    kind: EntityType, label: str, *mentions: Mention, key: str = "", **extra: object
) -> Entity:
    return Entity(entity_id(kind, key or label), kind, label, mentions=mentions, **extra)  # type: ignore[arg-type]


def small_extraction() -> Extraction:
    docs = tuple(
        SourceDoc(name, f"/tmp/{name}", raw, "utf-8", name * 8, METAS[name])
        for name, raw in TEXTS.items()
    )
    steel = entity(
        EntityType.ENTERPRISE,
        "高义钢铁",
        mention("a.txt", "高义钢铁"),
        mention("b.txt", "高义钢铁"),
    )
    chem = entity(
        EntityType.ENTERPRISE, "山西恒强化工有限公司", mention("a.txt", "山西恒强化工有限公司")
    )
    invest = Amount("investment", "5", "亿元", span("a.txt", "5亿元"))
    project = entity(
        EntityType.PROJECT,
        PROJECT,
        mention("a.txt", PROJECT),
        mention("a.txt", PROJECT, 1),
        amounts=(invest,),
    )
    bureau = entity(EntityType.GOVERNMENT_BODY, "县发改局", mention("a.txt", "县发改局"))
    park = entity(EntityType.PARK, "精细化工园区", mention("a.txt", "精细化工园区"))
    slogan_label = "人文新绛、绿色新绛、和谐新绛"
    slogan = entity(
        EntityType.SLOGAN,
        slogan_label,
        mention("a.txt", slogan_label),
        mention("b.txt", slogan_label),
    )
    parts = tuple(LIUWEN_A.split("、"))
    liuwen = entity(
        EntityType.ABBREVIATION,
        "六稳",
        mention("a.txt", "六稳"),
        mention("b.txt", "六稳"),
        mention("c.txt", "六稳"),
        definition=LIUWEN_A,
        parts=parts,
    )
    liuwen_c = entity(
        EntityType.ABBREVIATION,
        "六稳",
        mention("c.txt", "六稳", 1),
        key="六稳|c.txt",
        definition=LIUWEN_C,
        parts=tuple(LIUWEN_C.split("、")),
    )
    liubao = entity(EntityType.ABBREVIATION, "六保", mention("c.txt", "六保"))
    undertakes = Relation(
        RelationType.UNDERTAKES,
        steel.id,
        project.id,
        (sentence("a.txt", span("a.txt", PROJECT)),),
        ("rule:test",),
    )
    responsible = Relation(
        RelationType.RESPONSIBLE_FOR,
        bureau.id,
        project.id,
        (sentence("a.txt", span("a.txt", "县发改局")),),
    )
    leads = Relation(
        RelationType.LEADS, chem.id, park.id, (sentence("a.txt", span("a.txt", "精细化工园区")),)
    )
    entities = (steel, chem, project, bureau, park, slogan, liuwen, liuwen_c, liubao)
    return Extraction(docs, entities, (undertakes, responsible, leads))


@pytest.fixture(scope="module")
def small_graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from policykg.graph.rdf import to_graph

    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    to_graph(small_extraction()).serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def store(small_graph_file: Path) -> ox.Store:
    return load_memory_store(small_graph_file)


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return {query.name: query for query in load_saved_queries()}


def rows(store: ox.Store, query: SavedQuery) -> list[dict[str, str]]:
    result = run_query(store, query.text)
    assert isinstance(result, SelectResult)
    return [
        {
            var: term.value
            for var, term in zip(result.variables, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]


def test_at_least_twelve_saved_queries_with_headers(saved: dict[str, SavedQuery]) -> None:
    assert len(saved) >= 12
    for query in saved.values():
        assert query.title and query.description, query.name
        assert "PREFIX" in query.text


def test_every_saved_query_has_a_test_here(saved: dict[str, SavedQuery]) -> None:
    tested = {
        name.removeprefix("test_").replace("_", "-")
        for name in globals()
        if name.startswith("test_")
    }
    assert set(saved) <= tested


def test_enterprise_projects(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["enterprise-projects"])
    assert [(r["enterpriseLabel"], r["projectLabel"], r["file"]) for r in found] == [
        ("高义钢铁", PROJECT, "a.txt")
    ]
    assert "高义钢铁" in found[0]["evidence"] and PROJECT in found[0]["evidence"]


def test_enterprise_projects_takes_a_name_and_a_bound(
    store: ox.Store, saved: dict[str, SavedQuery]
) -> None:
    query = saved["enterprise-projects"]
    assert 'CONTAINS(STR(?enterpriseLabel), "")' in query.text and "?rank <= 100" in query.text

    def edited(old: str, new: str) -> list[dict[str, str]]:
        return rows(store, replace(query, text=query.text.replace(old, new)))

    assert [r["enterpriseLabel"] for r in edited('""', '"高义"')] == ["高义钢铁"]
    assert edited('""', '"恒强"') == [], "山西恒强化工有限公司 leads a park, undertakes nothing"
    assert edited("?rank <= 100", "?rank <= 0") == []


def test_abbreviations(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["abbreviations"])
    first = next(r for r in found if r.get("definition") == LIUWEN_A)
    assert set(first["parts"].split("、")) == set(LIUWEN_A.split("、"))
    assert (first["documents"], first["firstYear"], first["lastYear"]) == ("3", "2022", "2024")
    assert found[0] == first, "most documents first"
    assert "六保" in {r["label"] for r in found}


def test_enterprises_in_several_documents(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["enterprises-in-several-documents"])
    assert [r["label"] for r in found] == ["高义钢铁"]
    assert (found[0]["documents"], found[0]["mentions"]) == ("2", "2")
    assert (found[0]["firstYear"], found[0]["lastYear"]) == ("2022", "2024")


def test_projects_by_investment(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    (found,) = rows(store, saved["projects-by-investment"])
    assert found["label"] == PROJECT and found["unit"] == "亿元"
    assert float(found["yuan"]) == 5e8 and found["statedAs"] == "5亿元"


def test_abbreviations_shared_by_counties(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["abbreviations-shared-by-counties"])
    assert [r["label"] for r in found] == ["六稳"]
    assert set(found[0]["placeList"].split()) == {"新绛县", "绛县"}


def test_terms_defined_differently(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["terms-defined-differently"])
    assert len(found) == 1 and found[0]["term"] == "六稳"
    row = found[0]
    sides = {(row["definition1"], row["documents1"]), (row["definition2"], row["documents2"])}
    assert sides == {(LIUWEN_A, "3"), (LIUWEN_C, "1")}
    assert {row["years1"], row["years2"]} == {"2022–2024", "2023–2023"}


def test_slogans_by_year(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["slogans-by-year"])
    assert [(r["year"], r["file"]) for r in found] == [("2022", "a.txt"), ("2024", "b.txt")]


def test_project_provenance(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["project-provenance"])
    assert len(found) == 2
    for row in found:
        assert TEXTS[row["file"]][int(row["begin"]) : int(row["end"])] == row["anchor"] == PROJECT
        assert PROJECT in row["sentence"]


def test_bodies_responsible_for_projects(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    (found,) = rows(store, saved["bodies-responsible-for-projects"])
    assert (found["bodyLabel"], found["projectLabel"]) == ("县发改局", PROJECT)
    assert found["evidence"].startswith("县发改局")


def test_entities_near_enterprise(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["entities-near-enterprise"])
    near_steel = {r["neighbourLabel"] for r in found if r["enterpriseLabel"] == "高义钢铁"}
    assert PROJECT in near_steel and "高义钢铁" not in near_steel
    assert "县发改局" not in near_steel, "named in the next sentence, not the same one"
    (project,) = (r for r in found if r["neighbourLabel"] == PROJECT)
    assert (project["sentences"], project["mentions"]) == ("1", "2")


def test_documents(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["documents"])
    assert {(r["file"], r["placeLabel"], r["year"]) for r in found} == {
        ("a.txt", "新绛县", "2022"),
        ("b.txt", "新绛县", "2024"),
        ("c.txt", "绛县", "2023"),
    }
    assert [r["file"] for r in found] == ["a.txt", "b.txt", "c.txt"], "one row per document"
    counts = {
        r["file"]: tuple(
            int(r[c]) for c in ("enterprises", "projects", "governmentBodies", "parks", "slogans")
        )
        for r in found
    }
    assert counts == {"a.txt": (2, 1, 1, 1, 1), "b.txt": (1, 0, 0, 0, 1), "c.txt": (0, 0, 0, 0, 0)}
    assert [int(r["abbreviations"]) for r in found] == [1, 1, 3], (
        "c.txt: two 六稳 (two definitions) and 六保"
    )


def test_enterprises_leading_parks(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = rows(store, saved["enterprises-leading-parks"])
    assert [(r["subjectLabel"], r["relation"].rsplit("#")[1], r["objectLabel"]) for r in found] == [
        ("山西恒强化工有限公司", "leads", "精细化工园区")
    ]


def test_entity_timeline(store: ox.Store, saved: dict[str, SavedQuery]) -> None:
    found = {
        (r["year"], r["type"].rsplit("#")[1]): int(r["entities"])
        for r in rows(store, saved["entity-timeline"])
    }
    assert found[("2022", "Enterprise")] == 2 and found[("2024", "Enterprise")] == 1
    assert found[("2023", "Abbreviation")] == 3


def test_list_queries_stop_at_the_ranked_entities(
    saved: dict[str, SavedQuery], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policykg.graph import rdf_summary
    from policykg.graph.rdf import to_graph

    monkeypatch.setattr(rdf_summary, "RANKED", 1)  # only the most-named of each type
    path = tmp_path / "graph.ttl"
    to_graph(small_extraction()).serialize(path, format="turtle")
    ranked = load_memory_store(path)
    enterprises = {r["enterpriseLabel"] for r in rows(ranked, saved["entities-near-enterprise"])}
    assert enterprises == {"高义钢铁"}, "named in two documents, 山西恒强化工有限公司 in one"
    assert rows(ranked, saved["enterprises-leading-parks"]) == [], "the leader is not ranked"
    assert len(rows(ranked, saved["project-provenance"])) == 2
    assert [r["enterpriseLabel"] for r in rows(ranked, saved["enterprise-projects"])] == [
        "高义钢铁"
    ]
