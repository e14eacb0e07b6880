"""Project rules that follow how reports write works (issue 13, project session 2).

Sentences are written for the tests in the genre's manner, not copied from annotated documents.
"""

from __future__ import annotations

import pytest

from policykg.nlp.rules.works import after_last_verb, find_works_items


def _works(sentence: str) -> set[str]:
    return {sentence[s:e] for s, e, _, _ in find_works_items(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the name starts after the last verb or time word of its item
        ("东区年内完成长安大街南延、兴华路建设。", {"长安大街南延", "兴华路"}),
        ("北片区完成学府路及配套管网建设，", {"学府路"}),
        # tasks before building make a building clause; a state after the name ends it
        ("京石高铁征地工作基本完成，", {"京石高铁"}),
        ("东二环北延完成征地，南二环正在办理前期手续。", {"东二环北延", "南二环"}),
        ("白河大桥即将通车。", {"白河大桥"}),
        ("做好安平至深州高等级公路征迁协调工作，", {"安平至深州高等级公路"}),
        # a count closing a list of works: the items are works, the count phrase is not
        ("改建、加固张村镇东河桥和李庄乡西河桥2座危桥，", {"张村镇东河桥", "李庄乡西河桥"}),
        ("京昆高铁保定段开始勘测。", {"京昆高铁保定段"}),
    ],
)
def test_works_items_in_building_clauses(sentence: str, expected: set[str]) -> None:
    assert _works(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "积极发展公路运输，完成道路改造99公里。",  # a verb before a generic work
        "改建、加固3座危桥和5条乡间道路，",  # counted works, no names
        "长安大街南延已建成通车。",  # reported completed (H-c12)
    ],
)
def test_works_items_that_are_not_projects(sentence: str) -> None:
    assert not _works(sentence)


def test_after_last_verb_keeps_names_that_hold_no_verb() -> None:
    text = "建设路东延"
    assert after_last_verb(text, 0, len(text)) == 0  # 建设 may begin a road's name
    text = "年内完成建设路"
    assert text[after_last_verb(text, 0, len(text)) :] == "建设路"


def _headed(sentence: str) -> set[str]:
    from policykg.nlp.rules.projects import find_projects, settle_projects

    return {sentence[s:e] for s, e, _, _ in settle_projects(sentence, find_projects(sentence))}


def test_a_count_opening_a_works_item_is_no_work() -> None:
    assert not _works("新建、改建15条农村公路和4座农村危桥。")


def test_le_ends_the_verb_before_a_project() -> None:
    assert _headed("今年启动了东营13900亩高标准农田整理工程；") == {"东营13900亩高标准农田整理工程"}
    assert not _headed("全县创造了大项目，带动了全县39个项目。")


def test_xiangmu_inside_mubiao_is_no_head() -> None:
    assert not _headed("圆满完成了县十届人大二次会议确定的各项目标任务。")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("实现新会展中心二期项目竣工，", {"新会展中心二期项目"}),
        ("天眼工程二期入选年度十大科技进展。", {"天眼工程二期"}),
    ],
)
def test_a_phase_singles_out_a_work(sentence: str, expected: set[str]) -> None:
    assert _headed(sentence) == expected


@pytest.mark.parametrize("sentence", ["推进二期项目建设。", "一期工程完工。", "实施三期工程。"])
def test_a_bare_phase_names_no_work(sentence: str) -> None:
    assert not _headed(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # places or firms listed before 等 + a descriptive head: one work (H-xj3, H-c11, H-c14)
        ("实施太行山南麓等生态保护和修复工程。", {"太行山南麓等生态保护和修复工程"}),
        ("实施柳河等三个片区防涝治理工程。", {"柳河等三个片区防涝治理工程"}),
        ("完成翠屏公园等绿化续建工程，", {"翠屏公园等绿化续建工程"}),
        ("加快钟鼓楼、文昌阁、魁星楼等古迹修缮工程。", {"钟鼓楼、文昌阁、魁星楼等古迹修缮工程"}),
    ],
)
def test_a_list_before_a_descriptive_head_is_one_work(sentence: str, expected: set[str]) -> None:
    assert _headed(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "实施华电200万千瓦光伏等12个风光项目。",  # items with a capacity are works of their own
        "推进光伏发电、储能电站等项目开工。",  # a bare head: the list rules decide
        "带动全县39个项目落地。",  # a count inside: a clause
    ],
)
def test_lists_that_are_not_one_work(sentence: str) -> None:
    assert not {n for n in _headed(sentence) if "等" in n or "个" in n}


