"""Within-document propagation: a name found once is found everywhere in that document.

One alternation of the document's names (longest first, so 高义钢铁集团 wins over 高义钢铁) is run
over each paragraph. A hit becomes a weak span (source ``propagate``); the merge drops it where it
sits inside a longer name or where a better span already covers it. A hit must also start at a
name boundary: not in the middle of a longer run that is itself a different word (新绛县 is not a
use of 绛县).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policykg.nlp.candidates import RuleId, Spot
from policykg.nlp.rules.names import alternation, is_name_char, word_regex
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for ``names`` (2+ characters), longest first; ``None`` when there are none."""
    usable = sorted({n for n in names if len(n) >= 2})
    return re.compile(alternation(usable)) if usable else None


def starts_at_boundary(text: str, start: int, rules: NameRules = DEFAULT_NAME_RULES) -> bool:
    """True when a name may start at ``start``: after punctuation or right after a boundary word."""
    if start == 0 or not is_name_char(text[start - 1]):
        return True
    boundary = word_regex(rules.boundary_words)
    window = max(0, start - 6)
    return any(m.end() == start for m in boundary.finditer(text, window, start))


def propagate(text: str, pattern: re.Pattern[str] | None, label: str, source: RuleId) -> list[Spot]:
    """Every use of the pattern's names in ``text`` as weak spans of ``label``."""
    if pattern is None:
        return []
    return [(m.start(), m.end(), label, source) for m in pattern.finditer(text)]


def propagate_at_boundaries(
    text: str, pattern: re.Pattern[str] | None, label: str, source: RuleId
) -> list[Spot]:
    """Like :func:`propagate`, but only hits that start at a name boundary (for places)."""
    return [s for s in propagate(text, pattern, label, source) if starts_at_boundary(text, s[0])]
