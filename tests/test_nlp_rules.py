"""Rule components on sentences written for these tests (other provinces, invented names).

The names below appear in no seed document: the rules must find them from structure alone.
"""

from __future__ import annotations

import pytest

from policykg.nlp.candidates import LEGAL_SUFFIX
from policykg.nlp.resolve.relations import Spot, find_relations
from policykg.nlp.rules.bodies import find_government_bodies, find_parks, find_places
from policykg.nlp.rules.firm_items import find_firm_items
from policykg.nlp.rules.lists import find_list_mates, find_listed_enterprises
from policykg.nlp.rules.orgs import (
    find_brand_names,
    find_capacity_names,
    find_enterprises,
    find_legal_names,
)
from policykg.nlp.rules.owners import find_project_owners, firm_item_length, owner_length
from policykg.nlp.rules.project_lists import find_capacity_projects, find_listed_projects
from policykg.nlp.rules.projects import find_projects, settle_projects


def find_all_projects(text: str) -> list[tuple[int, int, str, str]]:
    return find_projects(text) + find_listed_projects(text) + find_capacity_projects(text)


def texts(found: list[tuple[int, int, str, str]], text: str, label: str | None = None) -> set[str]:
    return {text[s:e] for s, e, lab, _ in found if label is None or lab == label}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("实施主体为江苏瑞丰新材料股份有限公司，建设研发中心。", "江苏瑞丰新材料股份有限公司"),
        ("支持浙江吉利控股集团有限公司扩大产能。", "浙江吉利控股集团有限公司"),
        ("依托宁德时代新能源科技有限公司建设电池基地。", "宁德时代新能源科技有限公司"),
        ("由中国农业银行临沂分行提供贷款。", "中国农业银行临沂分行"),
    ],
)
def test_legal_names_lose_leading_verbs(sentence: str, expected: str) -> None:
    assert expected in texts(find_enterprises(sentence), sentence)


def test_legal_name_with_a_boundary_character_inside_is_kept_whole() -> None:
    sentence = "实施主体为湖南祥和机械有限公司，建设热处理车间。"
    assert "湖南祥和机械有限公司" in texts(find_enterprises(sentence), sentence)


def test_new_generic_company_is_not_an_enterprise() -> None:
    sentence = "探索组建县属国有资本投资运营公司。"
    assert not texts(find_enterprises(sentence), sentence)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("依托鸿达化工、金穗农业，重点发展精细化工。", {"鸿达化工", "金穗农业"}),
        ("支持华曜科技、恒源机械建立研发中心。", {"华曜科技", "恒源机械"}),
    ],
)
def test_brand_with_industry_word(sentence: str, names: set[str]) -> None:
    assert names <= texts(find_enterprises(sentence), sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "推动钢铁、焦化、化工、建材等传统优势产业内涵集约发展。",
        "深化农业农村改革，大力发展现代农业。",
        "推进高端装备制造业发展，培育新一代信息技术产业。",
    ],
)
def test_sector_words_are_not_enterprises(sentence: str) -> None:
    assert not texts(find_enterprises(sentence), sentence)


def test_name_before_a_capacity() -> None:
    sentence = "实施瑞科达年产30万吨高端铝材项目。"
    assert "瑞科达" in texts(find_enterprises(sentence), sentence)


def test_list_frames() -> None:
    sentence = "加快与拼好货、盒马鲜生等知名企业开展合作，积极扶持田园牧歌、丰禾谷等涉农龙头企业。"
    assert {"拼好货", "盒马鲜生", "田园牧歌", "丰禾谷"} <= texts(
        find_listed_enterprises(sentence), sentence
    )


def test_leader_frame_with_projects_head_gives_projects() -> None:
    sentence = "重点推进以云岭物流港、滇南冷链中心为代表的6个10亿元以上项目。"
    found = find_listed_enterprises(sentence)
    assert texts(found, sentence, "Project") == {"云岭物流港", "滇南冷链中心"}
    assert not texts(found, sentence, "Enterprise")


def test_sector_list_is_not_a_list_of_enterprises() -> None:
    sentence = "帮扶钢铁、焦化、建材等行业企业稳健发展。"
    assert not texts(find_listed_enterprises(sentence), sentence)