def test_a_phase_with_a_step_names_nothing() -> None:
    assert not _headed("全面开工一期二步工程。")


def _listed(sentence: str) -> set[str]:
    from policykg.nlp.rules.project_lists import find_listed_projects

    return {sentence[s:e] for s, e, _, _ in find_listed_projects(sentence)}


def test_a_list_head_that_describes_its_works_makes_each_item_a_project() -> None:
    sentence = "青松新材料产业园、民用无人机产业园等一批科技含量高、税收贡献大的好项目即将投产。"
    assert _listed(sentence) == {"青松新材料产业园", "民用无人机产业园"}
    # the siblings of a category (…的立县大项目) are descriptions, not works
    assert not _headed("缺少科技含量高、财政贡献大的立县大项目。")


@pytest.mark.parametrize(
    "sentence",
    [
        "全省首家、华北地区最大的绿电制氢项目开工建设。",  # a superlative describes, names nothing
        "用心用情用力实施民生工程、办好民生实事。",  # a verb governing a generic object
        "鼓励金融机构围绕我县项目建设。",  # a deictic place: the county's projects
        "年内实施16项民生工程，",  # a count of works
    ],
)
def test_clauses_about_projects_are_not_names(sentence: str) -> None:
    assert not _headed(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("推进高标准农田建设项目。", set()),  # generic, as before
        (
            "推进东湖片区老旧小区改造项目。",
            {"东湖片区老旧小区改造项目"},
        ),  # 改造 before the head stays
    ],
)
def test_verbs_before_the_head_stay_in_names(sentence: str, expected: set[str]) -> None:
    assert _headed(sentence) == expected


def test_the_complement_of_a_verb_is_cut() -> None:
    assert _headed("发展清洁能源，服务好白鹤滩水利枢纽工程，") == {"白鹤滩水利枢纽工程"}


def test_what_works_serve_is_no_name() -> None:
    assert not _headed("把交通建设作为推进乡村振兴、城乡融合发展的基础工程。")
    # an attribute before a specific name is cut, the name stays
    sentence = "启动实施占地80亩的南湖片区基础设施提升项目，"
    assert _headed(sentence) == {"南湖片区基础设施提升项目"}


def test_works_named_before_their_development() -> None:
    sentence = "加快总投资3亿元的新南环路、纬五街和经六路开发建设，"
    assert _works(sentence) == {"新南环路", "纬五街", "经六路"}


def test_places_listed_before_a_generic_works_head_are_one_work() -> None:
    sentence = "支持保障渝昆高铁和泸永、绕城北段、合江等高速公路建设，"
    assert "泸永、绕城北段、合江等高速公路" in _works(sentence)
    # works that each carry a head of their own stay separate (H-c12)
    sentence = "大力推进凤凰大道、民族大道、环城西路等市政道路建设。"
    assert _works(sentence) == {"凤凰大道", "民族大道", "环城西路"}


def test_ji_joins_two_named_works_in_a_list() -> None:
    sentence = "加快国际会展中心、京雄高铁及雄安东站等重大项目建设。"
    assert {"京雄高铁", "雄安东站"} <= _listed(sentence)
    # a work without a name of its own stays with the one before it
    sentence = "推动铁路专用线、汉江综合码头及航道整治等项目开工。"
    assert "汉江综合码头及航道整治" in _listed(sentence)


def test_items_of_a_quoted_count_programme_are_tasks() -> None:
    sentence = "推进保障性住房建设、“平急两用”公共基础设施建设、城中村改造等“三大工程”。"
    assert not _listed(sentence)
    sentence = "推进滨江新城综合体、南湖湿地公园提升等“烂尾项目”盘活。"
    assert "滨江新城综合体" in _listed(sentence)  # a quoted state is no count term


def test_the_first_item_is_never_cut_inside_a_word() -> None:
    sentence = "推进现代服务业集聚区、滨河新区综合管廊等重点项目。"
    found = _listed(sentence)
    assert "业集聚区" not in found
    assert "滨河新区综合管廊" in found
