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
)
_SUMMARY = re.compile(r"(?:等(?![级待同于])|的统称).*$")
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
    items = [_QUALIFIED.sub("", _unquote(m)) for m in members]
    items = [m for m in items if m]
    if not items:
        return items
    items[-1] = _strip_tail(items[-1], term, head_suffix)
    items, lead_cut = _strip_lead(items)
    return trim_parallel(items, lead_cut)


def _unquote(member: str) -> str:
    """和谐新绛“三个新绛” → 和谐新绛; “专业化 → 专业化; 二是储备一批 → 储备一批."""
    member = _ITEM_MARKER.sub("", member.strip())
    before = _TRAILING_QUOTE.sub("", member)
    if before.strip():
        member = before
    return member.strip('“”「」" ')


def split_joiner(members: list[str], term: str, head_suffix: str) -> list[str]:
    """品种培优、品质提升、品牌打造和标准化生产 → the last member splits at 和 / 及 / 与."""
    if not members:
        return members
    match = _JOINER.match(members[-1])
    if match is None:
        return members
    tail = _strip_tail(match.group(2), term, head_suffix)
    return trim_parallel([*members[:-1], match.group(1), tail], False)


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
        if first.startswith(word) and len(first) > len(word) + 1:
            if any(m.startswith(word) for m in items[1:]):
                return items, False
            return [first[len(word) :], *items[1:]], True
    return items, False


def trim_parallel(members: list[str], lead_cut: bool) -> list[str]:
    """Cut the first and last members to the shape of the others (see the module text)."""
    if len(members) < 2:
        return members
    reference = members[1:-1] if len(members) >= 3 else members[1:]
    items = list(members)
    first = _trim_first(items[0], reference)
    if first == items[0] and not lead_cut:
        return items
    items[0] = first
    if len(members) >= 3 and len(items[-1]) > max(len(m) for m in reference):
        items[-1] = _trim_last(items[-1], reference)
    return items


def _trim_first(first: str, reference: list[str]) -> str:
    sizes = {len(m) for m in reference}
    if len(first) <= max(sizes):
        return first
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
