"""parse_glossary on document 000's 附注 (normalised and raw) and on invented glossaries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.nlp.terms.glossary.parse import GlossaryEntry, parse_glossary
from policykg.text.normalize import normalize

SEED_000 = Path(__file__).parent.parent / "seeds" / "000_c00127774768d764.txt"


@pytest.fixture(scope="module")
def raw_000() -> str:
    return SEED_000.read_text("utf-8")


@pytest.fixture(scope="module")
def glossary_000(raw_000: str) -> dict[str, GlossaryEntry]:
    entries = parse_glossary(normalize(raw_000).text)
    return {e.term: e for e in entries if e.style == "numbered"}


def test_all_38_items_of_000_are_read(glossary_000: dict[str, GlossaryEntry]) -> None:
    # 38 numbered items; items 25 (房证同交, 地证同交) and 29 (三无, 三可) define two terms each.
    assert len(glossary_000) == 40
    assert glossary_000["三无"].joined == ("三无", "三可")
    assert list(glossary_000)[:4] == ["五抓一优一促", "三五", "六稳", "六保"]
    assert list(glossary_000)[-1] == "全科网格"


@pytest.mark.parametrize(
    ("term", "definition", "parts"),
    [
        ("六稳", "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期", 6),
        ("三保", "保工资、保运转、保基本民生", ("保工资", "保运转", "保基本民生")),
        ("三个一批", "开发区项目签约一批、开工一批、投产一批", 3),
        ("三无", None, ("无差别", "无障碍", "无后顾之忧")),
        ("两高", "高耗能、高排放项目", ("高耗能", "高排放")),
        ("三品一标", "品种培优、品质提升、品牌打造和标准化生产", 4),
        ("四水四定", "以水定城、以水定地、以水定人、以水定产", 4),
        ("双控", "能耗总量和强度双控", ("能耗总量", "强度")),  # 和 splits, the term's head drops
        ("三位一体", "生产、供销、信用综合改革", ("生产", "供销", "信用")),
        ("七大行动", None, 7),
        ("服务业提质增效十大行动", None, 10),
        ("专精特新", "满足“专业化、精细化、特色化、新颖化”发展要求的中小企业", 4),
        ("双创", "“大众创业、万众创新”，是国家基于转型发展需要和国内创新潜力提出的重大战略", 2),
        ("六新", None, ("新基建", "新技术", "新材料", "新装备", "新产品", "新业态")),
        ("四方责任", None, ("属地", "部门", "单位", "个人")),
        (
            "合（和）汽（气）生材（财）",
            None,
            ("信息技术与制造业深度融合", "智能网联新能源汽车", "生物医药大健康", "新材料"),
        ),
        (
            "三五",
            None,
            (
                "人文新绛",
                "绿色新绛",
                "和谐新绛",
                "农业产业化提质",
                "新型工业化提速",
                "文化旅游业提位",
                "商贸物流业提档",
                "城镇化水平提升",
            ),
        ),
        (
            "三个一批",
            None,
            ("开发区项目签约一批", "开工一批", "投产一批"),
        ),  # a subject is not a lead-in
        (
            "两下两进两拆",
            None,
            (
                "管线下地",
                "广告下墙",
                "机动车进库进位",
                "非机动车规范入位",
                "拆除建筑物及构筑物",
                "拆除围挡和围墙",
            ),
        ),
        ("双减", None, ("过重作业负担", "校外培训负担")),
        ("全科网格", None, ()),
    ],
)
def test_entries_of_000(
    glossary_000: dict[str, GlossaryEntry],
    term: str,
    definition: str | None,
    parts: int | tuple[str, ...],
) -> None:
    entry = glossary_000[term]
    if definition is not None:
        assert entry.definition == definition
    if isinstance(parts, int):
        assert len(entry.parts) == parts
    else:
        assert entry.parts == parts


def test_definition_wrapped_over_lines_and_a_page_number(
    glossary_000: dict[str, GlossaryEntry],
) -> None:
    assert glossary_000["专精特新"].definition.endswith("发展要求的中小企业")
    three = glossary_000["三管三必须"]
    assert three.definition == "管业务必须管安全、管行业必须管安全、管生产经营必须管安全"
    assert len(three.parts) == 3


def test_one_item_two_terms_each_get_their_own_sentence(
    glossary_000: dict[str, GlossaryEntry],
) -> None:
    house, land = glossary_000["房证同交"], glossary_000["地证同交"]
    assert house.definition == land.definition  # the item's text, as the gold has it
    assert house.definition.startswith("“房证同交”改革是指通过部门协调联动")
    assert house.definition.endswith("实现用权与产权同步")
    assert house.own_definition.startswith("通过部门协调联动")
    assert house.own_definition.endswith("实现住权与产权同步")
    assert land.own_definition.startswith("通过主动靠前服务")
    assert land.own_definition.endswith("实现用权与产权同步")
    assert house.parts == land.parts == ()


def test_one_item_two_terms_sharing_a_definition(glossary_000: dict[str, GlossaryEntry]) -> None:
    none, can = glossary_000["三无"], glossary_000["三可"]
    assert none.definition == can.definition
    assert none.parts == ("无差别", "无障碍", "无后顾之忧")
    assert can.parts == ("可预期", "可信赖", "可发展")


def test_offsets_on_raw_text_with_page_number(raw_000: str) -> None:
    entries = [e for e in parse_glossary(raw_000) if e.style == "numbered"]
    assert len(entries) == 40
    for entry in entries:
        assert raw_000[entry.term_start : entry.term_end] == entry.term
        span = re.sub(r"\s+|- 27 -", "", raw_000[entry.def_start : entry.def_end])
        assert span == re.sub(r"\s+", "", entry.definition)
    three = next(e for e in entries if e.term == "三管三必须")
    assert "- 27 -" in raw_000[three.def_start : three.def_end]


BRACKETED = """十、保障措施
各级政府要狠抓落实。
名词解释：
〔1〕“三个一批”：谋划一批、储备一批、落地一批。
〔2〕“四个区域性中心”：区域性金融中心、区域性物流中心、区域性
科技创新中心、区域性文化中心。
〔3〕“放管服”改革：简政放权、放管结合、优化服务。
"""


def test_bracketed_style_with_wrapped_entry() -> None:
    entries = parse_glossary(BRACKETED)
    assert [(e.term, e.style) for e in entries] == [
        ("三个一批", "bracketed"),
        ("四个区域性中心", "bracketed"),
        ("放管服", "bracketed"),
    ]
    assert entries[1].parts == (
        "区域性金融中心",
        "区域性物流中心",
        "区域性科技创新中心",
        "区域性文化中心",
    )
    assert entries[2].parts == ("简政放权", "放管结合", "优化服务")  # acrostic 放 管 服
    for entry in entries:
        assert BRACKETED[entry.term_start : entry.term_end] == entry.term


def test_square_brackets_and_circled_numbers() -> None:
    square = "注释\n[1]“两新”：新型基础设施建设、新型城镇化建设。\n[2]“一带一路”：丝绸之路经济带和21世纪海上丝绸之路。"
    assert [(e.term, e.parts) for e in parse_glossary(square)] == [
        ("两新", ("新型基础设施建设", "新型城镇化建设")),
        ("一带一路", ("丝绸之路经济带", "21世纪海上丝绸之路")),
    ]
    circled = "附注：\n①“双循环”：国内大循环为主体、国内国际双循环相互促进。\n②“三线一单”：生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。"
    entries = parse_glossary(circled)
    assert [e.style for e in entries] == ["circled", "circled"]
    assert len(entries[1].parts) == 4


def test_unnumbered_glossary_and_a_term_without_quotes() -> None:
    text = "正文到此结束。\n名词解释\n“三农”：农业、农村、农民。\n乡村振兴五大行动：产业振兴、人才振兴、文化振兴、生态振兴、组织振兴。\n"
    entries = parse_glossary(text)
    assert [(e.term, e.style, len(e.parts)) for e in entries] == [
        ("三农", "unnumbered", 3),
        ("乡村振兴五大行动", "unnumbered", 5),
    ]


def test_section_ends_at_body_text() -> None:
    text = (
        "附注：\n1.“六保”：保居民就业、保基本民生。\n第二部分 工作安排\n2.加快发展：坚持项目为王。"
    )
    assert [e.term for e in parse_glossary(text)] == ["六保"]


def test_count_mismatch_gives_no_parts() -> None:
    text = "附注：\n1.“五个坚持”：坚持党的领导、坚持人民至上、坚持改革创新。"
    (entry,) = parse_glossary(text)
    assert entry.definition == "坚持党的领导、坚持人民至上、坚持改革创新"
    assert entry.parts == ()


def test_weak_heading_needs_an_entry() -> None:
    assert parse_glossary("注：带*的为约束性指标。\n注重实效：狠抓落实。") == ()


@pytest.mark.parametrize(
    ("text", "term", "definition", "style"),
    [
        (
            "按照“一核两链”（以产业园为核心，打造价值链和利益链）布局。",
            "一核两链",
            "以产业园为核心，打造价值链和利益链",
            "inline-paren",
        ),
        (
            "构建空间布局。“一城”即中心城区，包括老城区。",
            "一城",
            "中心城区，包括老城区",
            "inline-ji",
        ),
        ("所谓三农是指农业、农村、农民。", "三农", "农业、农村、农民", "inline-shizhi"),
        ("全面推进三农，即农业、农村、农民。", "三农", "农业、农村、农民", "inline-ji"),
        ("“净零”改革是指排放与吸收相抵。", "净零", "排放与吸收相抵", "inline-shizhi"),
    ],
)
def test_inline_definitions(text: str, term: str, definition: str, style: str) -> None:
    (entry,) = parse_glossary(text)
    assert (entry.term, entry.definition, entry.style) == (term, definition, style)
    assert text[entry.term_start : entry.term_end] == term
    assert text[entry.def_start : entry.def_end] == definition


@pytest.mark.parametrize(
    "text",
    [
        "建设“雪亮工程”指挥平台，提升安全感。",  # 指挥 is not 指
        "完成“十四五”（2021—2025年）目标。",  # a bracket holding dates
        "打造“河东书房”（新绛店）。",  # an alias, not a definition
        "两年即可完成。",
        "用时两年，即2021年到2022年。",  # 两年 is a quantity, not a term
    ],
)
def test_not_inline_definitions(text: str) -> None:
    assert parse_glossary(text) == ()


GOLD_000 = Path(__file__).parent / "data" / "gold" / "000_c00127774768d764.glossary.jsonl"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_agrees_with_the_gold_glossary_of_000(glossary_000: dict[str, GlossaryEntry]) -> None:
    gold = [json.loads(line) for line in GOLD_000.read_text("utf-8").splitlines() if line.strip()]
    assert len(gold) == 38
    for item in gold:
        terms = item.get("terms") or [item["term"]]
        entries = [glossary_000[term] for term in terms]
        # the terms of one item share its definition; parts are split per term (glossary_entry)
        assert all(_squash(e.definition) == _squash(item["definition"]) for e in entries)
        parts = [p for e in entries for p in e.parts]
        assert [_squash(p) for p in parts] == [_squash(p) for p in item["parts"]], item["term"]


@pytest.mark.parametrize(
    ("text", "term", "definition", "parts"),
    [
        (
            "坚持稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期（简称“六稳”），推动发展。",
            "六稳",
            "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期",
            6,
        ),
        ("推进“大众创业、万众创新”（简称“双创”）。", "双创", "大众创业、万众创新", 2),
        ("全国文明城市，简称“文明城”，", "文明城", "全国文明城市", 0),
    ],
)
def test_jiancheng_names_the_clause_before_it(
    text: str, term: str, definition: str, parts: int
) -> None:
    (entry,) = parse_glossary(text)
    assert (entry.term, entry.definition, entry.style) == (term, definition, "inline-jiancheng")
    assert text[entry.def_start : entry.def_end] == definition
    assert len(entry.parts) == parts


def test_parenthesized_chinese_markers_and_shizhi_after_the_colon() -> None:
    text = "名词解释\n（一）“三农”：是指农业、农村、农民。\n（二）“两新”：新型基础设施建设、新型城镇化建设。"
    entries = parse_glossary(text)
    assert [(e.term, e.style) for e in entries] == [
        ("三农", "parenthesized"),
        ("两新", "parenthesized"),
    ]
    assert entries[0].definition == "是指农业、农村、农民"  # the text after the colon, as written
    assert entries[0].parts == ("农业", "农村", "农民")


def test_heading_and_first_entry_on_one_line() -> None:
    text = "附注：1.“三保”：保工资、保运转、保基本民生。2.“五减”：减材料、减证明、减环节、减时限、减费用。"
    assert [(e.term, len(e.parts)) for e in parse_glossary(text)] == [("三保", 3), ("五减", 5)]


UNSEEN_REPORT = """政府工作报告
——2023年1月10日在某县第十届人民代表大会第三次会议上
各位代表：
过去一年，我们坚持“两山”理念，深入实施“千万工程”，全面落实
“六稳”“六保”任务，推动“最多跑一次”改革向纵深发展。今年要聚焦
“四个县城”建设，巩固“两不愁三保障”成果。

