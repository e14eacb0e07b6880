"""Split a glossary definition into the members it enumerates, checked against the term's count.

“六稳”：稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期 → six parts; “三品一标”：品种培优、品质提升、
品牌打造和标准化生产 → four parts (the last 和 splits too). A term with numerals says how many
members to expect: the sum of its numerals first (三品一标 → 4, 三五 → 8), then a count with a
classifier (三个一批 → 3), then one numeral alone (四水四定 → 4, only for a list covering the whole
definition). A term without numerals needs an acrostic instead (专精特新 ← 专业化、精细化、特色化、
新颖化; 合汽生材 ← “合”指…，“汽”指…), or a definition that announces a list (包括…). When no
candidate passes, the definition gets no parts: no parts is better than wrong parts.

Members are written as the definition writes them, minus lead-ins and tails
(:mod:`policykg.nlp.terms.glossary.members`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykg.nlp.terms.glossary.members import clause_members, clean_members, split_joiner
from policykg.nlp.terms.vocabulary import DEFAULT_RULES

_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_DIGITS.update({"两": 2, "双": 2})
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_NUMBER_RUN = re.compile(r"[0-9]+|[零一二三四五六七八九十百千万两双]+")
_QUOTED = re.compile(r"[“「]([^“”「」]+)[”」]")
_POINTER = re.compile(r"[“「]([^“”「」]{1,3})[”」](?:是)?指([^，,；;。]+)")
_CLAUSES = re.compile(r"[，,；;：:。]")
_CLASSIFIED = re.compile(r"^([0-9]+|[一二三四五六七八九十两]+)[个大项类条张家]")
_LIST_MEMBER = 12  # longest member of a list announced by 即 / 包括 without a count
_EACH_ONE = re.compile(r"([0-9]+|[二三四五六七八九十两]+)个一")
_ANNOUNCES_LIST = re.compile(r"^(?:包括|包含|即)")
_END_PUNCT = "。；;，,、 "
# A component label opening a clause of a definition: “六馆”指…, 两业，即…, “5”即…, 一区：….
# A component of a term: one count and a one- or two-character noun (一城, 两带, 多支点).
COMPONENT = re.compile(
    r"^(?:[0-9]+|[一二三四五六七八九十两双多])[^、0-9一二三四五六七八九十两双多]{1,2}$"
)
# A counted component of a term: 三创 → (三, 创); 五优化 → (五, 优化).
_TERM_COMPONENT = re.compile(
    r"([0-9]+|[一二三四五六七八九十两双]+)([^0-9一二三四五六七八九十两双、+]*)"
)
_CONNECTOR_START = re.compile(r"^(?:是指|指的是|就是|即|指)[，,：:]?")
# The pieces of a definition between 、 ， ； and 和 / 及.
_TOKEN = re.compile(r"[^、，,；;和及]+")
# A first clause that only says who set the term out: 市委全会提出，…
_PREAMBLE = re.compile(r"(?:提出|指出|强调|明确|要求|确定)的?$")
_COUNT_OPENER = re.compile(r"^[一二三四五六七八九十0-9（(]")
_LABEL = re.compile(
    r"(?:^|(?<=[。；;，,：:]))[ \t\u3000]*[“「]?(?P<label>[^“”「」，,。；;：:、\s]{1,6}?)[”」]?"
    r"[ \t\u3000]*(?:[，,]?(?:是指|指的是|就是|即|指|是)[，,：:]?|[：:])[ \t\u3000]*"
)

Candidate = tuple[list[str], bool]  # members, whether they cover the whole definition


def parse_count(run: str) -> int | None:
    """The value of one number: ``"六"`` → 6, ``"十四"`` → 14, ``"两"`` → 2, ``"12"`` → 12."""
    values = parse_counts(run)
    return values[0] if len(values) == 1 else None


def parse_counts(run: str) -> list[int]:
    """The numbers in a run of numerals: ``"三五"`` → [3, 5], ``"十四五"`` → [14, 5]."""
    if run.isdecimal():
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
    label_list = _label_list(term, definition)
    if label_list:
        return label_list
    priority = _count_priority(term)
    labelled = labelled_parts(term, definition, head_suffix) or keyed_parts(term, definition)
    if labelled:
        return labelled
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
        short = all(len(m) <= _LIST_MEMBER for m in members)  # a list, not prose clauses
        if whole and _ANNOUNCES_LIST.match(definition) and len(members) >= 3 and short:
            return tuple(members)
    return ()


def labelled_parts(term: str, definition: str, head_suffix: str = "") -> tuple[str, ...]:
    """Parts of a term whose definition explains its components label by label (六馆一中心：“六馆”
    指A、B…；“一中心”指C → A, B, …, C; “1+5”：“1”即…，“5”即…): each label's own members, in
    order. Labels are pieces of the term, each opening a clause with 即 / 指 / 是指 / 是 / ：;
    a label's count says how many members it has (one: its whole text)."""
    found = []
    pos = 0
    for match in _LABEL.finditer(definition):
        label = match.group("label")
        at = _label_at(term, label, pos)
        if at >= 0 and label != term:
            found.append(match)
            pos = at + 1
    if len(found) < 2:
        return ()
    if not all(numeral_values(m.group("label")) or m.group("label").isalpha() for m in found):
        return ()  # labels are counted components (六馆, 5, N), not characters (“放”即…)
    if not any(numeral_values(m.group("label")) for m in found):
        return ()
    parts: list[str] = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(definition)
        body = definition[match.end() : end].strip().rstrip(_END_PUNCT)
        label = match.group("label")
        count = sum(numeral_values(label)) if numeral_values(label) else None
        if count == 1:
            members: tuple[str, ...] = (body,) if body else ()
        else:
            members = split_parts(label, body, head_suffix) if count else ()
            if not members and count is None and "、" not in body:
                members = (body,) if body else ()
            elif not members and count is None:
                members = tuple(clean_members(body.split("、"), label, head_suffix))
        if not members:
            return ()
        parts.extend(members)
    total = sum(numeral_values(term))
    if all(numeral_values(m.group("label")) for m in found) and len(parts) != total:
        return ()
    return tuple(parts)


