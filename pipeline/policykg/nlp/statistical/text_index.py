"""An index of a document's text, built once, for what the decision stage asks of it for every
candidate: the clause a candidate stands in (``clause_around``) and how often a string recurs in
the document (``string_counts``). Both answer exactly as the plain scans they replace
(``str.rfind`` / ``str.find`` for each clause mark, ``str.count`` per string), which read the
whole report for each candidate: on the five seed reports the decision stage took 0.22 s a pass
with them, 0.12 s with the index (2026-12-07)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import lru_cache

from policykg.nlp.candidates import Spot

CLAUSE_STOP = "，。；：！？\n"


@lru_cache(maxsize=2)
def _clause_stops(text: str) -> list[int]:
    """Where each clause mark of ``text`` stands, in order."""
    return [i for i, ch in enumerate(text) if ch in CLAUSE_STOP]


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause ``text[start:end]`` stands in: from after the last clause mark before
    ``start`` to the first one at or after ``end`` (the text's ends where there is none)."""
    stops = _clause_stops(text)
    before = bisect.bisect_left(stops, start)
    after = bisect.bisect_left(stops, end, before)
    lo = stops[before - 1] + 1 if before else 0
    hi = stops[after] if after < len(stops) else len(text)
    return lo, hi


@lru_cache(maxsize=2)
def _pair_starts(text: str) -> dict[str, list[int]]:
    """Where each pair of adjacent characters of ``text`` starts, in order."""
    starts: dict[str, list[int]] = {}
    for i in range(len(text) - 1):
        starts.setdefault(text[i : i + 2], []).append(i)
    return starts


def occurrences(text: str, key: str) -> int:
    """``text.count(key)``: the non-overlapping occurrences of ``key``, taken from the left."""
    if len(key) < 2:
        return text.count(key)
    found, free = 0, 0
    for at in _pair_starts(text).get(key[:2], ()):
        if at >= free and text.startswith(key, at):
            found += 1
            free = at + len(key)
    return found


def string_counts(text: str, spots: Iterable[Spot]) -> dict[str, int]:
    """How often each candidate string, and each string one character longer, occurs in ``text``."""
    counts: dict[str, int] = {}
    for start, end, _, _ in spots:
        for key in (text[start:end], text[start : end + 1]):
            if key not in counts:
                counts[key] = occurrences(text, key)
    return counts