def test_list_mates_of_a_known_enterprise() -> None:
    sentence = "鸿达化工、瑞泰宝能销售收入超10亿元。"
    known = [(s, e) for s, e, _, _ in find_enterprises(sentence)]
    assert "瑞泰宝能" in texts(find_list_mates(sentence, known), sentence)


def test_government_bodies() -> None:
    sentence = "在县委的坚强领导下，宜兴市交通运输局、县人民政府和国务院办公厅联合部署。"
    assert {"县委", "宜兴市交通运输局", "县人民政府", "国务院办公厅"} <= texts(
        find_government_bodies(sentence), sentence
    )


def test_development_pattern_is_not_a_body() -> None:
    sentence = "加快构建新发展格局，优化产业布局。"
    assert not texts(find_government_bodies(sentence), sentence)


def test_parks_need_a_name() -> None:
    sentence = "以宁远经济技术开发区为主战场，开发区加快建设，打造光电产业园。"
    found = texts(find_parks(sentence), sentence)
    assert "宁远经济技术开发区" in found and "光电产业园" in found
    assert "开发区" not in found


def test_places_split_at_each_level_and_skip_pronouns() -> None:
    sentence = "项目位于湖南省宁乡县花明镇，全县上下齐心协力。"
    found = texts(find_places(sentence), sentence)
    assert {"宁乡县", "花明镇"} <= found
    assert not any(name.startswith("全") for name in found)


@pytest.mark.parametrize(
    ("sentence", "projects"),
    [
        ("加快推进华能热电联产项目，确保年内投产。", {"华能热电联产项目"}),
        (
            "实施天和年产62万吨镀锌板带、宏晟年产5万吨金属镁深加工等项目。",
            {"天和年产62万吨镀锌板带", "宏晟年产5万吨金属镁深加工"},
        ),
        ("实施明远2×36000KVA矿热炉项目。", {"明远2×36000KVA矿热炉项目"}),
        ("“王牌工程”宁乡抽水蓄能电站项目进入核准阶段。", {"宁乡抽水蓄能电站项目"}),
    ],
)
def test_projects(sentence: str, projects: set[str]) -> None:
    assert projects <= texts(find_all_projects(sentence), sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "实施了总投资109亿元的63个重点项目。",
        "只争朝夕抓项目，如饥似渴抓招商。",
        "坚决遏制“两高”项目盲目发展。",
        "全年招商签约项目34个。",
    ],
)
def test_generic_project_mentions_are_not_projects(sentence: str) -> None:
    assert not texts(find_all_projects(sentence), sentence)


def test_two_projects_joined_by_he() -> None:
    sentence = "实施国家数字设施农业创新应用基地和2000亩设施蔬菜改扩建工程。"
    found = texts(find_all_projects(sentence), sentence)
    assert {"国家数字设施农业创新应用基地", "2000亩设施蔬菜改扩建工程"} <= found


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("瑞鼎风力发电", "瑞鼎"),
        ("瑞迈特超低排放改造", "瑞迈特"),
        ("共享储能电站", ""),
        ("美丽乡村建设", ""),
    ],
)
def test_trade_name_opening_a_project(name: str, owner: str) -> None:
    assert name[: owner_length(name)] == owner


def test_a_list_sharing_one_head_names_several_projects() -> None:
    sentence = "瑞丰碳基新材料、华能风力发电、蒙源铁合金项目实现当年投产。"
    found = texts(find_all_projects(sentence), sentence)
    assert {"瑞丰碳基新材料", "华能风力发电", "蒙源铁合金项目"} <= found


def test_short_place_items_belong_to_the_project_name() -> None:
    sentence = "加快实施古交、木赞等灌区续建配套与节水改造工程。"
    assert "古交、木赞等灌区续建配套与节水改造工程" in texts(find_all_projects(sentence), sentence)


@pytest.mark.parametrize(
    "sentence",
    ["推进城乡污水处理项目。", "实施企业信息化项目。", "开展全省农业生产托管服务项目。"],
)
def test_a_headed_project_needs_a_proper_name(sentence: str) -> None:
    assert not texts(find_all_projects(sentence), sentence)


def test_a_partner_named_on_its_own() -> None:
    sentence = "积极与华穗卓棉进行对接，加强与西北农林大学合作。"
    found = texts(find_listed_enterprises(sentence), sentence)
    assert found == {"华穗卓棉"}


