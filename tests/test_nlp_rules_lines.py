"""Issue 13, enterprise boundaries: a firm's line of business is part of its short name (亿纬动力),
a product or hub after the line word is not a firm (…动力电池, 保税物流中心), and a verb with its
object is no trade name (加密开行物流). Sentences written for these tests, names invented."""

from __future__ import annotations

import pytest

from policykg.nlp.rules.orgs import find_brand_names


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
