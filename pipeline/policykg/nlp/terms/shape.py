"""Decide from its shape whether a quoted string is a policy abbreviation, a slogan, or neither.

Pure functions over the string between the quotes and the few characters after the closing
quote. The decision is structural:

* **Abbreviation** — a count term (“六稳”, “五抓一优一促”, “两个维护”, “十四五”), a digit code
  (“5+2”, “1+N”, “13710”), a “互联网+” style term, a short condensed term followed by a policy
  head noun (“放管服”改革, “专精特新”企业), or a term the text defines right after it
  (“一城”即…, “X”是指…).
* **Slogan** — a parallel motto whose members are separated by 、 or ，
  (“人文新绛、绿色新绛、和谐新绛”, “大招商、招大商”), or a motto sentence
  (“绿水青山就是金山银山”, “项目为王”, “房住不炒”).
* **Neither** — ordinary quoted nouns and metaphors, names of bases, projects and awards, titles,
  dates of events (“11·20”), single characters.

A list whose members are each a count term (“一平台、三系统、一体系”) or single characters
(“引、育、用、留”) is one abbreviation; a ``+`` formula (“承诺制+标准地+全代办”) is one too.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from policykg.nlp.rules.lexicon import is_word
from policykg.nlp.terms.condensed import is_coinage
from policykg.nlp.terms.mottos import is_parallel_repeat, is_place_motto, is_sentence_motto
from policykg.nlp.terms.vocabulary import DEFAULT_RULES, TermRules

ABBREVIATION = "Abbreviation"
SLOGAN = "Slogan"

_DATE_CODE = re.compile(r"\d{1,2}\s*[·.．]\s*\d{1,2}")
_DIGIT_CODE = re.compile(r"[0-9A-Za-z]*[0-9][0-9A-Za-z]*(?:\s*[+×xX＋*]\s*[0-9A-Za-z]+)*")
_CODE_WITH_UNIT = re.compile(r"[0-9]+\s*[+×xX＋*]\s*[0-9]+\s*[\u4e00-\u9fff]{1,2}")
_PLUS_TERM = re.compile(r"[0-9]{1,6}[+＋]")  # “323+”; a word with + is not a term (“文化+”, H-c18)
_PLUS_FORMULA = re.compile(r"[\u4e00-\u9fff\w]{1,8}(?:\s*[+＋]\s*[\u4e00-\u9fff\w]{1,8})+")
_DIGIT_COUNT = re.compile(r"[0-9]+[个大项类条张化]")
_MAX_COUNTED_MEMBER = 3
_STREAK = re.compile(r"[一二三四五六七八九十]+连[\u4e00-\u9fff]$")
_DOUBLED_NUMERAL = re.compile(r"([一二三四五六七八九])\1")
_PLAN_CODE = re.compile(r"十?[一二三四五六七八九]五")  # five-year plans: 十五五, “五五”普法
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_NEGATION_MOTTO = re.compile(r"[\u4e00-\u9fff]{2}不[\u4e00-\u9fff]{1,3}")
_FOOTNOTE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}[\[［]\d{1,3}[\]］]")
_TITLE_START = ("省级", "市级", "县级", "国家级", "全国", "全省", "中国", "第")
_MAGNITUDE = re.compile(r"[一二三四五六七八九十两]+[百千万亿]+")
_TIME_COUNT = re.compile(r"[一二三四五六七八九十两双百千半]+(?:个月|[年月日天周季])")
_ONE_MEMBERS = 3  # 一站一会一榜一中心: three or more 一-members count a set
_ONE_PAIR = re.compile(r"一([\u4e00-\u9fff])一([\u4e00-\u9fff])")
_DISTRIBUTIVE = "策品档案议码卡表单册证员师式"  # 一企一策, 一村一品: "one … for each", not a set
_LAYOUT_MEMBER = re.compile(
    r"(?:[一二三四五六七八九十两双多]+|\d+)(?![年月日天周季])[\u4e00-\u9fff]"
)
_MAX_LAYOUT_MEMBER = 8
_DEFINED_AFTER = re.compile(r"\s*(?:[，,]?即(?![可将时使便刻])|是指|指的是)")

Found = tuple[int, int, str]


class QuoteContext(NamedTuple):
    """The text around a quoted string: a few characters ``before`` the opening quote, ``after``
    the closing one, and ``after_run``: after the last of several adjacent quoted strings
    (“放管服”“证照分离”等改革 → 等改革), where a head noun they share is written."""

    before: str = ""
    after: str = ""
    after_run: str = ""


NO_CONTEXT = QuoteContext()


def classify_quoted(
    inner: str, context: QuoteContext = NO_CONTEXT, rules: TermRules = DEFAULT_RULES
) -> list[Found]:
    """Spans ``(start, end, label)`` inside ``inner`` (the text between the quotes).

    ``context`` holds the text around the quotes (a few characters are enough).

    >>> classify_quoted("六稳", QuoteContext(after="工作"))
    [(0, 2, 'Abbreviation')]
    >>> classify_quoted("大招商、招大商")
    [(0, 7, 'Slogan')]
    >>> classify_quoted("排头兵")
    []
    """
    text = inner.strip()
    offset = inner.find(text) if text else 0
    if not _plausible(text, rules):
        return []
    members = _split_members(text, rules)
    if len(members) >= 2:
        return [
            (offset + s, offset + e, lab) for s, e, lab in _classify_members(text, members, rules)
        ]
    label = classify_single(text, context, rules)
    return [(offset, offset + len(text), label)] if label else []


def classify_single(
    text: str, context: QuoteContext = NO_CONTEXT, rules: TermRules = DEFAULT_RULES
) -> str | None:
    after = context.after
    """The label of a quoted string without separators, or ``None``."""
    if len(text) < 2 or _DATE_CODE.fullmatch(text) or _is_quantity(text, after, rules):
        return None
    if text.startswith(_TITLE_START) or _MAGNITUDE.fullmatch(text):
        return None  # titles and ranks (“省级百强中心镇”, “第一议题”), figures (“四千万”)
    if _FOOTNOTE_AFTER.match(after) and _CJK_ONLY.fullmatch(text):
        return ABBREVIATION  # a term the document's notes define: “法治账图”[16] (H-c20)
    if is_abbreviation_shaped(text, rules):
        return ABBREVIATION
    if text.endswith(rules.name_endings):
        return None
    if is_motto(text, rules) or _is_campaign_motto(text, after, rules):
        return SLOGAN
    if is_parallel_repeat(text):
        return SLOGAN
    head = context.after_run or after
    if _is_condensed(text, head, rules):
        return ABBREVIATION  # before the motto test: 力争“专精特新”企业
    if _is_motto_in_context(text, context.before, after, rules):
        return SLOGAN
    if is_place_motto(text, context.before, head) or is_sentence_motto(text, context.before, after):
        return SLOGAN
    if _is_defined_after(text, after, rules) or is_coinage(text):
        return ABBREVIATION
    return None


def is_abbreviation_shaped(text: str, rules: TermRules = DEFAULT_RULES) -> bool:
    """True for count terms, digit codes and “互联网+” terms (no context needed)."""
    if len(text) < 2 or len(text) > rules.max_abbreviation_len:
        return False
    if _DIGIT_CODE.fullmatch(text) or _CODE_WITH_UNIT.fullmatch(text):
        return True
    if _PLUS_TERM.fullmatch(text) or _PLUS_FORMULA.fullmatch(text) or _DIGIT_COUNT.match(text):
        return True
    return has_count_numeral(text, rules)


def has_count_numeral(text: str, rules: TermRules = DEFAULT_RULES) -> bool:
    """True when numerals in ``text`` make it a count term.

    A doubled numeral is an idiom or a figure (“小九九”). 一 alone is not enough: where it only means "one / single" (“一站式”, “一网通办”,
    “一企一策”, “一件事一次办”) the term counts nothing; “一核两链”, “一岗双责” do.
    """
    counted = _TIME_COUNT.sub("", text)  # 三年行动, 百日攻坚, 双周调度: durations count nothing
    numerals = {ch for ch in counted if ch in rules.numerals}
    if not numerals:
        return False
    if numerals == {"一"}:
        return _counts_with_one(counted)
    return _DOUBLED_NUMERAL.search(text) is None or _PLAN_CODE.fullmatch(text) is not None


def _counts_with_one(text: str) -> bool:
    """一 alone counts a set when three or more 一-members are listed (一站一会一榜一中心) or two
    parallel single characters are paired (一带一路, 一老一小), not "one … for each" (一企一策)."""
    if text.count("一") >= _ONE_MEMBERS and not text.startswith("一一"):
        return True
    pair = _ONE_PAIR.fullmatch(text)
    return pair is not None and pair.group(2) not in _DISTRIBUTIVE and not is_word(text)


def is_motto(text: str, rules: TermRules = DEFAULT_RULES) -> bool:
    """True for a motto sentence without separators (X就是Y, X为王, 房住不炒)."""
    if len(text) < 4 or len(text) > rules.max_slogan_len:
        return False
    if any(marker in text[1:] for marker in rules.motto_markers):
        return True
    return bool(_NEGATION_MOTTO.fullmatch(text))


def _plausible(text: str, rules: TermRules) -> bool:
    return 0 < len(text) <= rules.max_slogan_len and "《" not in text and "》" not in text


def _split_members(text: str, rules: TermRules) -> list[tuple[int, int]]:
    pattern = "[" + re.escape(rules.separators) + "]"
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(pattern, text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _classify_members(text: str, members: list[tuple[int, int]], rules: TermRules) -> list[Found]:
    """A parallel motto is one slogan; a list of count terms is one abbreviation per member."""
    words = [text[s:e].strip() for s, e in members]
    if _all_counted(words, rules):
        return [(0, len(text), ABBREVIATION)]
    if len(words) >= 3 and all(len(w) == 1 for w in words):
        return [
            (0, len(text), ABBREVIATION)
        ]  # a condensed list of single characters: 引、育、用、留
    if all(len(w) >= 2 for w in words) and not text.endswith(rules.name_endings):
        return [(0, len(text), SLOGAN)]
    return []


def _is_quantity(text: str, after: str, rules: TermRules) -> bool:
    """A figure, not a term: a service number (“12345”热线), a measure (“七寸”), a streak
    (“七连增”)."""
    if text.isdigit() and any(word in after for word in rules.service_words):
        return True
    if len(text) == 2 and text[0] in rules.numerals and text[1] in rules.measure_units:
        return True
    return _STREAK.match(text) is not None


def _all_counted(words: list[str], rules: TermRules) -> bool:
    """Short members that each hold a numeral, one at least a count term (一平台、三系统、一体系);
    longer ones are a motto (一年重塑、两年转型、三年锻长)."""
    if not any(is_abbreviation_shaped(w, rules) for w in words):
        return False
    if all(_LAYOUT_MEMBER.match(w) and len(w) <= _MAX_LAYOUT_MEMBER for w in words):
        return True  # a numbered layout: 一城、两翼、三区、多节点; 一条主线、两项行动 (H-c19)
    if any(len(w) > _MAX_COUNTED_MEMBER for w in words):
        return False
    return all(any(ch in rules.numerals or ch.isdigit() for ch in w) for w in words)


def _is_condensed(text: str, after: str, rules: TermRules) -> bool:
    """A short all-Chinese term directly followed by a policy head noun: “放管服”改革."""
    if not rules.min_condensed_len <= len(text) <= rules.max_condensed_len:
        return False
    if any(ch in rules.numerals for ch in text):
        return False  # count shapes are decided by their numerals: “五年攻坚”任务 is a duration
    return bool(_CJK_ONLY.fullmatch(text)) and after.lstrip().startswith(rules.head_nouns)


def _is_motto_in_context(text: str, before: str, after: str, rules: TermRules) -> bool:
    """A four-character phrase that a clause verb governs or a motto noun heads:
    坚持“水岸共治”, 让“蓝天常驻”, “动态清零”总方针."""
    if len(text) != rules.motto_len or not _CJK_ONLY.fullmatch(text):
        return False
    if before.endswith(rules.motto_verbs):
        return True
    return after.lstrip().lstrip("总").startswith(rules.motto_heads)


def _is_campaign_motto(text: str, after: str, rules: TermRules) -> bool:
    """A four-character phrase naming a campaign: “绿满新绛”行动, “技能运城”建设."""
    if len(text) != rules.motto_len or not _CJK_ONLY.fullmatch(text):
        return False
    return after.lstrip().startswith(rules.campaign_nouns)


def _is_defined_after(text: str, after: str, rules: TermRules) -> bool:
    """A short term the text defines right after the quote: “一城”即…, “X”是指…."""
    return len(text) <= rules.max_condensed_len + 2 and bool(_DEFINED_AFTER.match(after))