def test_the_firm_a_plan_relies_on() -> None:
    sentence = "依托湖南宏图时代大力发展储能电池，依托汨罗市场建设物流中心。"
    assert texts(find_listed_enterprises(sentence), sentence) == {"湖南宏图时代"}


def test_brand_after_a_province() -> None:
    sentence = "依托江西双星药业研发中成药制品。"
    assert "江西双星药业" in texts(find_enterprises(sentence), sentence)


@pytest.mark.parametrize(
    "sentence",
    ["让宁乡县的天更蓝。", "补齐农村基础设施短板。", "推动美丽乡村建设。", "建设特色康养小镇。"],
)
def test_words_of_the_language_are_no_places(sentence: str) -> None:
    assert not texts(find_places(sentence), sentence) - {"宁乡县"}
    assert "让宁乡县" not in texts(find_places(sentence), sentence)


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("鼎峰200兆瓦光伏发电项目", "鼎峰"),  # two characters before the capacity
        ("澜峰新材料产业园", "澜峰"),  # an industry word follows, not 澜峰新|材料
        ("四川澜峰12万吨原糖加工", "四川澜峰"),  # a province opens the firm before a capacity
        ("四川澜峰原糖加工", ""),
        ("岚桥高速扩容", ""),  # roads, bridges and ports are named after places
        ("凤栖西路（二段）", ""),
        ("鹭溪河饮用水源保护工程", ""),  # a river opens the name
        ("鹭池中小型水电站", ""),  # 鹭池中|小型 cuts through a word
        ("鹭溪各庄至鹤坪村公路", ""),  # a link between two places
        ("鹭溪抽水蓄能电站", ""),
    ],
)
def test_where_the_trade_name_opening_a_project_ends(name: str, owner: str) -> None:
    assert name[: owner_length(name)] == owner


@pytest.mark.parametrize(
    ("name", "length"),
    [
        ("瑞泓食品", 2),
        ("冠岭动物药业", 2),  # …业: a line of business
        ("瑞泓食品二期", 0),  # a phase: the project of the firm, not the firm
        ("冠岭刨花板", 0),  # a product
        ("加快瑞泓食品", 0),  # a verb opens the clause
    ],
)
def test_a_listed_item_that_is_a_firm(name: str, length: int) -> None:
    assert firm_item_length(name) == length


def test_a_standalone_project_gets_an_owner_only_after_an_investment() -> None:
    text = "投资6亿元的鼎峰光伏发电项目竣工。推进鼎峰光伏发电项目。"
    first, second = text.index("鼎峰"), text.rindex("鼎峰")
    projects = [
        (first, text.index("。") - 2, "Project", "project_head"),
        (second, len(text) - 1, "Project", "project_head"),
    ]
    assert [(s, text[s:e]) for s, e, _, _ in find_project_owners(text, projects)] == [
        (first, "鼎峰")
    ]


def _spot(text: str, name: str, label: str, nth: int = 0) -> Spot:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return (start, start + len(name), label, LEGAL_SUFFIX)


def _links(text: str, spots: list[Spot]) -> set[tuple[str, str, str, str]]:
    return {
        (r.type.value, text[r.subject[0] : r.subject[1]], text[r.object[0] : r.object[1]], r.rule)
        for r in find_relations(text, spots)
    }


def test_a_listed_firm_is_its_own_project() -> None:
    text = "冠岭动物药业、瑞泓食品二期等6个项目开工。"
    spots = [
        _spot(text, "冠岭动物药业", "Project"),
        _spot(text, "冠岭", "Enterprise"),
        _spot(text, "瑞泓食品二期", "Project"),
        _spot(text, "瑞泓食品", "Enterprise"),
    ]
    assert _links(text, spots) == {
        ("undertakes", "冠岭动物药业", "冠岭动物药业", "firm_item"),  # not 冠岭 > 冠岭动物药业
        ("undertakes", "瑞泓食品", "瑞泓食品二期", "named_after"),
    }


