"""parse_glossary on document 000's 附注 (normalised and raw) and on invented glossaries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.nlp.glossary import GlossaryEntry, parse_glossary
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


def test_one_item_two_terms_share_the_text_after_the_colon(
    glossary_000: dict[str, GlossaryEntry],
) -> None:
    house, land = glossary_000["房证同交"], glossary_000["地证同交"]
    assert house.definition == land.definition
    assert house.definition.startswith("“房证同交”改革是指通过部门协调联动")
    assert house.definition.endswith("实现用权与产权同步")
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
        if len(entries) == 1:
            assert _squash(entries[0].definition) == _squash(item["definition"]), item["term"]
        else:  # the terms share the item's definition; parts are split per term (glossary_entry)
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
        assert entry.definition and len(entry.term) >= 2


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
