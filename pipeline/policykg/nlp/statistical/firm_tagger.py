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
(``WORTH_TAGGING``). From its marginals come two things:
- for each firm candidate of the rules, how likely the tagger reads exactly that name there
  (``Marginals.span``), which the decision model reads as a feature;
- its own candidates: every span at least ``PROPOSAL_FLOOR`` likely (``Marginals.likely_spans``),
  proposals of ``FIRM_TAGGER`` that only the decision model may keep, judged with the same
  features as the rules' candidates and their likelihood. Since the thirteenth session this
  replaces the best tagging's names, which were added unjudged wherever no kept firm was. A kept
  name ranks with the weak sources in the merge, and is never spread over the document
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
PROPOSAL_FLOOR = 0.05  # the least likelihood of a span the tagger proposes (dev: 0.02, 0.05, 0.1)
_LONGEST_NAME = 16


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

    def read(
        self, text: str, start: int, end: int, asked: Iterable[tuple[int, int]] = ()
    ) -> SpanReading:
        """For each ``asked`` span inside a sentence of ``text[start:end]`` the tagger reads, how
        likely it finds exactly that name there (``Marginals.span``); and the spans it finds
        likely enough to propose (``Marginals.likely_spans``), with theirs."""
        tagger = self._opened()
        spans = sorted(asked)
        reading = SpanReading({}, [])
        for m in SENTENCE.finditer(text, start, end):
            if len(m[0]) > 1 and WORTH_TAGGING.search(m[0]):
                tagger.set(char_features(m[0]))
                chances = Marginals.of(tagger, len(m[0]))
                first = bisect.bisect_left(spans, (m.start(), m.start()))
                for s, e in spans[first : bisect.bisect_left(spans, (m.end(), m.end()))]:
                    if e <= m.end():
                        reading.scores[(s, e)] = chances.span(s - m.start(), e - m.start())
                for s, e, p in chances.likely_spans():
                    at = m.start() + s, m.start() + e
                    reading.proposed.append(at)
                    reading.scores.setdefault(at, p)
        return reading


@dataclass(frozen=True, slots=True)
class SpanReading:
    """What the tagger reads in one stretch of text (offsets into the document)."""

    scores: dict[tuple[int, int], float]  # span -> Marginals.span
    proposed: list[tuple[int, int]]  # spans at least PROPOSAL_FLOOR likely


@dataclass(frozen=True, slots=True)
class Marginals:
    """The tagger's marginals on one sentence: that a name begins at each character, and that
    each character continues a name."""

    begins: list[float]
    inside: list[float]

    @classmethod
    def of(cls, tagger: Any, size: int) -> Marginals:
        """Read from the sentence last ``set`` on ``tagger``, before any ``tag`` call on it:
        CRFsuite computes a sentence's marginals once, and its Viterbi overwrites the lattice
        they are read from, so after ``tag`` the same calls return numbers that are no
        probabilities (seen with python-crfsuite 0.9.12; tests/test_nlp_firm_tagger.py)."""
        return cls(
            [tagger.marginal("B", i) for i in range(size)],
            [tagger.marginal("I", i) for i in range(size)],
        )

    def span(self, start: int, end: int) -> float:
        """How likely the tagger reads exactly ``[start, end)`` as a name: that a name begins at
        ``start``, the least likely of its inner characters continuing it, and that it stops at
        ``end`` — their product (1 for a name the tagger surely reads, 0 for one it never
        would)."""
        inside = min(self.inside[start + 1 : end], default=1.0)
        stops = 1.0 - self.inside[end] if end < len(self.inside) else 1.0
        return float(self.begins[start] * inside * stops)

    def likely_spans(self) -> list[tuple[int, int, float]]:
        """Every span whose likelihood reaches ``PROPOSAL_FLOOR`` (at most ``_LONGEST_NAME``
        characters), with it: the names the tagger proposes for the decision model to judge."""
        size = len(self.begins)
        found = []
        for start in [i for i, b in enumerate(self.begins) if b >= PROPOSAL_FLOOR]:
            reach = self.begins[start]  # that a name starts here and runs on to end
            for end in range(start + 1, min(size, start + _LONGEST_NAME) + 1):
                if end > start + 1:
                    reach = min(reach, self.begins[start] * self.inside[end - 1])
                if reach < PROPOSAL_FLOOR:
                    break
                likely = reach * (1.0 - self.inside[end] if end < size else 1.0)
                if likely >= PROPOSAL_FLOOR:
                    found.append((start, end, likely))
        return found


@lru_cache(maxsize=4)
def shipped_firm_tagger(path: Path = FIRM_TAGGER_PATH) -> FirmTagger | None:
    """The shipped tagger, or None when none is shipped."""
    return FirmTagger(path) if path.is_file() else None


@dataclass(frozen=True, slots=True)
class TaggerReading:
    """What the tagger read in one document: the spans it proposes in each paragraph, and the
    likelihood of each firm candidate and each proposal in a sentence it reads."""

    proposed: dict[int, list[tuple[int, int]]]
    scores: dict[tuple[int, int], float]


def read_document(
    tagger: FirmTagger,
    text: str,
    bounds: dict[int, tuple[int, int]],
    candidates: dict[int, list[Spot]],
) -> TaggerReading:
    """Tag each paragraph (``bounds``: its start and end) once, scoring its firm candidates."""
    proposed: dict[int, list[tuple[int, int]]] = {}
    scores: dict[tuple[int, int], float] = {}
    for index, (start, end) in bounds.items():
        asked = {(s, e) for s, e, label, _ in candidates.get(index, []) if label == ENTERPRISE}
        reading = tagger.read(text, start, end, asked)
        if reading.proposed:
            proposed[index] = reading.proposed
        scores.update(reading.scores)
    return TaggerReading(proposed, scores)


def tagger_proposals(reading: TaggerReading) -> dict[int, list[Spot]]:
    """The spans the tagger proposes in each paragraph, as candidates of ``FIRM_TAGGER``, which
    only the decision model may keep."""
    return {
        index: [(s, e, ENTERPRISE, FIRM_TAGGER) for s, e in spans]
        for index, spans in reading.proposed.items()
    }