def test_a_bare_firm_item_with_a_phase_is_the_project_of_the_firm_before_it() -> None:
    text = "加快顺应二期、杉杉二期、国轩等项目建设。"
    found = find_firm_items(text)
    assert {(text[s:e], label) for s, e, label, _ in found} == {
        ("顺应二期", "Project"),
        ("杉杉二期", "Project"),
        ("国轩", "Project"),
        ("顺应", "Enterprise"),
        ("杉杉", "Enterprise"),
    }
    links = {
        (r.type.value, text[r.subject[0] : r.subject[1]], text[r.object[0] : r.object[1]])
        for r in find_relations(text, [f for f in found if f[2] == "Project"])
    }
    assert links == {
        ("undertakes", "顺应", "顺应二期"),
        ("undertakes", "杉杉", "杉杉二期"),
        ("undertakes", "国轩", "国轩"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "县住建局、县水利局负责推进岚河综合治理工程。",
        "岚河综合治理工程由县住建局、县水利局负责。",
    ],
)
def test_bodies_in_charge_of_a_project(text: str) -> None:
    spots = [
        _spot(text, "县住建局", "GovernmentBody"),
        _spot(text, "县水利局", "GovernmentBody"),
        _spot(text, "岚河综合治理工程", "Project"),
    ]
    assert _links(text, spots) == {
        ("responsibleFor", "县住建局", "岚河综合治理工程", "body_in_charge"),
        ("responsibleFor", "县水利局", "岚河综合治理工程", "body_in_charge"),
    }


def test_a_body_in_charge_of_something_else_is_not_linked() -> None:
    text = "县住建局负责督查。岚河综合治理工程完工。"
    spots = [_spot(text, "县住建局", "GovernmentBody"), _spot(text, "岚河综合治理工程", "Project")]
    assert not _links(text, spots)


# Issue 13: the edges of project names (synthetic sentences, none taken from the corpus).
@pytest.mark.parametrize(
    ("text", "proposed", "expected"),
    [
        # a counted category after the name is not a work (H-jx3)
        ("全年完成青山镇老旧小区改造项目45个。", "青山镇老旧小区改造项目", None),
        # a phase in brackets belongs to the name
        (
            "加快建设龙湾垃圾焚烧发电厂扩能工程（二期），",
            "龙湾垃圾焚烧发电厂扩能工程",
            "龙湾垃圾焚烧发电厂扩能工程（二期）",
        ),
        # opening verbs and time words are cut off
        ("竣工金禾新材料树脂项目，", "竣工金禾新材料树脂项目", "金禾新材料树脂项目"),
        ("今年重点完成柳林路、", "今年重点完成柳林路", "柳林路"),
        # an amount or area attribute is cut off
        (
            "启动占地80亩的白沙湾物流中心项目，",
            "占地80亩的白沙湾物流中心项目",
            "白沙湾物流中心项目",
        ),
        # a word that runs on past the cut stays (抽水蓄能), so does a name-opening word
        ("投资9亿元的抽水蓄能电站项目", "抽水蓄能电站项目", "抽水蓄能电站项目"),
    ],
)
def test_issue13_project_edges(text: str, proposed: str, expected: str | None) -> None:
    start = text.index(proposed)
    settled = settle_projects(text, [(start, start + len(proposed), "Project", "project_head")])
    assert [text[s:e] for s, e, _, _ in settled] == ([expected] if expected else [])


def test_issue13_settle_keeps_other_types() -> None:
    text = "支持金禾新材料建设"
    assert settle_projects(text, [(2, 7, "Enterprise", "brand_industry")]) == [
        (2, 7, "Enterprise", "brand_industry")
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("面向智能制造等垂直细分行业，形成一批专利", []),  # 分行 inside 细分|行业 is no bank
        ("支持枣矿集团聚焦主业", ["枣矿集团"]),  # 团聚 is a word, but 集团|聚焦 reads on
        ("推动产业从基地化向集团化发展", []),
        ("改革落实，84个教育集团辐射全市", []),  # counted: a kind, not a name
        ("有效对接大企业大集团40余家", []),
        ("山西恒强化工有限公司。", ["山西恒强化工有限公司"]),
    ],
)
def test_legal_suffix_needs_a_name_before_a_suffix_that_ends_there(
    text: str, names: list[str]
) -> None:
    assert [text[s:e] for s, e, _, _ in find_legal_names(text)] == names


