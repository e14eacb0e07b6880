"""Issue 13, second round: condensed terms and mottos the first rules missed."""

from __future__ import annotations

import pytest

from policykg.nlp.terms.finder import find_terms


def labelled(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in find_terms(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a condensed term before a policy head noun wins over the motto verb before it
        ("确保“专精特新”企业增至50家", [("专精特新", "Abbreviation")]),
        ("力争“引育用留”机制见效", [("引育用留", "Abbreviation")]),
        # without a head noun the verb still makes a four-character phrase a motto
        ("坚持“水岸共治”", [("水岸共治", "Slogan")]),
    ],
)
def test_head_noun_before_motto_verb(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全面推广“煤改电”“瓶改管”", [("煤改电", "Abbreviation"), ("瓶改管", "Abbreviation")]),
        ("落实“以塑代木”方案", [("以塑代木", "Abbreviation")]),
        ("推行“免审即办”服务", []),  # a service label ending in 办
        ("防御“杜苏芮”台风", []),  # clipped characters, no connective: a name
        ("弘扬“拼搏赶超”精神", []),  # dictionary words
        ("培育“金种子”群体", []),
    ],
)
def test_substitution_coinages(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


def test_doctests_of_the_condensed_module_hold() -> None:
    import doctest

    from policykg.nlp.terms import condensed

    result = doctest.testmod(condensed)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("加快建设“智慧南宁”，推动数字化转型", [("智慧南宁", "Slogan")]),
        ("持续开展“乐购杭州”系列活动", [("乐购杭州", "Slogan")]),
        ("打响“浪漫桂林”等夜游品牌", []),  # a brand
        ("“秀美桂林”更加亮丽", []),  # no goal or campaign clause
        ("推进“川渝通办”", []),  # a service label
    ],
)
def test_place_mottos(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


def test_doctests_of_the_mottos_module_hold() -> None:
    import doctest

    from policykg.nlp.terms import mottos

    result = doctest.testmod(mottos)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("严格落实中央八项规定及其实施细则", [("八项规定", "Abbreviation")]),
        ("坚决打好三大攻坚战", [("三大攻坚战", "Abbreviation")]),
        ("贯彻五大发展理念", [("五大发展理念", "Abbreviation")]),
        ("实施六大工程，建设两大园区", []),  # the report's own counts
        ("第三大战略性产业", []),  # an ordinal
        ("落实“两项规定”", [("两项规定", "Abbreviation")]),  # quoted: the quoted classifier's
    ],
)
def test_unquoted_count_terms_of_doctrine(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以“让每一条河流都清澈”为总目标", [("让每一条河流都清澈", "Slogan")]),
        ("以“功成不必在我”的境界担当作为", [("功成不必在我", "Slogan")]),
        ("以“新能源汽车产业”为目标", []),  # a sector, ends in no motto shape but a name word
        ("开展“春风送岗位”活动", []),  # an activity name: measured and left alone
    ],
)
def test_framed_sentence_mottos(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


def test_a_plain_list_summed_by_a_count_is_no_motto_list() -> None:
    assert labelled("建立完善重点企业、在谈项目、签约项目“三张清单”") == [
        ("三张清单", "Abbreviation")
    ]
    assert labelled("建设生态新城、文化新城、智慧新城“三个新城”") == [
        ("生态新城、文化新城、智慧新城", "Slogan"),
        ("三个新城", "Abbreviation"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("扎实做好保交楼工作", [("保交楼", "Abbreviation")]),
        ("放管服改革还不够彻底", [("放管服", "Abbreviation")]),
        ("支持能交水、农文旅融合发展", [("农文旅", "Abbreviation")]),
        ("推进京雄保一体化", []),  # a place grouping before a head of places
        ("做实做细工作", []),  # a reduplicated adverb
        ("完成3个村的改造工作", []),  # words, no condensed term
    ],
)
def test_unquoted_condensed_terms_before_a_head(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected


def test_count_terms_in_nested_single_quotes() -> None:
    assert labelled("围绕“奋战‘十五五’、建设新强市”的目标") == [
        ("奋战‘十五五’、建设新强市", "Slogan"),
        ("十五五", "Abbreviation"),
    ]
    assert labelled("打造“‘小而美’项目”") == []  # a nested word is no term


def test_five_year_plan_codes_count() -> None:
    assert labelled("开展“八五”普法，谋划“十五五”规划") == [
        ("八五", "Abbreviation"),
        ("十五五", "Abbreviation"),
    ]
    assert labelled("学会“小九九”") == []  # a doubled numeral is an idiom


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推动“房证同交”任务落地", [("房证同交", "Abbreviation")]),
        ("围绕群众“急难愁盼”问题", [("急难愁盼", "Abbreviation")]),
        ("争取“煤改气”资金", [("煤改气", "Abbreviation")]),
        ("完成“三年攻坚”任务", []),  # a duration, decided by its numerals
    ],
)
def test_more_policy_heads_after_a_condensed_term(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert labelled(text) == expected


def test_zero_goals_are_mottos() -> None:
    assert labelled("实现隐患“动态清零”") == [("动态清零", "Slogan")]
    assert labelled("确保欠薪“逐月归零”") == [("逐月归零", "Slogan")]