— 12 —

名词解释
“两山”是指绿水青山就是金山银山。
“千万工程”：千村示范、万村整治工程。
“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、
稳预期。
“四个县城”：产业县城、生态县城、
智慧县城、幸福县城。
"""


def test_an_unseen_report_with_an_unnumbered_glossary() -> None:
    entries = parse_glossary(UNSEEN_REPORT)
    assert [(e.term, e.style) for e in entries] == [
        ("两山", "unnumbered"),
        ("千万工程", "unnumbered"),
        ("六稳", "unnumbered"),
        ("四个县城", "unnumbered"),
    ]
    by_term = {e.term: e for e in entries}
    assert by_term["两山"].definition == "绿水青山就是金山银山"
    assert by_term["两山"].parts == ()  # 两 announces two members; the definition lists none
    assert by_term["六稳"].definition == "稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期"
    assert by_term["四个县城"].parts == ("产业县城", "生态县城", "智慧县城", "幸福县城")
    for entry in entries:
        assert UNSEEN_REPORT[entry.term_start : entry.term_end] == entry.term


def test_footnotes_without_a_heading_and_a_heading_after_a_sentence() -> None:
    text = (
        "全面落实“六稳”①任务，推进“两新”②建设。\n"
        "①“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期。\n"
        "②“两新”：新型基础设施建设、新型城镇化建设。\n"
        "迎接胜利召开！附注：1.“三保”：保工资、保运转、保基本民生。"
    )
    entries = parse_glossary(text)
    assert [(e.term, e.style, len(e.parts)) for e in entries] == [
        ("六稳", "circled", 6),
        ("两新", "circled", 2),
        ("三保", "numbered", 3),
    ]


def test_a_numbered_body_list_is_no_glossary() -> None:
    text = "一、主要工作\n1.“六稳”工作扎实推进：全年新增就业3000人。\n2.项目建设：新开工项目20个。"
    assert parse_glossary(text) == ()


_ALPHABET = "附注名词解释：:1.〔〕[]①（）“”、，。；\n六稳保三两新即是指简称和等的 - 27"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_offsets_hold_on_any_text(text: str) -> None:
    for entry in parse_glossary(text):
        assert text[entry.term_start : entry.term_end] == entry.term
        assert 0 <= entry.def_start <= entry.def_end <= len(text)
        assert entry.definition and entry.term


@pytest.mark.parametrize("text", ["三两，即①:", "“三两”：即①②。", "“六稳”：2①，稳就业。"])
def test_circled_and_other_non_decimal_digits_do_not_crash(text: str) -> None:
    # '①'.isdigit() is True but int('①') raises: labels must be read as decimals only.
    for entry in parse_glossary(text):
        assert text[entry.term_start : entry.term_end] == entry.term


def test_sub_items_inside_a_definition() -> None:
    text = (
        "附件1：名词解释\n1.“三个一批”：一是谋划一批，二是储备一批，三是落地一批。\n"
        "2.“两新”：（1）新型基础设施建设；（2）新型城镇化建设。\n3.“三保”：保工资、保运转、保基本民生。"
    )
    entries = parse_glossary(text)
    assert [(e.term, e.parts) for e in entries] == [
        ("三个一批", ("谋划一批", "储备一批", "落地一批")),
        ("两新", ("新型基础设施建设", "新型城镇化建设")),
        ("三保", ("保工资", "保运转", "保基本民生")),
    ]
    assert entries[1].definition == "（1）新型基础设施建设；（2）新型城镇化建设"


@pytest.mark.parametrize(
    "heading",
    ["※名词解释※", "*名词解释", "【名词解释】", "[名词解释]", "附件一：名词解释", "※注释※"],
)
def test_decorated_headings(heading: str) -> None:
    text = f"各位代表，让我们团结奋斗。\n{heading}\n[1]三通两改：通水、通电、通路，改厕、改圈。\n"
    entries = parse_glossary(text)
    assert [(e.term, e.definition) for e in entries] == [
        ("三通两改", "通水、通电、通路，改厕、改圈")
    ]


def test_bracketed_heads_after_the_number() -> None:
    text = (
        "名词解释\n1.[两个不变]即人员不变、待遇不变。\n2.[“3+2”行动]指三项整治和两项提升。\n"
        "3.[村口“五小”]小广场、小书屋、小舞台、小公园、小超市。\n4.[12321]是市里提出的。\n"
    )
    entries = parse_glossary(text)
    assert [(e.term, e.definition) for e in entries] == [
        ("两个不变", "人员不变、待遇不变"),  # 即 after the bracket is a connector
        ("3+2", "指三项整治和两项提升"),  # 指 / 是 stay (GUIDELINE, glossary hard cases)
        ("五小", "小广场、小书屋、小舞台、小公园、小超市"),
        ("12321", "是市里提出的"),
    ]
    assert entries[0].parts == ("人员不变", "待遇不变")


def test_broken_and_unusual_heads() -> None:
    text = (
        "※名词解释※\n[1]“办结即归档”：材料办结后当日归档。\n[2]“湖长制”。是指由各级负责人担任湖长。\n"
        "[3]“五方联动：政府、企业、学校、社区、家庭联动。\n[4]两严一保”机制：严查、严管，保安全。\n"
        "[5]：“三不”：不推、不拖、不躲。\n[6]“K”线：快速公交线路。\n[7]粜（tiào）：卖出粮食。\n"
    )
    assert [(e.term, e.definition) for e in parse_glossary(text)] == [
        ("办结即归档", "材料办结后当日归档"),  # 即 inside the quotes is no separator
        ("湖长制", "由各级负责人担任湖长"),
        ("五方联动", "政府、企业、学校、社区、家庭联动"),
        ("两严一保", "严查、严管，保安全"),
        ("三不", "不推、不拖、不躲"),
        ("K", "快速公交线路"),
        ("粜", "卖出粮食"),
    ]


def test_page_notes_and_trailing_commas_are_dropped() -> None:
    text = "※注释※\n[1]“两清”：是指清淤、清障。（见第3页）\n[2]“一网”：是指一张网络，\n"
    assert [e.definition for e in parse_glossary(text)] == ["是指清淤、清障", "是指一张网络"]


def test_two_headed_definitions_under_one_number() -> None:
    text = (
        "※注释※\n[1]“三个一”：建设一条街、一个园、一座馆。“新两个一”：建设一所学校、一所医院。\n"
        "[2]“2+1”：“2”：两项改革；“1”：一项整治。\n"
    )
    entries = parse_glossary(text)
    assert [(e.term, e.definition) for e in entries] == [
        ("三个一", "建设一条街、一个园、一座馆"),
        ("新两个一", "建设一所学校、一所医院"),
        ("2+1", "“2”：两项改革；“1”：一项整治"),  # labels inside the head explain it
    ]


def test_several_terms_in_one_head_get_their_own_stretch_and_parts() -> None:
    text = (
        "名词解释\n1.“三转”“两提”工作：在县域层面，“三转”即转观念、转作风、转方式；"
        "“两提”即提效率、提质量。\n"
        "2.低碳、零碳、“2·8”目标：低碳指减少排放，零碳指抵消排放。\n"
    )
    by_term = {e.term: e for e in parse_glossary(text)}
    assert list(by_term) == ["三转", "两提", "低碳", "零碳", "2·8"]
    turn, raise_ = by_term["三转"], by_term["两提"]
    assert turn.joined == raise_.joined == ("三转", "两提")
    assert turn.definition == raise_.definition  # the item's whole text
    assert turn.definition.startswith("在县域层面")
    assert turn.own_definition == "转观念、转作风、转方式"
    assert raise_.own_definition == "提效率、提质量"
    assert turn.parts == ("转观念", "转作风", "转方式")
    assert raise_.parts == ("提效率", "提质量")
    assert by_term["低碳"].joined == ("低碳", "零碳", "2·8")
    assert by_term["低碳"].own_definition == "减少排放"
    assert by_term["零碳"].own_definition == "抵消排放"
    assert by_term["2·8"].own_definition == ""  # no stretch of its own


def test_glossary_definitions_keep_the_source_punctuation() -> None:
    from types import SimpleNamespace

    from policykg.nlp.results import _raw_definition

    raw = "名词解释\n1.“两带”：沿河(东岸)生态带;沿山,文旅带。\n"
    norm = normalize(raw)
    entry = parse_glossary(norm.text)[0]
    assert entry.definition == "沿河（东岸）生态带；沿山，文旅带"
    doc = SimpleNamespace(raw=raw)
    assert _raw_definition(doc, norm, entry) == "沿河(东岸)生态带;沿山,文旅带"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # each counted label explains its own members; a label counting one is its whole text
        (
            "“两馆一站”：“两馆”指图书馆、科技馆；“一站”指服务驿站。",
            ("图书馆", "科技馆", "服务驿站"),
        ),
        ("“2+1”：“2”即修路、架桥，“1”即建一座公园。", ("修路", "架桥", "建一座公园")),
        # a piece of the term after the last member goes; a counted noun (一基地) stays
        ("“三水共治”：治污水、治洪水、治涝水共治。", ("治污水", "治洪水", "治涝水")),
        ("“两区一基地”：创新区、产业区、育种基地。", ("创新区", "产业区", "育种基地")),
        # a lead that ends with a verb goes when the rest has the members' shape
        (
            "“三园同建”：协同推进农村新型社区、产业园区、生态园区建设。",
            ("农村新型社区", "产业园区", "生态园区"),
        ),
    ],
)
def test_parts_of_labelled_and_wrapped_lists(line: str, parts: tuple[str, ...]) -> None:
    entries = parse_glossary(f"名词解释\n1.{line}\n")
    assert [e.parts for e in entries] == [parts]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # clauses opening with the same word are the members, a 、 inside one notwithstanding
        (
            "“两个坚持”：坚持甲方、乙方的统一，坚持丙方的领导。",
            ("坚持甲方、乙方的统一", "坚持丙方的领导"),
        ),
        # a term listing counted components explained in turn: the components
        (
            "一核、两翼、多点：一核，即老城区；两翼，即东区和西区；多点，即各乡镇。",
            ("一核", "两翼", "多点"),
        ),
        # a quoted member after a shared word is the member; a quoted count names the list
        (
            "“四进”：文化“进社区”、“进学校”、“进家庭”、“进企业”。",
            ("进社区", "进学校", "进家庭", "进企业"),
        ),
        (
            "“二三”：东城、西城“两城”，南园、北园、中园“三园”。",
            ("东城", "西城", "南园", "北园", "中园"),
        ),
        # a clause alone gives no evidence that 对 is a lead-in
        (
            "“三个一”：对接一所高校，对接一家医院，培育一家企业。",
            ("对接一所高校", "对接一家医院", "培育一家企业"),
        ),
    ],
)
def test_parts_of_parallel_clauses_labels_and_quoted_members(
    line: str, parts: tuple[str, ...]
) -> None:
    entries = parse_glossary(f"名词解释\n1.{line}\n")
    assert [e.parts for e in entries] == [parts]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # members open with their component's character (三创 → 创…, 一建 → 建…); a 、-list
        # that goes on without it stays inside the member before it
        (
            "“三创一建”：即创新、创业和创建文明城市、卫生城市，建设新区。",
            ("创新", "创业", "创建文明城市、卫生城市", "建设新区"),
        ),
        # a clause after the last member that opens with no component's character is a tail
        (
            "“两治三建”：治水、治气，建园区、建公园、建书屋，提升环境。",
            ("治水", "治气", "建园区", "建公园", "建书屋"),
        ),
    ],
)
def test_parts_grouped_by_the_terms_components(line: str, parts: tuple[str, ...]) -> None:
    entries = parse_glossary(f"名词解释\n1.{line}\n")
    assert [e.parts for e in entries] == [parts]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # a connector opening the definition is no member
        (
            "“双带两起来”：即，村带户、户带人；把产业做起来、把群众组起来。",
            ("村带户", "户带人", "把产业做起来", "把群众组起来"),
        ),
        # …的简称 closes the list
        ("“三优”：优化结构、优化布局、优化环境的简称。", ("优化结构", "优化布局", "优化环境")),
        # the members share the term's counted character; the last has a tail after it
        ("“三好村道”：修好、管好、养好村内道路。", ("修好", "管好", "养好")),
        # a pair joined by 和 keeps its shared noun (…系统和…系统)
        ("“四大系统”：预警、调度、指挥系统和监测系统。", ("预警", "调度", "指挥系统", "监测系统")),
    ],
)
def test_parts_lose_connectors_summaries_and_tails(line: str, parts: tuple[str, ...]) -> None:
    entries = parse_glossary(f"名词解释\n1.{line}\n")
    assert [e.parts for e in entries] == [parts]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # one clause's list with the count wins over a list that takes in a date clause
        (
            "“四项行动”：2020年，全县围绕植树、护林、防火及护水等四方面开展行动。",
            ("植树", "护林", "防火", "护水"),
        ),
        # a first clause that says who set the term out is no member
        (
            "“两个一批”：市委全会提出，引进一批企业，培育一批人才。",
            ("引进一批企业", "培育一批人才"),
        ),
        # N个一 counts N items; the subject before the word the others open with goes
        (
            "“三个一”：市里提出，每个村建设一个广场，建设一个书屋，建设一个球场。",
            ("建设一个广场", "建设一个书屋", "建设一个球场"),
        ),
        # a lead-in ending with a verb such as 提高 goes
        (
            "“四种能力”：干部要提高学习能力、协调能力、执行能力、创新能力。",
            ("学习能力", "协调能力", "执行能力", "创新能力"),
        ),
    ],
)
def test_parts_without_preambles_subjects_and_lead_verbs(line: str, parts: tuple[str, ...]) -> None:
    entries = parse_glossary(f"名词解释\n1.{line}\n")
    assert [e.parts for e in entries] == [parts]


def test_an_unquoted_head_listing_terms_each_explained() -> None:
    text = (
        "名词解释\n1.[红灯、绿灯]在审批中，“红灯”指暂停办理的事项，“绿灯”指优先办理的事项。\n"
        "2.一核、两翼：一核，即老城区；两翼，即东区和西区。\n"
    )
    entries = parse_glossary(text)
    assert [e.term for e in entries] == ["红灯", "红灯、绿灯", "绿灯", "一核、两翼"]
    red, both, green = entries[:3]
    assert both.definition == red.definition == green.definition
    assert red.own_definition == "暂停办理的事项"
    assert green.own_definition == "优先办理的事项"
    assert red.joined == ("红灯", "绿灯")
    assert entries[3].parts == ("一核", "两翼")  # counted components are one term's parts


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # a tail that counts the list it closes goes (三大…, 2个…); one counting one item stays
        (
            "“三大产业”：装备制造、新能源、节能环保三大新兴产业。",
            ("装备制造", "新能源", "节能环保"),
        ),
        ("“两类产业”：生活用纸和电力电气2个传统产业。", ("生活用纸", "电力电气")),
        ("“三个一”：建一个广场、修一条路、办一家企业。", ("建一个广场", "修一条路", "办一家企业")),
    ],
)
def test_parts_lose_a_tail_counting_them(line: str, parts: tuple[str, ...]) -> None:
    entries = parse_glossary(f"名词解释\n1.{line}\n")
    assert [e.parts for e in entries] == [parts]


def test_a_prose_definition_opened_by_ji_has_no_parts() -> None:
    text = (
        "名词解释\n1.“容缺办”：即在材料不全时先行受理企业的各类申请，再由企业限期补齐全部材料，"
        "全面提高审批效率。\n2.“放心消费”：包括放心商店、放心市场、放心网店。\n"
    )
    assert [e.parts for e in parse_glossary(text)] == [(), ("放心商店", "放心市场", "放心网店")]