# Issue 13 (project-links): list heads, investment amounts, road lists, phases.
@pytest.mark.parametrize(
    ("sentence", "items"),
    [
        # the head of the list states an investment (H-c11)
        ("青禾纺织、澄岭光电等17个投资超千万元项目开工。", {"青禾纺织", "澄岭光电"}),
        ("启明电子二期、汇澜食品等总投资28亿元的9个项目投产。", {"启明电子二期", "汇澜食品"}),
        # an amount without 投资: 等13个80亿元以上项目, 等百亿项目 (eighth session)
        ("青禾纺织、澄岭光电二期等13个80亿元以上项目开工。", {"青禾纺织", "澄岭光电二期"}),
        ("启明电子、汇澜食品等百亿项目陆续投产。", {"启明电子", "汇澜食品"}),
        # quotation marks and the state of the works in the head
        ("盘活翠湖花园、锦澜名苑等4个“烂尾项目”。", {"翠湖花园", "锦澜名苑"}),
        ("确保东岭热电等一批建成项目达产。", {"东岭热电"}),
    ],
)
def test_issue13_list_heads_with_amounts_and_states(sentence: str, items: set[str]) -> None:
    assert items <= texts(find_listed_projects(sentence), sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("投资4200万元的县妇幼院改扩建工程投入使用。", "县妇幼院改扩建工程"),
        ("总投资26亿元的晨星汽车项目完成投资9亿元。", "晨星汽车项目"),
        # an amount singles out one work: no split at 和
        ("投资900万元的城北道路翻修和管网改造工程完工。", "城北道路翻修和管网改造工程"),
    ],
)
def test_issue13_an_investment_introduces_a_project(sentence: str, expected: str) -> None:
    assert expected in texts(find_projects(sentence), sentence)


def test_issue13_an_investment_in_a_counted_category_is_no_project() -> None:
    sentence = "总投资15亿元的7个沿河污染治理重点项目如期完成。"
    assert not texts(find_projects(sentence), sentence)


def test_issue13_a_road_list_without_deng_is_one_project_per_road() -> None:
    sentence = "实施青松路、柏林街和枫桥路雨污分流改造工程。"
    found = texts(find_projects(sentence), sentence)
    assert {"青松路", "柏林街", "枫桥路雨污分流改造工程"} <= found
    assert not any("、" in name for name in found)


def test_issue13_a_place_list_locating_a_work_stays_one_span() -> None:
    sentence = "实施东坪、西坪、南坪灌区节水改造工程。"
    assert "东坪、西坪、南坪灌区节水改造工程" in texts(find_projects(sentence), sentence)


def test_issue13_a_bare_phase_after_the_head_belongs_to_the_name() -> None:
    text = "投资3亿元的云岭产业园项目一期竣工。"
    start = text.index("云岭")
    end = text.index("一期")
    settled = settle_projects(text, [(start, end, "Project", "project_head")])
    assert [text[s:e] for s, e, _, _ in settled] == ["云岭产业园项目一期"]


def _works(sentence: str) -> set[str]:
    from policykg.nlp.rules.works import find_works_items

    return texts(find_works_items(sentence), sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("加快建设青枫路北延、红叶大道，", {"青枫路北延", "红叶大道"}),
        ("推进澄江高速扩容、岷州大桥建设。", {"澄江高速扩容", "岷州大桥"}),
        ("力争云溪至石门铁路开工建设。", {"云溪至石门铁路"}),
        ("加快丰泽大桥建设并即将通车。", {"丰泽大桥"}),
    ],
)
def test_issue13_works_with_extensions_and_tasks_ahead(sentence: str, expected: set[str]) -> None:
    assert expected <= _works(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "岷州大桥、云溪铁路建成通车。",  # reported completed (H-c12)
        "青松机场航站楼等建设完成。",
        "加快农村公路建设，推进市政道路改造。",  # generic works
        "同步实施12.5公里供水管网建设。",
    ],
)
def test_issue13_completed_or_generic_works_are_not_projects(sentence: str) -> None:
    assert not _works(sentence)


@pytest.mark.parametrize(
    "text",
    [
        "加快推进沿河流域污染治理重点项目建设。",
        "实施中草药振兴发展重大工程。",
        "引进一批研发投入多的好项目。",
        "完成滨湖湿地修复示范项目。",
    ],
)
def test_issue13_a_qualified_head_names_a_category(text: str) -> None:
    found = find_projects(text)
    assert not [f for f in settle_projects(text, found) if f[2] == "Project"]


def test_issue13_a_quoted_motto_before_a_qualified_head_stays() -> None:
    text = "实施“清水绕城”重点工程。"
    name = "“清水绕城”重点工程"
    start = text.index(name)
    settled = settle_projects(text, [(start, start + len(name), "Project", "project_head")])
    assert [text[s:e] for s, e, _, _ in settled] == [name]


