"""Split a glossary definition into the members it enumerates, checked against the term's count.

“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期 → six parts; “三品一标”：品种培优、品质提升、
品牌打造和标准化生产 → four parts (the last 和 splits too). A term with a numeral says how many
members to expect (六 → 6; 三品一标 → 3 + 1 = 4, or one of its numerals); a term without numerals
needs an acrostic instead (专精特新 ← 专业化、精细化、特色化、新颖化). When no candidate split
passes the check the definition gets no parts: no parts is better than wrong parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykg.nlp.terms_rules import DEFAULT_RULES, TermRules

_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_DIGITS.update({"两": 2, "双": 2})
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_NUMBER_RUN = re.compile(r"[0-9]+|[零一二三四五六七八九十百千万两双]+")
_QUOTED = re.compile(r"[“「]([^“”「」]+)[”」]")
_CLAUSE_SEPARATORS = re.compile(r"[，,；;：:]")
_TRAILING_SUMMARY = re.compile(r"(?:等(?![级待同于])|的统称).*$")
_LAST_JOINER = re.compile(r"^(.+?)(?:和|及|以及|与)(.+)$")
_CLASSIFIED = re.compile(r"^([0-9]+|[一二三四五六七八九十两]+)[个大项类条张家]")
# A figure-bearing qualifier before a name: 年营业收入100亿元以上的高义钢铁公司 → 高义钢铁公司.
_QUALIFIED = re.compile(r"^[^的]*[0-9][^的]*的(?=.{2,}$)")
_INCLUDES = re.compile(r"^(?:包括|包含|即)")
_LEAD_VERBS = ("实施", "包括", "打造", "推进", "开展", "实现", "坚持", "即", "指", "对", "在", "把")
_END_PUNCT = "。；;，,、 "


def parse_count(run: str) -> int | None:
    """The value of a numeral run: ``"六"`` → 6, ``"十四"`` → 14, ``"两"`` → 2, ``"12"`` → 12."""
    if run.isdigit():
        return int(run)
    total, digit = 0, None
    for ch in run:
        if ch in _UNITS:
            total += (digit if digit is not None else 1) * _UNITS[ch]
            digit = None
        elif ch in _DIGITS:
            if digit is not None:
                return None  # “十四五”-style runs are names, not numbers
            digit = _DIGITS[ch]
        else:
            return None
    return total + (digit or 0)


def numeral_values(term: str) -> list[int]:
    """The counts written in ``term``: ``"三品一标"`` → [3, 1], ``"5个产业招商专班"`` → [5]."""
    values = [parse_count(run) for run in _NUMBER_RUN.findall(term)]
    return [v for v in values if v is not None and v >= 1]


def expected_counts(term: str) -> set[int]:
    """Every member count ``term`` can announce: the sum of its numerals, and each numeral."""
    values = numeral_values(term)
    return {sum(values), *values} - {1} if values else set()


def _count_priority(term: str) -> list[tuple[int, bool]]:
    """``(count, whole_only)`` to try in order: the sum first, then a count with a classifier
    (三个一批 → 3), then each numeral alone (四水四定 → 4), which only the whole definition may
    satisfy (a clause of it matching one numeral is too weak a signal)."""
    values = numeral_values(term)
    if not values:
        return []
    order = [(sum(values), False)]
    classified = _CLASSIFIED.match(term)
    if classified and (value := parse_count(classified.group(1))):
        order.append((value, False))
    order.extend((v, True) for v in values)
    return [(c, whole) for c, whole in dict.fromkeys(order) if c >= 2]


def split_parts(
    term: str, definition: str, head_suffix: str = "", rules: TermRules = DEFAULT_RULES
) -> tuple[str, ...]:
    """The members ``definition`` enumerates for ``term``, or ``()`` when they cannot be trusted."""
    candidates = [
        (members, whole)
        for members, whole in _candidates(definition, head_suffix)
        if len(members) >= 2 and len(set(members)) == len(members)
    ]
    priority = _count_priority(term)
    for count, whole_only in priority:
        for members, whole in candidates:
            if len(members) == count and (whole or not whole_only):
                return tuple(members)
    if priority:
        return ()
    key = _key_chars(term, rules)
    for members, whole in candidates:
        if _is_acrostic(key, members) or (
            whole and _INCLUDES.match(definition) and len(members) >= 3
        ):
            return tuple(members)
    return ()


def split_groups(terms: list[str], definition: str, head_suffix: str = "") -> list[tuple[str, ...]]:
    """Parts for several terms defined together (“三无”“三可”): group members by initial character.

    Each term's members start with its key character (无…, 可…) and their number matches its count;
    when that fails for any term, every term gets ``()``.
    """
    members = _flat_members(definition, head_suffix)
    groups: list[tuple[str, ...]] = []
    for term in terms:
        key = _key_chars(term, DEFAULT_RULES)
        own = tuple(m for m in members if key and m.startswith(key[0]))
        if len(own) < 2 or len(own) not in expected_counts(term):
            return [() for _ in terms]
        groups.append(own)
    return groups


def _key_chars(term: str, rules: TermRules) -> str:
    return "".join(
        ch for ch in term if ch not in rules.numerals and not ch.isdigit() and ch != "个"
    )


def _is_acrostic(key: str, members: list[str]) -> bool:
    """Each member contains the matching character of the term, in order (专精特新)."""
    if len(key) != len(members) or len(key) < 2:
        return False
    return all(ch in member for ch, member in zip(key, members, strict=True))


def _candidates(definition: str, head_suffix: str) -> Iterator[tuple[list[str], bool]]:
    """Candidate member lists, each with whether it covers the whole definition."""
    body = definition.strip().rstrip(_END_PUNCT)
    for quoted in _QUOTED.findall(body):
        yield _clean(quoted.split("、"), head_suffix), False
    flat = _flat_members(body, head_suffix)
    yield flat, True
    yield _split_last_joiner(flat), True
    clauses = _CLAUSE_SEPARATORS.split(body)
    for clause in clauses:
        if "、" in clause:
            members = _clean(clause.split("、"), head_suffix)
            yield members, len(clauses) == 1
            yield _split_last_joiner(members), len(clauses) == 1
    yield _clean(clauses, head_suffix), True


def _flat_members(definition: str, head_suffix: str) -> list[str]:
    body = definition.strip().rstrip(_END_PUNCT)
    return _clean(re.split(r"[、，,；;]", body), head_suffix)


def _clean(members: list[str], head_suffix: str) -> list[str]:
    items = [m.strip().strip('“”「」"') for m in members]
    items = [_QUALIFIED.sub("", m) for m in items]
    items = [m for m in items if m]
    if not items:
        return items
    last = _TRAILING_SUMMARY.sub("", items[-1]) or items[-1]
    if head_suffix and last.endswith(head_suffix) and len(last) > len(head_suffix):
        last = last[: -len(head_suffix)].removesuffix("的")
    items[-1] = last
    items, lead_cut = _strip_lead_verb(items)
    return _trim_parallel(items, lead_cut)


def _strip_lead_verb(items: list[str]) -> tuple[list[str], bool]:
    """实施A行动、B行动 → A行动, B行动 (only when the other members do not start alike)."""
    first = items[0]
    for verb in _LEAD_VERBS:
        if first.startswith(verb) and len(first) > len(verb) + 1:
            if any(m.startswith(verb) for m in items[1:]):
                return items, False
            return [first[len(verb) :], *items[1:]], True
    return items, False


def _trim_parallel(members: list[str], lead_cut: bool = False) -> list[str]:
    """Cut a lead-in off the first member, and then a tail off the last, when they are longer
    than every member in the middle (the enumeration sits inside a sentence).

    在新基建、新技术、…、新业态上不断取得突破 → 新基建 … 新业态;
    全面落实属地、部门、单位、个人的四方责任 → 属地 … 个人.
    """
    if len(members) < 3:
        return members
    middle = members[1:-1]
    longest = max(len(m) for m in middle)
    items = list(members)
    first = _trim_first(items[0], middle) if len(items[0]) > longest else items[0]
    if first == items[0] and not lead_cut:
        return items
    items[0] = first
    if len(items[-1]) > longest:
        items[-1] = _trim_last(items[-1], middle)
    return items


def _trim_first(first: str, middle: list[str]) -> str:
    initials, finals, sizes = (
        {m[0] for m in middle},
        {m[-1] for m in middle},
        {len(m) for m in middle},
    )
    if len(initials) == 1 and first.rfind(next(iter(initials))) > 0:
        return first[first.rindex(next(iter(initials))) :]
    same_end = len(finals) == 1 and first.endswith(next(iter(finals)))
    if len(sizes) == 1 and (same_end or len(first) >= 2 * max(sizes) + 2):
        return first[-next(iter(sizes)) :]
    return first


def _trim_last(last: str, middle: list[str]) -> str:
    initials, finals, sizes = (
        {m[0] for m in middle},
        {m[-1] for m in middle},
        {len(m) for m in middle},
    )
    if "的" in last[1:]:
        return last[: last.index("的", 1)]
    if len(initials) == 1 and len(sizes) == 1 and last.startswith(next(iter(initials))):
        return last[: next(iter(sizes))]
    if len(finals) == 1 and next(iter(finals)) in last:
        return last[: last.index(next(iter(finals))) + 1]
    return last


def _split_last_joiner(members: list[str]) -> list[str]:
    """品种培优、品质提升、品牌打造和标准化生产 → the last member splits at 和."""
    if len(members) < 2:
        return members
    match = _LAST_JOINER.match(members[-1])
    if match is None:
        return members
    return [*members[:-1], match.group(1), match.group(2)]
