"""Firms standing for their projects: 加快航新、速威、豪然等重点项目建设 (GUIDELINE H-c11).

In a list of works with a generic head (等N个项目, 等一批项目, 等重点项目), an item that is a bare
trade name — no line of business, no site, no phase — names the firm's project by the firm's
name: the span is a Project and an Enterprise at once. This rule proposes the Project (rule
``bare_firm_item``); the relation rule ``firm_item`` (``resolve/relations``) reads the same span as
the firm that undertakes it. An item that names a phase (顺应二期) is the project; the firm is the
name before the phase, proposed here as an Enterprise. The rule fires only on lists of at least two items where every item
is short (2–4 Han characters), neither a common word nor a listed place, and at least half of
them are no word of the language at all and a plausible trade name (国投、华润: 国投 is in the
dictionary), so lists of sectors or works (乙烯、己内酰胺; 道路、桥梁) never fire.
"""

from __future__ import annotations

import re

from policykg.ir import EntityType
from policykg.nlp.candidates import BARE_FIRM_ITEM
from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import is_common_word, is_place_word, is_plain_word
from policykg.nlp.rules.names import before_phase
from policykg.nlp.rules.orgs import Found, is_brand
from policykg.nlp.rules.project_lists import generic_lists
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

ENTERPRISE = EntityType.ENTERPRISE.value
_BARE = re.compile(r"[\u4e00-\u9fff]{2,4}")
_MIN_ITEMS = 2


def _short_name(name: str) -> bool:
    """2–4 Han characters, neither a common word nor a listed place."""
    return bool(_BARE.fullmatch(name)) and not is_common_word(name) and not place_prefix(name)


def is_bare_trade_name(name: str, rules: NameRules = DEFAULT_NAME_RULES) -> bool:
    """A short name that is no word of the language, does not open with a place word, and is a
    plausible trade name."""
    if not _short_name(name) or is_plain_word(name) or is_place_word(name[:2]):
        return False
    return is_brand(name, rules)


def find_firm_items(text: str, rules: NameRules = DEFAULT_NAME_RULES) -> list[Found]:
    """A Project span for every item of a generic works list of bare trade names."""
    found: list[Found] = []
    for items in generic_lists(text, rules):
        names = [text[s:e] for s, e in items]
        if len(names) < _MIN_ITEMS or not all(_short_name(n) for n in names):
            continue
        bare = sum(is_bare_trade_name(n, rules) for n in names)
        if bare and 2 * bare >= len(names):
            found += [(s, e, EntityType.PROJECT.value, BARE_FIRM_ITEM) for s, e in items]
            found += _firms_before_phases(text, items)
    return found


def _firms_before_phases(text: str, items: list[tuple[int, int]]) -> list[Found]:
    """The firm of an item that names a phase of its works (顺应|二期): the relation rule reads
    a bare item as its own firm, which a phase is not part of."""
    found: list[Found] = []
    for start, end in items:
        firm_end = before_phase(text, start, end)
        if firm_end < end:
            found.append((start, firm_end, ENTERPRISE, BARE_FIRM_ITEM))
    return found
