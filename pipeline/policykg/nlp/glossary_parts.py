"""Split a glossary definition into the members it enumerates, checked against the term's count.

“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期 → six parts; “三品一标”：品种培优、品质提升、
品牌打造和标准化生产 → four parts (the last 和 splits too). A term with numerals says how many
members to expect: the sum of its numerals first (三品一标 → 4, 三五 → 8), then a count with a
classifier (三个一批 → 3), then one numeral alone (四水四定 → 4, only for a list covering the whole
definition). A term without numerals needs an acrostic instead (专精特新 ← 专业化、精细化、特色化、
新颖化; 合汽生材 ← “合”指…，“汽”指…), or a definition that announces a list (包括…). When no
candidate passes, the definition gets no parts: no parts is better than wrong parts.

Members are written as the definition writes them, minus lead-ins and tails
(:mod:`policykg.nlp.glossary_members`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykg.nlp.glossary_members import clause_members, clean_members, split_joiner
from policykg.nlp.terms_rules import DEFAULT_RULES

_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_DIGITS.update({"两": 2, "双": 2})
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_NUMBER_RUN = re.compile(r"[0-9]+|[零一二三四五六七八九十百千万两双]+")
_QUOTED = re.compile(r"[“「]([^“”「」]+)[”」]")
_POINTER = re.compile(r"[“「]([^“”「」]{1,3})[”」](?:是)?指([^，,；;。]+)")
_CLAUSES = re.compile(r"[，,；;：:]")
_CLASSIFIED = re.compile(r"^([0-9]+|[一二三四五六七八九十两]+)[个大项类条张家]")
_ANNOUNCES_LIST = re.compile(r"^(?:包括|包含|即)")
_END_PUNCT = "。；;，,、 "

Candidate = tuple[list[str], bool]  # members, whether they cover the whole definition


def parse_count(run: str) -> int | None:
    """The value of one number: ``"六"`` → 6, ``"十四"`` → 14, ``"两"`` → 2, ``"12"`` → 12."""
    values = parse_counts(run)
    return values[0] if len(values) == 1 else None


def parse_counts(run: str) -> list[int]:
    """The numbers in a run of numerals: ``"三五"`` → [3, 5], ``"十四五"`` → [14, 5]."""
    if run.isdigit():
        return [int(run)]
    values: list[int] = []
    total, digit = 0, None
    for ch in run:
        if ch in _UNITS:
            total += (digit if digit is not None else 1) * _UNITS[ch]
            digit = None
        elif ch in _DIGITS:
            if digit is not None:
                values.append(total + digit)
                total = 0
            digit = _DIGITS[ch]
    values.append(total + (digit or 0))
    return values


def numeral_values(term: str) -> list[int]:
    """The counts written in ``term``: ``"三品一标"`` → [3, 1], ``"5个产业招商专班"`` → [5]."""
    values = [v for run in _NUMBER_RUN.findall(term) for v in parse_counts(run)]
    return [v for v in values if v >= 1]


def expected_counts(term: str) -> set[int]:
    """Every member count ``term`` can announce: the sum of its numerals, and each numeral."""
    values = numeral_values(term)
    return {sum(values), *values} - {1} if values else set()


def split_parts(term: str, definition: str, head_suffix: str = "") -> tuple[str, ...]:
    """The members ``definition`` enumerates for ``term``, or ``()`` when they cannot be trusted."""
    candidates = [
        (members, whole)
        for members, whole in _candidates(term, definition, head_suffix)
        if len(members) >= 2 and len(set(members)) == len(members) and all(members)
    ]
    priority = _count_priority(term)
    for count, whole_only in priority:
        for members, whole in candidates:
            if len(members) == count and (whole or not whole_only):
                return tuple(members)
    if priority:
        return ()
    key = _key_chars(term)
    pointers = [m.group(1) for m in _POINTER.finditer(definition)]
    if len(pointers) >= 2 and _in_order(pointers, term):
        return tuple(m.group(2).strip() for m in _POINTER.finditer(definition))
    for members, whole in candidates:
        if _is_acrostic(key, members):
            return tuple(members)
        if whole and _ANNOUNCES_LIST.match(definition) and len(members) >= 3:
            return tuple(members)
    return ()


def split_groups(terms: list[str], definition: str, head_suffix: str = "") -> list[tuple[str, ...]]:
    """Parts for several terms defined together (“三无”“三可”): members grouped by initial.

    Each term's members start with its key character (无…, 可…) and their number matches its count;
    when that fails for any term, every term gets ``()``.
    """
    members = _flat(definition.strip().rstrip(_END_PUNCT), "", head_suffix)
    groups: list[tuple[str, ...]] = []
    for term in terms:
        key = _key_chars(term)
        own = tuple(m for m in members if key and m.startswith(key[0]))
        if len(own) < 2 or len(own) not in expected_counts(term):
            return [() for _ in terms]
        groups.append(own)
    return groups


def _count_priority(term: str) -> list[tuple[int, bool]]:
    """``(count, whole_only)`` in the order to try them (see the module text)."""
    values = numeral_values(term)
    if not values:
        return []
    order = [(sum(values), False)]
    classified = _CLASSIFIED.match(term)
    if classified and (value := parse_count(classified.group(1))):
        order.append((value, False))
    order.extend((v, True) for v in values)
    return [(c, whole) for c, whole in dict.fromkeys(order) if c >= 2]


def _key_chars(term: str) -> str:
    numerals = DEFAULT_RULES.numerals
    return "".join(ch for ch in term if ch not in numerals and not ch.isdigit() and ch != "个")


def _is_acrostic(key: str, members: list[str]) -> bool:
    """Each member contains the matching character of the term, in order (专精特新)."""
    if len(key) != len(members) or len(key) < 2:
        return False
    return all(ch in member for ch, member in zip(key, members, strict=True))


def _in_order(keys: list[str], term: str) -> bool:
    pos = 0
    for key in keys:
        found = term.find(key, pos)
        if found < 0:
            return False
        pos = found + len(key)
    return True


def _candidates(term: str, definition: str, head_suffix: str) -> Iterator[Candidate]:
    body = definition.strip().rstrip(_END_PUNCT)
    for quoted in _QUOTED.findall(body):
        yield clean_members(quoted.split("、"), term, head_suffix), False
    flat = _flat(body, term, head_suffix)
    yield flat, True
    yield split_joiner(flat, term, head_suffix), True
    clauses = _CLAUSES.split(body)
    for clause in clauses:
        if "、" in clause:
            members = clause_members(clause, term, head_suffix)
            yield members, len(clauses) == 1
            yield split_joiner(members, term, head_suffix), len(clauses) == 1
    yield clean_members(clauses, term, head_suffix), True


def _flat(body: str, term: str, head_suffix: str) -> list[str]:
    """Every member of every clause, each clause's list cleaned on its own."""
    members: list[str] = []
    for clause in _CLAUSES.split(body):
        members.extend(clause_members(clause, term, head_suffix))
    return members
