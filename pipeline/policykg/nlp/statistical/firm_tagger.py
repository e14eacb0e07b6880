"""A character tagger for the firm names no rule finds: 宁德时代|新能源电池产业项目, 比亚迪、大众、蔚来.

Rules find firms by structure (legal suffixes, lists of firms, a trade name before a line of
business); many names that reports write bare, at a project's head or in a list, have no such
mark. A linear-chain CRF (CRFsuite, through python-crfsuite) tags each sentence it reads
character by character (B/I/O for Enterprise), from the characters around each one and from what the general
word dictionary says about them: where the dictionary's longest words start and end, their word
classes, and whether a line-of-business word or a legal suffix follows. It is trained on the
Enterprise gold of the annotated corpus's dev folds and the drawn firm sentences of the same
reports (``policykg train --firm-tagger``), so it learns what a name looks like rather than a
list of names.

It reads each document once, before the decision stage (``read_document``), the sentences that
hold a firm word (``ner_targets``' cue words), a project word or a 、…等 list
(``WORTH_TAGGING``). Two things come of it:
- for each firm candidate of the rules, how likely the tagger reads exactly that name there
  (``span_likelihood``, from its marginals), which the decision model reads as a feature;
- its own names, which only fill gaps after the merge. A tagged name that overlaps an
  Enterprise kept by the rules is dropped, and it gives way to every rule span in the merge
  (``FIRM_TAGGER`` ranks with the weak sources). Its names are never spread over the document
  (``extract._spreadable_names`` spreads rule names only).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from policykg.ir import EntityType
from policykg.nlp.candidates import FIRM_TAGGER, Spot
from policykg.nlp.rules.lexicon import word_entries
from policykg.nlp.rules.vocabulary import INDUSTRY_WORDS
from policykg.nlp.statistical.ner_targets import ENTERPRISE_CONTEXT

FIRM_TAGGER_PATH = Path(__file__).resolve().parents[1] / "model" / "firm-tagger.crfsuite"
ENTERPRISE = EntityType.ENTERPRISE.value
SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_SUFFIX = re.compile(r"公司|集团")
WORTH_TAGGING = re.compile(
    ENTERPRISE_CONTEXT.pattern
    + r"|项目|工程|基地|产业园|工厂|生产线|开工|建成|竣工|落地|达产|量产|上市|开业|封顶"
    + r"|、[^、]{1,12}等"
)
_SUFFIX_REACH = 8  # a legal suffix this close after a character: it may be inside a name
_INDUSTRY_REACH = 6
_PAD = "#"
_KEPT_MARKS = "、，“”（）《》"


def _kind(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "h"
    if ch.isdigit():
        return "d"
    if ch.isascii() and ch.isalpha():
        return "l"
    return ch if ch in _KEPT_MARKS else "p"


_WORD_PLACES = {2: ("B", "E"), 3: ("B", "M", "E"), 4: ("B", "M", "M", "E")}


def _segment(text: str) -> tuple[list[str], list[str]]:
    """Greedy longest-word segmentation with the dictionary's words of 2–4 characters: each
    character's place in its word (B, M, E, or S when no word covers it) and the word's class."""
    entries = word_entries()
    size = len(text)
    places, tags = ["S"] * size, [""] * size
    i = 0
    while i < size - 1:
        for n in (4, 3, 2):
            entry = entries.get(text[i : i + n]) if i + n <= size else None
            if entry is not None:
                places[i : i + n] = _WORD_PLACES[n]
                tags[i : i + n] = (entry[1],) * n
                i += n
                break
        else:
            i += 1
    return places, tags


def _starts_of(text: str, pattern: re.Pattern[str]) -> list[bool]:
    """Whether one of the words ``pattern`` (a lookahead) matches starts at each position."""
    flags = [False] * len(text)
    for m in pattern.finditer(text):
        flags[m.start()] = True
    return flags


def _soon(flags: list[bool], reach: int, first: int) -> list[bool]:
    """For each position i, whether a flag is set in i+first … i+reach."""
    at = [i for i, f in enumerate(flags) if f]
    out = [False] * len(flags)
    for j in at:
        for i in range(max(0, j - reach), j - first + 1):
            out[i] = True
    return out


@lru_cache(maxsize=1)
def _industry_words() -> re.Pattern[str]:
    """A lookahead for the line-of-business words of 2+ characters (科技, 新材料, 物流…)."""
    words = sorted({w for w in INDUSTRY_WORDS if len(w) > 1}, key=len, reverse=True)
    return re.compile("(?=" + "|".join(map(re.escape, words)) + ")")


def _prefixed(name: str, values: Iterable[str]) -> list[str]:
    return [name + v for v in values]


def char_features(text: str) -> list[tuple[str, ...]]:
    """The features of each character of one sentence: one column per feature, zipped (the
    flags are features with a value, so every row has the same columns)."""
    n = len(text)
    padded = _PAD * 2 + text + _PAD * 2
    table = {ch: _kind(ch) for ch in set(padded)}
    kinds = [table[ch] for ch in padded]
    places, tags = _segment(text)
    industry = _starts_of(text, _industry_words())
    suffix = [False] * n
    for m in _SUFFIX.finditer(text):
        suffix[m.start()] = True
    pairs = [a + b for a, b in pairwise(padded)]
    kind3 = [a + b + c for a, b, c in zip(kinds, kinds[1:], kinds[2:], strict=False)]
    edge = [_PAD, *places, _PAD]
    columns = [
        ["b"] * n,
        _prefixed("c=", padded[2 : n + 2]),
        _prefixed("c-1=", padded[1 : n + 1]),
        _prefixed("c+1=", padded[3 : n + 3]),
        _prefixed("c-2=", padded[0:n]),
        _prefixed("c+2=", padded[4 : n + 4]),
        _prefixed("bl=", pairs[1 : n + 1]),
        _prefixed("br=", pairs[2 : n + 2]),
        _prefixed("seg=", places),
        _prefixed("tag=", tags),
        _prefixed("segtag=", [p + t for p, t in zip(places, tags, strict=True)]),
        _prefixed("k=", kinds[2 : n + 2]),
        _prefixed("kl=", kind3[1 : n + 1]),
        _prefixed("seg-1=", edge[0:n]),
        _prefixed("seg+1=", edge[2 : n + 2]),
        _flags("ind_here=", industry),
        _flags("ind_soon=", _soon(industry, _INDUSTRY_REACH, 1)),
        _flags("sfx_soon=", _soon(suffix, _SUFFIX_REACH, 0)),
    ]
    return list(zip(*columns, strict=True))


def _flags(name: str, flags: list[bool]) -> list[str]:
    on, off = name + "1", name + "0"
    return [on if f else off for f in flags]


def bio_spans(labels: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of each B-I* run of ``labels`` (an I without a B starts nothing)."""
    spans, start = [], None
    for i, label in enumerate([*labels, "O"]):
        if label != "I" and start is not None:
            spans.append((offset + start, offset + i))
            start = None
        if label == "B":
            start = i
    return spans


