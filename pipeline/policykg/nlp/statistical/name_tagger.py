"""Character taggers for the names no rule finds: firms (宁德时代|新能源电池产业项目, 比亚迪、大众、
蔚来) and projects (宁德时代|新能源电池产业项目, 白鹤滩水电站).

Rules find firms and projects by structure (legal suffixes, lists of firms, a trade name before a
line of business, a project word closing a name); many names that reports write bare, at a
project's head or in a list, have no such mark. A linear-chain CRF (CRFsuite, through
python-crfsuite) per type tags each sentence it reads character by character (B/I/O), from the
characters around each one and what the word dictionary says about them (``tagger_features``). Each
is trained on its type's gold in the annotated corpus's dev folds and on the sentences of the same
reports drawn for that type (``policykg train --firm-tagger`` / ``--project-tagger``), so it learns
what a name looks like rather than a list of names.

The taggers read each document once, before the decision stage (``read_document``): the
sentences worth tagging, each described once for every tagger. A tagger reads a report only where
the decision model judges its type's candidates or its proposals (``decide.Decider.for_place``:
in a county's report the project tagger's proposals are judged, the rules' projects kept as
proposed). From each tagger's marginals come two things:
- for each candidate of the rules of its type, how likely the tagger reads exactly that name there
  (``Marginals.span``), which the decision model reads as a feature;
- its own candidates: every span at least ``PROPOSAL_FLOOR`` likely (``Marginals.likely_spans``),
  proposals (``FIRM_TAGGER``, ``PROJECT_TAGGER``) that only the decision model may keep, judged with
  the same features as the rules' candidates and their likelihood. A kept name ranks with the weak
  sources in the merge; a kept firm name of three characters or more is spread over its document
  like a rule's name, a shorter one is not (``extract._spreadable_names``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from policykg.ir import EntityType
from policykg.nlp.candidates import FIRM_TAGGER, PROJECT_TAGGER, RuleId, Spot
from policykg.nlp.statistical.tagger_features import (
    PROJECT_WORDS,
    SENTENCE,
    WORTH_TAGGING,
    char_features,
)

MODEL_DIR = Path(__file__).resolve().parents[1] / "model"
PROPOSAL_FLOOR = 0.05  # the least likelihood of a firm name proposed (dev: 0.02, 0.05, 0.1)
Features = list[tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class TaggedType:
    """A type a character tagger reads: its label, who proposes its names, its model files'
    stem, the longest name it proposes, the least likelihood of a name it proposes, and what a
    sentence worth tagging must also hold for it to read it (None: nothing more)."""

    label: str
    source: RuleId
    stem: str
    longest: int
    floor: float = PROPOSAL_FLOOR
    reads: re.Pattern[str] | None = None

    def would_read(self, sentence: str) -> bool:
        return self.reads is None or self.reads.search(sentence) is not None

    def path(self, folder: Path = MODEL_DIR, without: str | None = None) -> Path:
        """The model file trained on every dev fold, or on all but the folds ``without`` names
        (``gold.folds.held_out_name``: ``c1+c1b``, ``hebei``)."""
        name = f"{self.stem}-without-{without}" if without else self.stem
        return folder / f"{name}.crfsuite"


FIRMS = TaggedType(EntityType.ENTERPRISE.value, FIRM_TAGGER, "firm-tagger", 16)
# projects: 1,080 of the dev folds' 1,085 gold project names have at most 24 characters; a
# floor of 0.2 scored as 0.05 on the dev folds (Project F1 0.800 against 0.802, drawn sentences
# 0.696 both) with about a fifth of the proposals to judge (4,632 against 21,128 in the dev
# folds' 92 city reports), both measured with the tagger reading every sentence worth tagging
PROJECTS = TaggedType(
    EntityType.PROJECT.value, PROJECT_TAGGER, "project-tagger", 24, 0.2, PROJECT_WORDS
)
TAGGED_TYPES = (FIRMS, PROJECTS)


@dataclass
class NameTagger:
    """A trained CRFsuite model of one type, opened on first use (it cannot be pickled)."""

    path: Path
    kind: TaggedType = FIRMS
    _tagger: Any = field(default=None, repr=False, compare=False)

    def _opened(self) -> Any:
        if self._tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._tagger = tagger
        return self._tagger

    def marginals(self, features: Any, size: int) -> Marginals:
        """Its marginals on one sentence of ``size`` characters: their features
        (``tagger_features.char_features``), as a list or as one ``described`` sequence."""
        tagger = self._opened()
        tagger.set(features)
        return Marginals.of(tagger, size)


def described(features: Features) -> Any:
    """A sentence's features as CRFsuite's item sequence, built once for every tagger that
    reads the sentence (each tagger's ``set`` of a plain list builds it again)."""
    import pycrfsuite

    return pycrfsuite.ItemSequence(features)


@dataclass(frozen=True, slots=True)
class Marginals:
    """A tagger's marginals on one sentence: that a name begins at each character, and that
    each character continues a name."""

    begins: list[float]
    inside: list[float]

    @classmethod
    def of(cls, tagger: Any, size: int) -> Marginals:
        """Read from the sentence last ``set`` on ``tagger``, before any ``tag`` call on it:
        CRFsuite computes a sentence's marginals once, and its Viterbi overwrites the lattice
        they are read from, so after ``tag`` the same calls return numbers that are no
        probabilities (seen with python-crfsuite 0.9.12; tests/test_nlp_name_tagger.py)."""
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

    def likely_spans(
        self, longest: int, floor: float = PROPOSAL_FLOOR
    ) -> list[tuple[int, int, float]]:
        """Every span whose likelihood reaches ``floor`` (at most ``longest`` characters), with
        it: the names the tagger proposes for the decision model to judge."""
        size = len(self.begins)
        found = []
        for start in [i for i, b in enumerate(self.begins) if b >= floor]:
            reach = self.begins[start]  # that a name starts here and runs on to end
            for end in range(start + 1, min(size, start + longest) + 1):
                if end > start + 1:
                    reach = min(reach, self.begins[start] * self.inside[end - 1])
                if reach < floor:
                    break
                likely = reach * (1.0 - self.inside[end] if end < size else 1.0)
                if likely >= floor:
                    found.append((start, end, likely))
        return found


@dataclass(frozen=True, slots=True)
class Taggers:
    """The character taggers a document may be read with (either may be missing)."""

    firm: NameTagger | None = None
    project: NameTagger | None = None

    def reading(self, labels: Iterable[str] | None = None) -> list[NameTagger]:
        """The taggers of the types among ``labels`` (those a decision model judges; None: all)."""
        present = [t for t in (self.firm, self.project) if t is not None]
        if labels is None:
            return present
        wanted = set(labels)
        return [t for t in present if t.kind.label in wanted]

    def describe(self) -> str:
        names = [t.path.stem for t in (self.firm, self.project) if t is not None]
        return " + ".join(names) or "no tagger"


def taggers_in(folder: Path = MODEL_DIR, without: str | None = None) -> Taggers:
    """The taggers whose model files are in ``folder`` (trained without the folds ``without``
    names)."""
    paths = {kind: kind.path(folder, without) for kind in TAGGED_TYPES}
    found = {kind.label: NameTagger(path, kind) for kind, path in paths.items() if path.is_file()}
    return Taggers(found.get(FIRMS.label), found.get(PROJECTS.label))


@lru_cache(maxsize=4)
def shipped_taggers(folder: Path = MODEL_DIR) -> Taggers:
    """The shipped taggers (none when no model file is shipped)."""
    return taggers_in(folder)


TaggerScores = dict[tuple[int, int, str], float]  # (start, end, label) -> Marginals.span


@dataclass(frozen=True, slots=True)
class TaggerReading:
    """What the taggers read in one document: the candidates they propose in each paragraph,
    and the likelihood of each candidate of their types and each proposal in a sentence they
    read."""

    proposed: dict[int, list[Spot]]
    scores: TaggerScores


def _read_sentence(
    taggers: Sequence[NameTagger], sentence: str, at: int, asked: list[tuple[int, int, str]]
) -> tuple[list[Spot], TaggerScores]:
    """Each tagger's proposals in one sentence starting at ``at``, and its scores of the
    ``asked`` candidates of its type inside it (sorted by start)."""
    features = char_features(sentence)
    items = described(features) if len(taggers) > 1 else features
    proposed: list[Spot] = []
    scores: TaggerScores = {}
    first = bisect.bisect_left(asked, (at,))
    inside = asked[first : bisect.bisect_left(asked, (at + len(sentence),))]
    for tagger in taggers:
        kind = tagger.kind
        chances = tagger.marginals(items, len(features))
        for s, e, label in inside:
            if label == kind.label and e <= at + len(sentence):
                scores[(s, e, label)] = chances.span(s - at, e - at)
        for s, e, p in chances.likely_spans(kind.longest, kind.floor):
            proposed.append((at + s, at + e, kind.label, kind.source))
            scores.setdefault((at + s, at + e, kind.label), p)
    return proposed, scores


def read_document(
    taggers: Sequence[NameTagger],
    text: str,
    bounds: dict[int, tuple[int, int]],
    candidates: dict[int, list[Spot]],
) -> TaggerReading:
    """Tag each paragraph (``bounds``: its start and end) once, scoring the candidates of the
    taggers' types."""
    labels = {t.kind.label for t in taggers}
    proposed: dict[int, list[Spot]] = {}
    scores: TaggerScores = {}
    for index, (start, end) in bounds.items():
        asked = sorted({(s, e, lab) for s, e, lab, _ in candidates.get(index, []) if lab in labels})
        for m in SENTENCE.finditer(text, start, end):
            if len(m[0]) < 2 or not WORTH_TAGGING.search(m[0]):
                continue
            readers = [t for t in taggers if t.kind.would_read(m[0])]
            if readers:
                found, scored = _read_sentence(readers, m[0], m.start(), asked)
                if found:
                    proposed.setdefault(index, []).extend(found)
                scores.update(scored)
    return TaggerReading(proposed, scores)
