"""Trade names at the start of project names: 九鼎风力发电, 太钢集中供热, 明迈特超低排放改造.

A project named after its enterprise starts with a short trade name followed by what is built.
The split point is found with the general lexicon: the shortest prefix (2–4 characters) that is
not a common word or a place, followed by a dictionary word, a digit or 年产 (九鼎|风力发电,
明迈特|超低排放, 天地和|年产62万吨). Weaker than the brand rule, so it only fills gaps.
"""

from __future__ import annotations

import re

from policykg.ir import EntityType
from policykg.nlp.lexicon import (
    is_place_word,
    is_plain_word,
    starts_with_common_word,
    starts_with_word,
)
from policykg.nlp.orgs import Found, is_brand
from policykg.nlp.rules_data import DEFAULT_NAME_RULES, NameRules

ENTERPRISE = EntityType.ENTERPRISE.value
_AFTER_OWNER = re.compile(r"年产|\d")
_HAN = re.compile(r"[\u4e00-\u9fff]{4}")
_LISTED = ("project_list", "list_project")
_PLACE_ENDINGS = "街路巷泉池河湖山沟村镇寺庙桥湾港园场站"
_LIST_SEPARATORS = ("、", "和")
_NOT_FIRST = "与及和并同上续"


def owner_length(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> int:
    """Length of the trade name that starts ``name`` (0 when none does)."""
    if not _HAN.match(name) or starts_with_common_word(name):
        return 0
    if any(name.startswith(p) for p in rules.provinces) or is_place_word(name[:2]):
        return 0
    for length in (2, 3, 4):
        owner, rest = name[:length], name[length:]
        if is_plain_word(owner):
            return 0  # a word of the language opens the name: not a trade name
        if owner[-1] in _PLACE_ENDINGS:
            continue
        if not is_brand(owner, rules, lexical=False):
            continue
        if _AFTER_OWNER.match(rest) or starts_with_word(rest):
            return length
    return 0


def find_project_owners(
    text: str, projects: list[Found], rules: NameRules = DEFAULT_NAME_RULES
) -> list[Found]:
    """An enterprise span for each listed project whose name starts with a trade name.

    Only projects named in a list (A、B等项目, A和B项目): a project standing alone is too often
    named after a place or a programme (横桥…, 扶残助学…).
    """
    found: list[Found] = []
    for start, end, _, rule in projects:
        listed = rule in _LISTED or text[start - 1 : start] in _LIST_SEPARATORS
        if not listed or text[start] in _NOT_FIRST:
            continue
        length = owner_length(text[start:end], rules)
        if length:
            found.append((start, start + length, ENTERPRISE, "project_owner"))
    return found
