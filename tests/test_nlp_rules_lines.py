"""Issue 13, enterprise boundaries: a firm's line of business is part of its short name (亿纬动力),
a product or hub after the line word is not a firm (…动力电池, 保税物流中心), and a verb with its
object is no trade name (加密开行物流); a city before a company, exchanges (H-c9). Sentences
written for these tests, names invented."""

from __future__ import annotations

import pytest

from policykg.nlp.rules.lists import find_listed_enterprises
from policykg.nlp.rules.orgs import find_brand_names, find_enterprises


def brands(text: str) -> list[str]:
    return [text[s:e] for s, e, _, _ in find_brand_names(text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("支持岚峰动力建设千亿级企业", ["岚峰动力"]),
        ("加快推进澜美晶体固废库建设", ["澜美晶体"]),
        ("支持鹤川汽车冲刺300亿", ["鹤川汽车"]),
        ("翠溪锂业签约落地", ["翠溪锂业"]),
        ("大力培育洛威复合材料、中垣金属", ["洛威复合材料"]),
        ("推动沁源石化转型升级", ["沁源石化"]),
    ],
)
def test_issue13_a_line_of_business_ends_the_short_name(text: str, names: list[str]) -> None:
    assert brands(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "推动岚诺动力电池扩产",  # the battery is the product: the firm is 岚诺 alone
        "推进鹤阳汽车配件项目",
        "加快眉溪保税物流中心申报",
        "争创陆港型国家物流枢纽",
        "高效运行班列，加密开行物流专列",
        "抓创新增动力。依托院士工作站",
        "加快农产品冷藏保鲜、冷链物流等设施建设",
        "全面提振汽车、家电消费",
    ],
)
def test_issue13_products_hubs_and_verb_phrases_are_no_firms(text: str) -> None:
    assert brands(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“云集网”华中基地、苏州澜帆科技公司成功落户", "苏州澜帆科技公司"),
        ("力帆电气股份有限公司在深圳证券交易所成功上市", "深圳证券交易所"),
        ("并在深交所挂牌上市", "深交所"),
        ("建设东岭畜牧交易所", "东岭畜牧交易所"),
    ],
)
def test_issue13_city_led_companies_and_exchanges(text: str, name: str) -> None:
    assert name in {text[s:e] for s, e, _, _ in find_enterprises(text)}


@pytest.mark.parametrize(
    "text",
    [
        "成立杭州投资公司",  # a city and a generic line: no trade name
        "支持岚城中学教育集团发展",  # a group of schools
        "全面深化与证券交易所对接",
        "建设技术产权交易所",  # a platform, not a market operator
        "做强农交所、林交所",  # no listing in the clause
        "近八成境内上市公司来自民营企业",  # a kind of company
        "推动龙头企业在岚设立子公司",  # a body still to be set up
    ],
)
def test_issue13_generic_companies_schools_and_platforms_are_no_firms(text: str) -> None:
    assert find_enterprises(text) == []


def test_issue13_a_line_word_whose_last_character_meets_a_word_still_ends_the_name() -> None:
    assert brands("物流企业各1户，澜宇物流入围百强") == ["澜宇物流"]
    assert brands("加快绿化工程建设") == []


def test_issue13_list_items_that_open_with_a_line_word_are_sectors() -> None:
    text = "攻坚。纺织服装、机电制造、岚峰化工等企业攻关新技术"
    assert texts_of(find_listed_enterprises(text), text) == {"岚峰化工"}


def texts_of(found: list[tuple[int, int, str, object]], text: str) -> set[str]:
    return {text[s:e] for s, e, _, _ in found}
