"""Merging the spans of all components with explicit priorities (not simply the longest span).

``spacy.util.filter_spans`` keeps the longest span, which lets a sloppy long match (依托高义钢铁)
beat an exact rule. Here every span carries what found it, a ``RuleId`` whose rank is registered
in ``policykg.nlp.candidates``; a lower rank wins:

* structural rules with strong evidence (专栏 items, legal suffixes, glossary entries) first,
* other rules next, then within-document propagation, then the statistical NER and the firm
  tagger's names the decision model kept.

Conflicts: two spans of one type that overlap; spans that cross (overlap without nesting); two
spans with the same extent. Nesting across types is kept (an enterprise inside a project name),
except a place inside an enterprise/body/park name, and NER or propagated spans inside any name
(a tagged firm name inside one stays when the decision model kept it: it read that neighbour).
"""

from __future__ import annotations

import bisect

from policykg.ir import EntityType
from policykg.nlp.candidates import (
    KNOWN_TERM,
    MARKED_TERM,
    NER,
    PROPAGATE,
    TERM_USE,
    RuleId,
    Spot,
)

_WEAK = (NER, PROPAGATE, TERM_USE, KNOWN_TERM, MARKED_TERM)
_NAMES = (EntityType.ENTERPRISE.value, EntityType.GOVERNMENT_BODY.value, EntityType.PARK.value)
_LABEL_ORDER = {t.value: i for i, t in enumerate(EntityType)}


def rank(source: RuleId) -> int:
    """Priority of a span's source; lower wins (a boundary variant ranks as its origin)."""
    return source.rank


def _crosses(a: Spot, b: Spot) -> bool:
    overlap = a[0] < b[1] and b[0] < a[1]
    nested = (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
    return overlap and not nested


def _inside(inner: Spot, outer: Spot) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner[:2] != outer[:2]


def conflicts(candidate: Spot, kept: Spot) -> bool:
    """Whether ``candidate`` (lower priority) must give way to ``kept``."""
    overlap = candidate[0] < kept[1] and kept[0] < candidate[1]
    if not overlap:
        return False
    if candidate[2] == kept[2] or candidate[:2] == kept[:2] or _crosses(candidate, kept):
        return True
    if candidate[2] == EntityType.PLACE.value and kept[2] in _NAMES and _inside(candidate, kept):
        return True
    return candidate[3] in _WEAK and kept[2] in _NAMES and _inside(candidate, kept)


def merge_spots(spots: list[Spot]) -> list[Spot]:
    """The spans that survive, sorted by position (near-linear: only neighbours are compared)."""
    order = sorted(
        set(spots), key=lambda s: (rank(s[3]), -(s[1] - s[0]), _LABEL_ORDER.get(s[2], 99), s)
    )
    longest = max((s[1] - s[0] for s in order), default=0)
    kept: list[Spot] = []  # sorted by start
    for spot in order:
        if spot[1] <= spot[0]:
            continue
        low = bisect.bisect_left(kept, (spot[0] - longest,))
        high = bisect.bisect_left(kept, (spot[1],))
        if not any(conflicts(spot, other) for other in kept[low:high]):
            bisect.insort(kept, spot)
    return kept