def _label_at(term: str, label: str, start: int) -> int:
    """Where ``label`` names a piece of ``term`` from ``start`` on (“3” names 三 of 三六八九), or -1."""
    at = term.find(label, start)
    if at >= 0 or not label.isdecimal() or len(label) != 1:
        return at
    spelled = [ch for ch, value in _DIGITS.items() if value == int(label)]
    found = [term.find(ch, start) for ch in spelled]
    return min((f for f in found if f >= 0), default=-1)


def keyed_parts(term: str, definition: str) -> tuple[str, ...]:
    """Parts of a term made of counted components (三创四建: 三 × 创, 四 × 建) whose members open
    with the component's character: 创新、创业和创建A、B、C，建设D，建设E… → 创新 | 创业 | 创建A、B、C |
    建设D | …. A piece that does not open with a component's character belongs to the member
    before it; each component must get as many members as it counts."""
    components = [(parse_count(count), key) for count, key in _TERM_COMPONENT.findall(term) if key]
    if len(components) < 2 or any(count is None or count < 1 for count, _ in components):
        return ()
    body = definition.strip().rstrip(_END_PUNCT)
    body_start = _CONNECTOR_START.match(body)
    start = body_start.end() if body_start else 0
    keys = [key[0] for _, key in components]
    labels = {f"{c}{k}" for c, k in _TERM_COMPONENT.findall(term)}
    members: list[list[int]] = []  # [component index, start, end]
    current, open_member = -1, False
    for token in _TOKEN.finditer(body, start):
        lead = _CONNECTOR_START.match(token.group())
        skip = lead.end() if lead else 0
        text = token.group()[skip:].strip()
        if not text or text in labels:
            continue
        opens = [i for i in range(max(current, 0), len(keys)) if text.startswith(keys[i])]
        if opens:
            current, open_member = opens[0], True
            members.append([current, token.start() + skip, token.end()])
        elif members and open_member and body[token.start() - 1] in "、和及":
            members[-1][2] = token.end()  # 创建A、B、C: the list goes on inside one member
        else:
            open_member = False  # a clause that opens with no component's character: a tail
    counts = [sum(1 for m in members if m[0] == i) for i in range(len(components))]
    if counts != [count for count, _ in components]:
        return ()
    return tuple(body[m[1] : m[2]].strip() for m in members)


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
    each = _EACH_ONE.search(term)  # 五个一: five items of one each, not six
    if each and (value := parse_count(each.group(1))):
        order.insert(0, (value, False))
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
    connector = _CONNECTOR_START.match(body)
    if connector is not None and connector.end() < len(body):  # 即，稳就业… → 稳就业…
        body = body[connector.end() :].lstrip("，,：: ")
    parallel = _parallel_clauses(body)
    if parallel:
        yield parallel, True
    for quoted in _QUOTED.findall(body):
        yield clean_members(quoted.split("、"), term, head_suffix), False
    clauses = _CLAUSES.split(body)
    for clause in clauses:  # one clause's list, when it alone has the count, before the rest
        if "、" in clause:
            members = clause_members(clause, term, head_suffix)
            yield members, len(clauses) == 1
            yield split_joiner(members, term, head_suffix), len(clauses) == 1
    flat = _flat(body, term, head_suffix)
    yield flat, True
    yield split_joiner(flat, term, head_suffix), True
    yield clean_members(clauses, term, head_suffix), True
    if len(clauses) > 2 and _PREAMBLE.search(clauses[0]):  # 全会提出，A，B，C
        yield clean_members(clauses[1:], term, head_suffix), True


def _parallel_clauses(body: str) -> list[str]:
    """确立A、B，确立C → [确立A、B, 确立C]: clauses (split at ； else at ，) that all open with
    the same word are the members, even when a 、 sits inside one of them."""
    for separator in "；，":
        clauses = [c.strip() for c in body.replace(";", "；").replace(",", "，").split(separator)]
        if len(clauses) >= 2 and all(len(c) >= 4 for c in clauses):
            opener = clauses[0][:2]
            if not _COUNT_OPENER.match(opener) and all(c.startswith(opener) for c in clauses):
                return clauses
    return []


def _label_list(term: str, definition: str) -> tuple[str, ...]:
    """一城、一区、多支点：一城，即…；一区，即… → the labels: a term that lists short counted
    components, each explained in turn by the definition (GUIDELINE hard cases)."""
    labels = [piece.strip() for piece in term.split("、")]
    if len(labels) < 2 or not all(COMPONENT.match(label) for label in labels):
        return ()
    found = {m.group("label") for m in _LABEL.finditer(definition)}
    return tuple(labels) if all(label in found for label in labels) else ()


def _flat(body: str, term: str, head_suffix: str) -> list[str]:
    """Every member of every clause, each clause's list cleaned on its own."""
    members: list[str] = []
    for clause in _CLAUSES.split(body):
        members.extend(clause_members(clause, term, head_suffix))
    return members
