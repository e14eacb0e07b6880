"""Rules written from the errors of c3 (opened in the fifth issue-13 session): firms standing
for their projects in works lists, partners in lists, firms a text wants to grow, owners after a
county, works named after places, and the place variant of a firm's span."""

from __future__ import annotations

from policykg.nlp.candidates import LIST_ENTERPRISE
from policykg.nlp.rules.firm_items import find_firm_items
from policykg.nlp.rules.lists import find_listed_enterprises
from policykg.nlp.rules.owners import find_project_owners, owner_length
from policykg.nlp.rules.project_lists import find_listed_projects
from policykg.nlp.statistical.boundaries import variants


def _texts(text: str, found: list) -> list[str]:  # type: ignore[type-arg]
    return [text[s:e] for s, e, *_ in found]


def test_a_works_list_of_bare_trade_names_gives_each_as_a_project() -> None:
    text = "加快航新、速威、豪然等重点项目建设。推进国投、华润等项目并网发电。"
    assert _texts(text, find_firm_items(text)) == ["航新", "速威", "豪然", "国投", "华润"]


def test_lists_of_works_words_or_places_are_not_firms() -> None:
    for text in (
        "推进道路、桥梁、管网等项目建设。",
        "实施乙烯、己内酰胺、天辰新材料等项目。",
        "推进宏达、安新等项目。",
    ):
        assert find_firm_items(text) == [], text


def test_partners_in_a_list_and_state_groups_named_with_zhongguo() -> None:
    text = "全面巩固与中国航空工业、中国商飞、中国航发的战略合作。加强与中航重机的深度合作。"
    firms = _texts(text, find_listed_enterprises(text))
    assert {"中国商飞", "中国航发", "中航重机"} <= set(firms)
    places = "与合肥市、苏州市合作不断深化，与中国科学院合作。"
    assert find_listed_enterprises(places) == []


def test_firms_the_text_wants_to_grow() -> None:
    text = "支持比亚迪、蔚来等做大做强。"
    assert _texts(text, find_listed_enterprises(text)) == ["比亚迪", "蔚来"]
    assert find_listed_enterprises("支持县城、乡镇等做大做强。") == []


def test_no_owner_for_works_named_after_places_nor_a_verb() -> None:
    for name in ("深汕枢纽", "盐港东立交", "鹏坝通道", "妈湾电厂升级改造", "投用中行数据中心"):
        assert owner_length(name) == 0, name


def test_an_owner_after_the_county_that_opens_a_list_item() -> None:
    text = "加快宣州宏润新能源、绩溪富凯合金钢等项目建设。"
    owners = _texts(text, find_project_owners(text, find_listed_projects(text)))
    assert "宏润" in owners and "富凯" in owners
    assert not any(o.startswith(("宣州", "绩溪")) for o in owners)


def test_a_firm_span_has_a_variant_without_the_city_before_it() -> None:
    text = "新开工凯里市其亚集团铝材项目"
    found = variants(text, (3, 10, "Enterprise", LIST_ENTERPRISE))
    assert [text[s:e] for s, e, *_ in found] == ["其亚集团"]
