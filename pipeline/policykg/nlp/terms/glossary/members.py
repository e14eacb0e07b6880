"""Clean the members of an enumeration found in a glossary definition.

An enumeration often sits inside a sentence: a lead-in before the first member (加快建设人文新绛、
绿色新绛…; 全面落实属地、部门…), a tail after the last (…新业态上不断取得突破; …个人的四方责任),
a summary (…国家重点服务业企业等这四类…的统称) or the term's own head (高耗能、高排放项目). The
members in the middle show what a member looks like (its length, a character all of them share),
and the first and last are cut to match — only when what is cut off is a lead-in (a preposition or
a verb such as 实施 / 落实 / 做好) or clearly longer than a member.
"""

from __future__ import annotations

import re
from collections import Counter

# Words that open a lead-in (在…, 把…) or end one (…落实, …做好), so that cutting them is safe.
LEAD_STARTS = (
    "是指",
    "指的是",
    "在",
    "把",
    "对",
    "将",
    "以",
    "向",
    "从",
    "即",
    "指",
    "包括",
    "实施",
    "打造",
    "推进",
)
LEAD_ENDS = (
    "深化",
    "加快",
    "围绕",
    "建设",
    "做好",
    "落实",
    "实施",
    "推进",
    "打造",
    "开展",
    "实现",
    "加强",
    "坚持",
    "包括",
    "满足",
    "推动",
    "提升",
    "抓好",
    "强化",
    "完善",
    "构建",
    "形成",
    "创建",
    "发扬",
    "打好",
    "具有",
    "提高",
    "增强",
)
_SUMMARY = re.compile(r"(?:等(?![级待同于])|的统称|的简称).*$")
# Markers of sub-items inside a definition: （1）, 1., ①, 一是, 其一.
_ITEM_MARKER = re.compile(
    r"^(?:[（(]\d{1,2}[)）]|\d{1,2}[.．、]|[\u2460-\u2473]|[一二三四五六七八九十]是|其[一二三四五六七八九十])"
)
_TRAILING_QUOTE = re.compile(r"[“「][^“”「」]*[”」]$")
# A figure-bearing qualifier before a name: 年营业收入100亿元以上的高义钢铁公司 → 高义钢铁公司.
_QUALIFIED = re.compile(r"^[^的]*[0-9][^的]*的(?=.{2,}$)")
_JOINER = re.compile(r"^(.+?)(?:以及|和|及|与)(.+)$")
# What follows an enumeration that sits inside a sentence: 在…上, …的, …等.
_TAIL_OPENERS = ("上", "中", "里", "方面", "的", "等", "为")
_COUNT = re.compile(r"[一二三四五六七八九十两双百千万0-9]")
_COUNT_TAIL = re.compile(
    r"(?P<n>[0-9]{1,2}|[一二三四五六七八九十两])(?:个|大|项|类|条|种|方面)[\u4e00-\u9fff]{0,8}$"
)
_SMALL_NUMBERS = {ch: i for i, ch in enumerate("零一二三四五六七八九十")} | {"两": 2}
_COUNTERS = "一二三四五六七八九十百千万两双0123456789个大项类条"
_SUB_LIST_END = re.compile(r"等(?![级待同于])")


def clause_members(clause: str, term: str, head_suffix: str) -> list[str]:
    """The members of one clause's 、-list, cleaned (a place list before 等 + verb is dropped)."""
    members = clause.split("、")
    for i in range(len(members) - 2, -1, -1):
        found = _SUB_LIST_END.search(members[i])
        if found and members[i][found.end() :]:
            members = [members[i][found.end() :], *members[i + 1 :]]
            break
    return clean_members(members, term, head_suffix)


def clean_members(members: list[str], term: str, head_suffix: str) -> list[str]:
    """Strip quotes, qualifiers, summaries, heads and lead-ins from a list of members."""
    items = [_QUALIFIED.sub("", _unquote(m, term)) for m in members]
    items = [m for m in items if m]
    if not items:
        return items
    items[-1] = _strip_term_piece(_strip_tail(items[-1], term, head_suffix), items[:-1], term)
    items[-1] = _strip_count_tail(items[-1], len(items))
    items, lead_cut = _strip_lead(items)
    return trim_parallel(items, lead_cut, term)


