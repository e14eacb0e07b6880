"""The policykg_terms component: quoted abbreviations and slogans, and later unquoted uses."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.nlp.terms.finder import find_term_uses, find_terms
from policykg.nlp.terms.shape import classify_quoted


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    pipeline = spacy.blank("zh")
    pipeline.add_pipe("policykg_terms")
    return pipeline


def labelled(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in find_terms(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("扎实做好“六稳”工作", [("六稳", "Abbreviation")]),
        ("用好“五抓一优一促”经济工作主抓手", [("五抓一优一促", "Abbreviation")]),
        ("坚决遏制“两高”项目盲目发展", [("两高", "Abbreviation")]),
        ("深入推进“放管服”改革", [("放管服", "Abbreviation")]),
        ("新培育“专精特新”企业15家", [("专精特新", "Abbreviation")]),
        ("强化“5+2”“7×24”服务", [("5+2", "Abbreviation"), ("7×24", "Abbreviation")]),
        ("推广“1+N”镇村联动", [("1+N", "Abbreviation")]),
        (
            "增强“四个意识”、坚定“四个自信”",
            [("四个意识", "Abbreviation"), ("四个自信", "Abbreviation")],
        ),
        (
            "书写“人文新绛、绿色新绛、和谐新绛”美丽篇章",
            [("人文新绛、绿色新绛、和谐新绛", "Slogan")],
        ),
        ("坚持“大招商、招大商”的理念", [("大招商、招大商", "Slogan")]),
        ("践行“绿水青山就是金山银山”理念", [("绿水青山就是金山银山", "Slogan")]),
        ("强化“景区为王”理念", [("景区为王", "Slogan")]),
        ("坚持“房住不炒”", [("房住不炒", "Slogan")]),
    ],
)
def test_quoted_terms_in_the_genre(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "当好现代农业“排头兵”",  # metaphor
        "夯实粮食安全“压舱石”",
        "建成“山西中医药大学大学生实习实训基地”",  # a name
        "成功处置了“10·07”事件",  # an event date
        "要在“合”上闯新路",  # one character
        "推进“一站式”服务",  # a single 一 is an ordinary word
        "读《“十四五”规划》",
    ],
)
def test_quoted_strings_that_are_neither(text: str) -> None:
    assert [lab for lab in labelled(text) if lab[0] != "十四五"] == []


def test_invented_terms_of_other_provinces() -> None:
    text = "推进“三个一批”项目，建设“四个区域性中心”，落实“双随机、一公开”监管，坚持“项目为王、企业至上”。"
    assert labelled(text) == [
        ("三个一批", "Abbreviation"),
        ("四个区域性中心", "Abbreviation"),
        ("双随机、一公开", "Abbreviation"),  # a list of count terms is one abbreviation
        ("项目为王、企业至上", "Slogan"),
    ]


def test_lists_of_count_terms_or_single_characters_are_one_abbreviation() -> None:
    assert classify_quoted("三保、三增、三防") == [(0, 8, "Abbreviation")]
    assert classify_quoted("一平台、三系统、一体系") == [(0, 11, "Abbreviation")]
    assert classify_quoted("吃、住、行、游") == [(0, 7, "Abbreviation")]
    assert classify_quoted("特、优") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深化“承诺制+标准地+全代办”改革", [("承诺制+标准地+全代办", "Abbreviation")]),
        ("推广“党建＋网格＋大数据”模式", [("党建＋网格＋大数据", "Abbreviation")]),
        ("发展“旅游+”新业态", []),  # a single word with + is not a term (H-c18, H-jx6)
        ("提供“7×24 小时”服务", [("7×24 小时", "Abbreviation")]),
        ("落实“13710”督办制度", [("13710", "Abbreviation")]),
        ("实行“一企一策”帮扶", []),  # 一 only means one
        ("丢掉“小九九”", []),  # a doubled numeral is an idiom
        ("开展“绿满新城”行动", [("绿满新城", "Slogan")]),  # a campaign motto
        ("实施“美丽乡村”行动计划", [("美丽乡村", "Slogan")]),
        ("培育“小巨头”企业", [("小巨头", "Abbreviation")]),  # condensed + head noun (a known limit)
        ("建设“城市大脑”项目", []),  # 项目 is no sign of a condensed term
        ("培育“链主”企业", []),  # two characters are too short to be condensed
    ],
)
def test_formulas_codes_and_campaigns(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


def test_list_before_a_quoted_count_term_is_a_slogan() -> None:
    text = "要全力打造宜居城区、宜业园区、宜游景区“三个区域”，提升治理、服务、创新“三种能力”。"
    assert labelled(text) == [
        ("宜居城区、宜业园区、宜游景区", "Slogan"),
        ("三个区域", "Abbreviation"),
        ("三种能力", "Abbreviation"),  # 治理、服务、创新: two-character categories, not mottos
    ]


def test_count_term_after_a_quoted_list_is_an_abbreviation() -> None:
    text = "建设“法治、廉洁、高效”三个政府，完善“四好”标准。"
    assert labelled(text) == [
        ("法治、廉洁、高效", "Slogan"),
        ("三个政府", "Abbreviation"),
        ("四好", "Abbreviation"),
    ]
    assert labelled("建设“法治、廉洁”三个政府") == [("法治、廉洁", "Slogan")]  # the count disagrees


def test_term_defined_right_after_the_quote() -> None:
    assert labelled("“一城”即新绛县城") == [("一城", "Abbreviation")]
    assert labelled("推进“一城”建设") == []
    assert labelled("建成“河东书房”（新绛店）") == []  # a bracket after a name is no definition
    assert labelled("「六“」") == []  # quotes inside quotes are not read


def test_component_writes_labelled_spans_without_quotes(nlp: spacy.language.Language) -> None:
    doc = nlp("做好“六稳”“六保”工作，坚持“大招商、招大商”。")
    spans = [(s.text, s.label_, s.start_char) for s in doc.spans["terms"]]
    assert spans == [
        ("六稳", "Abbreviation", 3),
        ("六保", "Abbreviation", 7),
        ("大招商、招大商", "Slogan", 16),
    ]


def test_find_is_pure(nlp: spacy.language.Language) -> None:
    doc = nlp.make_doc("做好“六稳”工作")
    spans = nlp.get_pipe("policykg_terms").find(doc)  # type: ignore[attr-defined]
    assert [s.text for s in spans] == ["六稳"]
    assert "terms" not in doc.spans


def test_term_uses_longest_first() -> None:
    text = "用好五抓一优一促，而非五抓一促；落实六稳六保"
    uses = find_term_uses(text, ["五抓一促", "五抓一优一促", "六稳", "六保"])
    assert [(text[s:e], term) for s, e, term in uses] == [
        ("五抓一优一促", "五抓一优一促"),
        ("五抓一促", "五抓一促"),
        ("六稳", "六稳"),
        ("六保", "六保"),
    ]


def test_term_uses_skip_longer_count_terms() -> None:
    text = "“十三五”时期坚持三五工作思路，培养两高一紧人才，遏制两高项目"
    uses = find_term_uses(text, ["三五", "两高"])
    assert [(s, term) for s, _, term in uses] == [(text.index("三五工作"), "三五"), (27, "两高")]


def test_term_uses_skip_other_quoted_strings() -> None:
    text = "“双招双引”与双引并重"
    assert find_term_uses(text, ["双引"]) == [(text.index("与") + 1, text.index("与") + 3, "双引")]


def test_no_terms_no_uses() -> None:
    assert find_term_uses("六稳", []) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("坚持“河湖共治”，实施整治", [("河湖共治", "Slogan")]),  # a verb that takes a motto
        ("全力让“碧水长流”", [("碧水长流", "Slogan")]),
        ("落实“精准施策”总方针", [("精准施策", "Slogan")]),  # a motto noun after it
        ("建设“城市客厅”", []),  # an ordinary verb and noun
        ("形成“研发—生产—销售”链条", [("研发—生产—销售", "Slogan")]),  # a dash chain
        ("围绕“一年起步、两年提升、三年见效”目标", [("一年起步、两年提升、三年见效", "Slogan")]),
        ("落实“两片、三区、一轴”布局", [("两片、三区、一轴", "Abbreviation")]),
    ],
)
def test_mottos_by_context_and_lists(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    "text",
    ["拨打“12345”政务服务便民热线", "握住“七寸”", "粮食产量实现“八连增”"],
)
def test_figures_are_not_terms(text: str) -> None:
    assert labelled(text) == []


def test_a_code_without_a_service_word_is_an_abbreviation() -> None:
    assert labelled("落实“13710”工作制度") == [("13710", "Abbreviation")]


def test_a_report_of_another_province() -> None:
    text = (
        "我们坚持“两山”理念，深入实施“千万工程”，推动“最多跑一次”改革向纵深发展，"
        "聚焦“四个县城”建设，打造“产业强县、生态美县、文化兴县”。两山理念深入人心，千万工程成效明显。"
    )
    assert labelled(text) == [
        ("两山", "Abbreviation"),
        ("千万工程", "Abbreviation"),
        ("四个县城", "Abbreviation"),
        ("产业强县、生态美县、文化兴县", "Slogan"),
    ]
    known = [text[s:e] for s, e, label in find_terms(text) if label == "Abbreviation"]
    uses = [(text[s:e], s) for s, e, _ in find_term_uses(text, known)]
    assert [u for u, _ in uses] == ["两山", "千万工程", "四个县城", "两山", "千万工程"]


def test_adjacent_quoted_terms_share_the_head_after_them() -> None:
    text = "深化“放管服”“证照分离”“一枚印章管审批”等改革，推广“共享单车”"
    assert labelled(text) == [("放管服", "Abbreviation"), ("证照分离", "Abbreviation")]


def test_doctests_of_the_shape_module_hold() -> None:
    import doctest

    import policykg.nlp.terms.shape as shape

    result = doctest.testmod(shape)
    assert result.attempted > 0 and result.failed == 0


_ALPHABET = "“”「」、，。：（）+×一二三六两双五个稳保新绛项目改革企业就是为王即是指123\n"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_spans_never_cover_quotes_on_any_text(text: str) -> None:
    for start, end, label in find_terms(text):
        assert 0 <= start < end <= len(text)
        assert label in ("Abbreviation", "Slogan")
        assert not set(text[start:end]) & set("“”「」\n")
    for start, end, term in find_term_uses(text, ["六稳", "两高", "1+N"]):
        assert text[start:end] == term


# Issue 13 (terms accuracy): synthetic sentences for each shape rule, none taken from the corpus.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 一 counts a set: three or more 一-members, or a pair of parallel characters (H-xj1).
        ("完善“一厅一站一窗一平台”服务体系", [("一厅一站一窗一平台", "Abbreviation")]),
        ("做好“一江一河”保护", [("一江一河", "Abbreviation")]),
        # a numbered layout whose last member is 多 (H-c19).
        ("构建“一核、两带、多组团”空间格局", [("一核、两带、多组团", "Abbreviation")]),
        (
            "围绕“一个中心、两条主线、三项改革”展开",
            [("一个中心、两条主线、三项改革", "Abbreviation")],
        ),
        # a number after the quote marks a term the notes define (H-c20).
        ("推行“街巷吹哨”[12]机制", [("街巷吹哨", "Abbreviation")]),
        ("完善“田长制”[7]，压实责任", [("田长制", "Abbreviation")]),
        ("“321+”疾病筛查全面铺开", [("321+", "Abbreviation")]),
        # parallel parts opening with the same word (H-jx7), motto markers.
        ("实现“镇里事镇里办”", [("镇里事镇里办", "Slogan")]),
        ("开展“大走访大调解大服务”行动", [("大走访大调解大服务", "Slogan")]),
        ("坚持“农业为首”的方向", [("农业为首", "Slogan")]),
        ("落实“减负不减责”要求", [("减负不减责", "Slogan")]),
    ],
)
def test_issue13_term_shapes(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "推进“文创+”融合发展",  # a single word with + (H-c18)
        "实施“一户一策”帮扶",  # one … for each: 一 counts nothing
        "坚持“一问一答”，答疑解惑",  # a dictionary phrase
        "入选“省级特色小镇”名单",  # a title
        "落实“第一责任”要求",  # an ordinal
        "游客突破“三千万”人次",  # a figure
        "完成“五年攻坚”任务",  # a duration
        "推广“一事一次办”模式",  # a formula of method opening with 一
        "落实“交房即办证”要求",  # a coinage with 即, not a parallel motto
    ],
)
def test_issue13_not_terms(text: str) -> None:
    assert [lab for _, lab in labelled(text) if lab == "Abbreviation"] == []