@dataclass
class FirmTagger:
    """A trained CRFsuite model, opened on first use (the tagger itself cannot be pickled)."""

    path: Path
    _tagger: Any = field(default=None, repr=False, compare=False)

    def _opened(self) -> Any:
        if self._tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._tagger = tagger
        return self._tagger

    def names(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The firm names the model tags in ``text[start:end]``, sentence by sentence."""
        return self.read(text, start, end, ())[0]

    def read(
        self, text: str, start: int, end: int, asked: Iterable[tuple[int, int]]
    ) -> tuple[list[tuple[int, int]], dict[tuple[int, int], float]]:
        """The names tagged in ``text[start:end]``, and for each ``asked`` span inside a sentence
        the tagger reads, how likely it finds exactly that name there (``span_likelihood``)."""
        tagger = self._opened()
        spans = sorted(asked)
        found: list[tuple[int, int]] = []
        scores: dict[tuple[int, int], float] = {}
        for m in SENTENCE.finditer(text, start, end):
            if len(m[0]) > 1 and WORTH_TAGGING.search(m[0]):
                tagger.set(char_features(m[0]))
                found += bio_spans(list(tagger.tag()), m.start())
                first = bisect.bisect_left(spans, (m.start(), m.start()))
                for s, e in spans[first : bisect.bisect_left(spans, (m.end(), m.end()))]:
                    if e <= m.end():
                        at = s - m.start(), e - m.start()
                        scores[(s, e)] = span_likelihood(tagger, *at, len(m[0]))
        return found, scores


def span_likelihood(tagger: Any, start: int, end: int, size: int) -> float:
    """From the tagger's marginals on the sentence it was last given: that a name begins at
    ``start``, the least likely of its inner characters continuing it, and that it stops at
    ``end`` — their product (1 for a name the tagger surely reads, 0 for one it never would)."""
    inside = min((tagger.marginal("I", i) for i in range(start + 1, end)), default=1.0)
    stops = 1.0 - tagger.marginal("I", end) if end < size else 1.0
    return float(tagger.marginal("B", start) * inside * stops)


@lru_cache(maxsize=4)
def shipped_firm_tagger(path: Path = FIRM_TAGGER_PATH) -> FirmTagger | None:
    """The shipped tagger, or None when none is shipped."""
    return FirmTagger(path) if path.is_file() else None


@dataclass(frozen=True, slots=True)
class TaggerReading:
    """What the tagger read in one document: the names it tags in each paragraph, and for each
    firm candidate in a sentence it reads, how likely it finds exactly that name."""

    names: dict[int, list[tuple[int, int]]]
    scores: dict[tuple[int, int], float]


def read_document(
    tagger: FirmTagger,
    text: str,
    bounds: dict[int, tuple[int, int]],
    candidates: dict[int, list[Spot]],
) -> TaggerReading:
    """Tag each paragraph (``bounds``: its start and end) once, scoring its firm candidates."""
    names: dict[int, list[tuple[int, int]]] = {}
    scores: dict[tuple[int, int], float] = {}
    for index, (start, end) in bounds.items():
        asked = {(s, e) for s, e, label, _ in candidates.get(index, []) if label == ENTERPRISE}
        found, scored = tagger.read(text, start, end, asked)
        if found:
            names[index] = found
        scores.update(scored)
    return TaggerReading(names, scores)


def tagged_firms(reading: TaggerReading, merged: dict[int, list[Spot]]) -> dict[int, list[Spot]]:
    """The tagged names of each paragraph that no Enterprise of ``merged`` overlaps, as spots of
    ``FIRM_TAGGER`` (the caller merges them: rule spans win)."""
    result: dict[int, list[Spot]] = {}
    for index, found in reading.names.items():
        firms = [s for s in merged.get(index, []) if s[2] == ENTERPRISE]
        tagged = [
            (s, e, ENTERPRISE, FIRM_TAGGER)
            for s, e in found
            if not any(f[0] < e and s < f[1] for f in firms)
        ]
        if tagged:
            result[index] = tagged
    return result