def _strip_count_tail(last: str, size: int) -> str:
    """文化旅游4个主导产业 → 文化旅游: a tail that counts the list it closes."""
    match = _COUNT_TAIL.search(last)
    if match is None or match.start() < 2:
        return last
    run = match.group("n")
    value = int(run) if run.isdigit() else _SMALL_NUMBERS.get(run)
    return last[: match.start()] if value == size else last


def _strip_term_piece(last: str, others: list[str], term: str) -> str:
    """医疗、医保、医药、医价联动 (四医联动) → 医价: the last member ends with a piece of the term
    that no other member ends with (and 的 / 有 before it: 住房安全有保障 → 住房安全)."""
    if not others:
        return last
    for size in range(min(len(term), len(last) - 2), 1, -1):
        piece = last[-size:]
        at = term.find(piece)
        if at < 0 or all(piece[0] in m for m in others):
            continue  # 建好、管好、运营好农村路 (四好农村路): 好 is the members' own character
        if at > 0 and term[at - 1] in _COUNTERS and len(_COUNT.findall(term)) >= 2:
            if _COUNT.search(piece):
                continue  # 河两岸 of 三河两岸 runs across two components
            return last  # 三区一基地: 基地 is what one component counts, part of the member
        if piece in last[:-size]:
            return last  # 疫苗接种系统和…摸底系统: a pair that the joiner splits later
        if not any(m.endswith(piece) for m in others):
            rest = last[:-size]
            rest = rest[:-1] if rest.endswith(("的", "有")) and len(rest) > 3 else rest
            return rest
    return last


def _unquote(member: str, term: str = "") -> str:
    """和谐新绛“三个新绛” → 和谐新绛 (a quoted count names the list); 文化“进机关” → 进机关 (the
    quote is the member); “专业化 → 专业化; 二是储备一批 → 储备一批."""
    member = _ITEM_MARKER.sub("", member.strip())
    quoted = _TRAILING_QUOTE.search(member)
    before = member[: quoted.start()] if quoted else member
    if quoted and before.strip():
        inner = quoted.group().strip("“”「」")
        names_list = inner in term or term in inner or _COUNT.search(inner)
        member = before if not term or names_list or len(inner) < 2 else inner
    return member.strip('“”「」" ')


def split_joiner(members: list[str], term: str, head_suffix: str) -> list[str]:
    """品种培优、品质提升、品牌打造和标准化生产 → the last member splits at 和 / 及 / 与."""
    if not members:
        return members
    match = _JOINER.match(members[-1])
    if match is None:
        return members
    tail = _strip_count_tail(_strip_tail(match.group(2), term, head_suffix), len(members) + 1)
    return trim_parallel([*members[:-1], match.group(1), tail], False, term)


def _strip_tail(last: str, term: str, head_suffix: str) -> str:
    last = _SUMMARY.sub("", last) or last
    for suffix in (head_suffix, term):
        if suffix and last.endswith(suffix) and len(last) > len(suffix):
            last = last[: -len(suffix)].removesuffix("的")
    return last


def _strip_lead(items: list[str]) -> tuple[list[str], bool]:
    """实施A行动、B行动 → A行动, B行动 (unless the other members start alike)."""
    first = items[0]
    for word in LEAD_STARTS:
        if len(items) == 1 and len(word) == 1 and word not in "即指":
            continue  # 对接一家央企: alone, a member gives no evidence that 对 is a lead-in
        if first.startswith(word) and len(first) > len(word) + 1:
            if any(m.startswith(word) for m in items[1:]):
                return items, False
            return [first[len(word) :], *items[1:]], True
    return items, False


def trim_parallel(members: list[str], lead_cut: bool, term: str = "") -> list[str]:
    """Cut the first and last members to the shape of the others (see the module text)."""
    if len(members) < 2:
        return members
    reference = members[1:-1] if len(members) >= 3 else members[1:]
    items = list(members)
    first = _trim_first(items[0], reference)
    if first == items[0] and not lead_cut:
        return _trim_shared_final(items, term)
    items[0] = first
    if len(members) >= 3 and len(items[-1]) > max(len(m) for m in reference):
        items[-1] = _trim_last(items[-1], reference)
    return items