@pytest.mark.parametrize("text", ["实施骨干企业梯度培育工程。", "推进医药和基建工程。"])
def test_issue13_programmes_and_sectors_are_not_projects(text: str) -> None:
    assert not texts(find_projects(text), text, "Project")


def test_issue13_opening_preposition_is_cut_off() -> None:
    text = "坚持担当尽责，为城东花园项目争取资金。"
    name = "为城东花园项目"
    start = text.index(name)
    settled = settle_projects(text, [(start, start + len(name), "Project", "project_head")])
    assert [text[s:e] for s, e, _, _ in settled] == ["城东花园项目"]


def test_issue13_numbered_works_in_the_body_are_projects() -> None:
    from policykg.nlp.rules.project_lists import find_numbered_works

    text = "城建工程3项：（1）青松路东延工程（2）滨河公园改造（3）2所小学改扩建项目。水利工程1项：清溪治理工程。"
    found = texts(find_numbered_works(text), text)
    assert found == {"青松路东延工程", "滨河公园改造", "小学改扩建项目", "清溪治理工程"}


def test_issue13_a_count_of_works_without_items_is_no_list() -> None:
    from policykg.nlp.rules.project_lists import find_numbered_works

    text = "全年实施民生工程16项，群众满意。"
    assert not find_numbered_works(text)


@pytest.mark.parametrize(
    "text",
    [
        "河川新能源投资建设的岭东风电场项目开工。",
        "岭东风电场项目由河川新能源承建。",
    ],
)
def test_issue13_a_firm_that_builds_a_project_undertakes_it(text: str) -> None:
    spots = [_spot(text, "河川新能源", "Enterprise"), _spot(text, "岭东风电场项目", "Project")]
    assert ("undertakes", "河川新能源", "岭东风电场项目", "built_by") in _links(text, spots)


def test_issue13_a_firm_that_builds_in_another_sentence_is_not_linked() -> None:
    text = "岭东风电场项目开工。河川新能源承建了码头。"
    spots = [_spot(text, "河川新能源", "Enterprise"), _spot(text, "岭东风电场项目", "Project")]
    assert not _links(text, spots)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("加快天地和年产62万吨项目建设", ["天地和"]),
        ("推动嘉尚二期10万吨磷酸铁锂等项目建成", ["嘉尚"]),  # the phase is the project's
        ("粮食播面稳定，产量达200万吨以上", []),  # what is measured, not who
        ("新增风电，装机规模589万千瓦", []),
        ("谋划实施，会理12.5万吨阴极铜项目开工", []),  # a county before the capacity
        ("推进洋口港5万吨级通用码头建设", []),  # a port
    ],
)
def test_capacity_names_are_not_quantities_places_or_ports(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _, _ in find_capacity_names(text)] == names


def test_a_listed_place_opening_a_project_name_is_no_owner() -> None:
    text = "加快建设平昌新华街农贸市场、瑞丰达食品加工等项目。"
    projects = find_listed_projects(text)
    owners = texts(find_project_owners(text, projects), text)
    assert "平昌" not in owners
    assert "瑞丰达" in owners


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("支持技师学院、东营科技职业学院高质量发展", []),
        ("加快云上科技城建设", []),
        ("推进广水化工园复核", []),
        ("把常州新能源产教联合体建成样板", []),
        ("恒强化工、银盛科技等企业加快发展", ["恒强化工", "银盛科技"]),
    ],
)
def test_brand_names_are_not_the_start_of_an_institution_or_zone(
    text: str, names: list[str]
) -> None:
    assert [text[s:e] for s, e, _, _ in find_brand_names(text)] == names


def test_an_explicit_firm_list_takes_names_with_a_line_word() -> None:
    text = "支持一道新能源、明弘集团、鄂中生态等企业冲刺百亿"
    assert {"鄂中生态", "明弘集团"} <= texts(find_listed_enterprises(text), text)


def test_list_mates_lose_their_phase() -> None:
    text = "用车之都。远景动力一期、昊朔二期、宏迈高科一期等建成投产"
    known = text.index("远景动力")
    mates = find_list_mates(text, [(known, known + 4)])
    assert [text[s:e] for s, e, _, _ in mates] == ["昊朔", "宏迈高科"]
