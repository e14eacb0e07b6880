"""The decision stage and the candidate finders it judges: places, works, boundary variants,
cross-document phrase fragments. Small invented texts; each assertion can fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policykg.ir import DocMeta, Entity, EntityType, Mention, SourceDoc, TextSpan
from policykg.nlp.candidates import (
    BRAND_INDUSTRY,
    FIRM_TAGGER,
    LEGAL_DOUBT,
    PROJECT_HEAD,
    QUOTED_ANY,
    TERMS,
    registered,
)
from policykg.nlp.resolve.phrases import drop_phrase_fragments
from policykg.nlp.rules.gazetteer import short_form
from policykg.nlp.rules.works import find_works_items
from policykg.nlp.statistical.boundaries import variants
from policykg.nlp.statistical.decide import Decider, features, read_decider, shipped_decider


def test_short_forms_of_divisions() -> None:
    assert short_form("三亚市") == "三亚"
    assert short_form("恩施土家族苗族自治州") == "恩施"
    assert short_form("广西壮族自治区") == "广西"
    assert short_form("和平区", county=True) is None  # 和平 is a word of the language
    assert short_form("易县", county=True) is None  # one character left


def test_place_finder_marks_listed_places_that_stand_alone(nlp: Any) -> None:
    doc = nlp("加快建设美丽宜宾，推动宜宾港和长江门户建设，坚持中国特色社会主义。")
    places = [s.text for s in doc.spans["places"]]
    assert "宜宾" in places  # a listed short form, standing alone
    assert "中国" not in places  # 中国特色: the nation as an adjective
    assert not any(p.startswith("江门") for p in places)  # 长江|门户, not 江门


def test_works_items_in_building_clauses() -> None:
    text = "加快十西高铁、十巫高速北段等建设，推进金凤大道、恩施大道建设。福厦高铁开通运营。"
    found = [text[s:e] for s, e, label, _ in find_works_items(text)]
    assert found == ["十西高铁", "十巫高速北段", "金凤大道", "恩施大道"]


def test_boundary_variants_drop_opening_verbs() -> None:
    text = "竣工健腾药业等项目"
    cut = [text[s:e] for s, e, _, src in variants(text, (0, 6, "Enterprise", BRAND_INDUSTRY))]
    assert cut == ["健腾药业"]
    assert variants(text, (0, 6, "Slogan", TERMS)) == []


def test_a_listed_project_has_each_item_as_a_variant() -> None:
    text = "持续推进北沿江高铁、宁淮铁路、宁芜铁路扩能改造建设，海旅超体、宽窄巷子海棠故事等文旅综合体项目"
    whole = (4, text.index("建设"), "Project", PROJECT_HEAD)
    cut = [text[s:e] for s, e, _, src in variants(text, whole) if src.trimmed]
    assert cut == ["北沿江高铁", "宁淮铁路", "宁芜铁路扩能改造"]  # the last keeps its head
    listed = (text.index("海旅"), len(text), "Project", PROJECT_HEAD)
    cut = [text[s:e] for s, e, _, _ in variants(text, listed)]
    assert cut == ["海旅超体", "宽窄巷子海棠故事"]  # each item ends before 等
    single = (text.index("宽窄"), len(text), "Project", PROJECT_HEAD)
    assert variants(text, single) == []  # no 、: the part before 等 is no variant
    firms = (4, 13, "Enterprise", BRAND_INDUSTRY)
    assert [text[s:e] for s, e, _, _ in variants(text, firms)] == []  # projects only


def test_decider_keeps_by_threshold_and_one_of_each_variant_group() -> None:
    text = "竣工健腾药业等项目。"
    spots = [(0, 6, "Enterprise", BRAND_INDUSTRY), (2, 6, "Enterprise", BRAND_INDUSTRY.trim())]
    weights = {"Enterprise|first2=竣工": -3.0, "Enterprise|first2=健腾": 3.0}
    model = Decider(weights, {"Enterprise": 0.5}, "test")
    assert model.filter(text, {0: spots}) == {0: [(2, 6, "Enterprise", BRAND_INDUSTRY.trim())]}
    strict = Decider(weights, {"Enterprise": 0.99}, "test")
    assert strict.filter(text, {0: spots}) == {0: []}
    untouched = Decider(weights, {}, "test")  # a type it does not judge: rules' own candidates
    assert untouched.filter(text, {0: spots}) == {0: [(0, 6, "Enterprise", BRAND_INDUSTRY)]}


def test_of_overlapping_candidates_of_one_type_only_the_likeliest_stays() -> None:
    """A short rule name and a longer name the tagger proposes (华鲁 | 华鲁恒升): the model's
    likelier reading wins, whatever proposed it; another type around them stays."""
    text = "加快华鲁恒升高端溶剂项目、万华化学项目。"
    short = (2, 4, "Enterprise", BRAND_INDUSTRY)
    tagged = (2, 6, "Enterprise", FIRM_TAGGER)
    other = (13, 17, "Enterprise", BRAND_INDUSTRY)  # 万华化学: overlaps neither
    project = (2, 12, "Project", PROJECT_HEAD)
    spots = [short, tagged, other, project]
    thresholds = {"Enterprise": 0.5, "Enterprise@firm_tagger": 0.5}
    tagger_likelier = Decider(
        {"Enterprise|bias": 0.5, "Enterprise@firm_tagger|bias": 3.0}, thresholds
    )
    kept = tagger_likelier.filter(text, {0: spots})[0]
    assert sorted(kept) == sorted([tagged, other, project])
    rule_likelier = Decider(
        {"Enterprise|bias": 3.0, "Enterprise@firm_tagger|bias": 0.5}, thresholds
    )
    assert sorted(rule_likelier.filter(text, {0: spots})[0]) == sorted([short, other, project])


def test_rule_projects_are_judged_only_in_reports_above_county_level(nlp: Any) -> None:
    from policykg.nlp.extract import extract_doc
    from policykg.text.divisions import above_county

    assert (above_county("三亚市"), above_county("北京市")) == (True, True)
    assert (above_county("满城区"), above_county("易县"), above_county("潜江市")) == (False,) * 3
    assert above_county("某某新区") is None and above_county(None) is None
    rejects = Decider({}, {"Project": 1.01, "Enterprise": 0.0}, "test")  # drops every project
    assert rejects.for_place("三亚市") is rejects
    for county in ("满城区", "清苑县", None):  # 清苑县: a former name, not listed: not judged
        assert rejects.for_place(county).thresholds == {"Enterprise": 0.0}
    # the project tagger's proposals are judged in every report: unjudged they would be dropped
    tagged = Decider({}, {"Project": 1.01, "Project@project_tagger": 0.5}, "test")
    assert tagged.for_place("满城区").thresholds == {"Project@project_tagger": 0.5}
    assert tagged.for_place("满城区").judged_types() == {"Project"}
    raw = "2024年，加快推进宁德时代新能源电池产业项目建设。"

    def projects(place: str | None) -> list[str]:
        doc = SourceDoc("r.txt", "r.txt", raw, "utf-8", "0" * 64, DocMeta("r", place=place))
        found = extract_doc(doc, nlp, decider=rejects, tagger=None).candidates
        return [c.label for c in found if c.type is EntityType.PROJECT]

    assert projects("满城区") and projects("满城区") == projects(None)  # kept as proposed
    assert projects("三亚市") == []  # judged, and this model rejects every project


def test_decider_json_round_trip(tmp_path: Path) -> None:
    model = Decider({"Place|bias": 0.25}, {"Place": 0.3}, "v")
    path = tmp_path / "d.json"
    path.write_text(model.to_json(), "utf-8")
    assert read_decider(path) == model
    shipped = shipped_decider()
    assert shipped is not None
    types = {t.value for t in EntityType}
    assert {key.split("@")[0] for key in shipped.thresholds} <= types
    proposers = {rule.span_id for rule in registered() if rule.needs_decision}
    assert QUOTED_ANY.span_id in proposers and LEGAL_DOUBT.span_id in proposers
    assert {key.split("@")[1] for key in shipped.thresholds if "@" in key} <= proposers


def test_features_are_label_conditioned_and_stable() -> None:
    text = "支持比亚迪建设项目"
    feats = features(text, (2, 5, "Enterprise", BRAND_INDUSTRY), {"比亚迪": 1})
    assert "Enterprise|l2=支持" in feats and "Enterprise|r1=建" in feats
    assert feats == features(text, (2, 5, "Enterprise", BRAND_INDUSTRY), {"比亚迪": 1})


def test_a_slogan_candidate_is_judged_by_how_many_characters_no_word_covers() -> None:
    text = "推进“疏绿透美”，打响“青春不消停”品牌"
    condensed = features(text, (3, 7, "Slogan", QUOTED_ANY), {})  # 疏绿透美
    motto = features(text, (12, 17, "Slogan", QUOTED_ANY), {})
    assert "Slogan@quoted_any|all_clipped=True" in condensed
    assert "Slogan@quoted_any|clipped=0" in motto and "Slogan@quoted_any|all_clipped=False" in motto
    firm = features(text, (3, 7, "Enterprise", BRAND_INDUSTRY), {})
    assert not any("clipped" in f for f in firm)  # only where it helped (EVAL.md)


def _entity(label: str, spans: list[tuple[str, int, int]]) -> Entity:
    mentions = tuple(Mention(TextSpan(d, s, e, label), "rule:x") for d, s, e in spans)
    return Entity(f"enterprise/{label}", EntityType.ENTERPRISE, label, mentions=mentions)


def _doc(name: str, raw: str) -> SourceDoc:
    return SourceDoc(name, name, raw, "utf-8", "0", DocMeta(name))


def test_fragments_of_one_longer_phrase_across_documents_are_dropped() -> None:
    docs = [_doc(f"{i}.txt", "推动提振新能源汽车消费，比亚迪、华为等企业。") for i in range(3)]
    fragment = _entity("提振新能源", [(f"{i}.txt", 2, 7) for i in range(3)])
    firm = _entity("比亚迪", [(f"{i}.txt", 12, 15) for i in range(3)])
    kept, _ = drop_phrase_fragments([fragment, firm], [], docs)
    assert [e.label for e in kept] == ["比亚迪"]
    few = drop_phrase_fragments([fragment], [], docs[:2])[0]
    assert few == (fragment,) or len({m.span.doc for m in fragment.mentions}) >= 3