def _trim_shared_final(members: list[str], term: str) -> list[str]:
    """建好、管好、护好、运营好农村公路 (四好农村路) → 运营好: the other members all end with the
    term's one counted character, which the last member has, followed by a tail."""
    if len(members) < 3 or len(_COUNT.findall(term)) != 1:
        return members
    others, last = members[:-1], members[-1]
    finals = {m[-1] for m in others}
    if not finals <= set(term):
        return members
    if len(finals) != 1 or len(last) <= max(len(m) for m in others) or _JOINER.match(last):
        return members  # …和农产品地理标志: a pair the joiner splits later
    final = next(iter(finals))
    at = last.rfind(final, 0, len(last) - 1)
    return [*others, last[: at + 1]] if at >= 1 else members


def _trim_first(first: str, reference: list[str]) -> str:
    sizes = {len(m) for m in reference}
    opened = _trim_at_opener(first, reference)
    if opened != first or len(first) <= max(sizes):
        return opened
    trimmed = _trim_first_by_shape(first, reference, sizes)
    return trimmed if trimmed != first else _trim_at_verb(first, reference)


def _trim_at_opener(first: str, reference: list[str]) -> str:
    """每个县对接A，对接B，对接C → 对接A: the word most of the other members open with starts
    the first member too, after a lead-in."""
    openers = Counter(m[:2] for m in reference if len(m) >= 3)
    if not openers:
        return first
    opener, seen = openers.most_common(1)[0]
    at = first.find(opener)
    if seen < 2 or 2 * seen < len(reference) or at <= 0 or len(first) - at < 3:
        return first
    return first[at:]


def _trim_at_verb(first: str, reference: list[str]) -> str:
    """协同推进农村新型社区、产业园区… → 农村新型社区: the lead ends with a verb. When the other
    members open with verbs too (推进…、实施…), the verb stays (明确了开展X → 开展X)."""
    verbal = any(m.startswith(LEAD_ENDS) for m in reference)
    longest = max(len(m) for m in reference) + 2  # what is left must have the members' shape
    best = -1
    for verb in LEAD_ENDS:
        at = first.rfind(verb)
        cut = at if verbal else at + len(verb)
        if at >= 0 and 2 <= len(first) - cut <= longest and cut > 0:
            if at == 0 and not verbal and not _same_end(first, reference):
                continue  # 推进A、规划建设B: a member that opens with its own verb keeps it
            best = max(best, cut)
    return first[best:] if best > 0 else first


def _same_end(first: str, reference: list[str]) -> bool:
    """All the members end with the same character (具有专业化、精细化、特色化)."""
    return len({m[-1] for m in reference} | {first[-1]}) == 1


def _trim_first_by_shape(first: str, reference: list[str], sizes: set[int]) -> str:
    initials = {m[0] for m in reference}
    if len(initials) == 1 and first.rfind(next(iter(initials))) > 0:
        return first[first.rindex(next(iter(initials))) :]
    if len(sizes) != 1:
        return first
    size = next(iter(sizes))
    prefix = first[:-size]
    if prefix.startswith(LEAD_STARTS) or prefix.endswith(LEAD_ENDS):
        return first[-size:]
    if _shares_position(first, reference, size) and len(prefix) >= 2 * size:
        return first[-size:]
    return first


def _shares_position(first: str, reference: list[str], size: int) -> bool:
    """Some character sits at the same place from the end in every member (…提质, …提速)."""
    for k in range(1, size + 1):
        chars = {m[-k] for m in reference}
        if len(chars) == 1 and first[-k] in chars:
            return True
    return False


def _trim_last(last: str, reference: list[str]) -> str:
    initials, finals = {m[0] for m in reference}, {m[-1] for m in reference}
    sizes = {len(m) for m in reference}
    if "的" in last[1:]:
        return last[: last.index("的", 1)]
    if len(initials) == 1 and len(sizes) == 1 and last.startswith(next(iter(initials))):
        size = next(iter(sizes))
        if last[size:].startswith(_TAIL_OPENERS) or len(last) >= 3 * size:
            return last[:size]
    if len(finals) == 1 and next(iter(finals)) in last:
        return last[: last.index(next(iter(finals))) + 1]
    return last
