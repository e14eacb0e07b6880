"""The decision stage: a trained model keeps or drops each candidate span the rules propose.

Rules (and the NER) propose typed spans with high recall; before they are merged, every candidate
is scored by a logistic model over its own characters, the characters around it, the rule that
proposed it, and document-level evidence (how often the string recurs in the document, and how
often it is only the start of a longer run of the same characters); a firm or project candidate
also by how likely the character tagger of its type reads exactly that name there
(``tagger_view``). Candidates under their
type's threshold are dropped. The weights and thresholds are plain JSON (``model/decider.json``),
trained by ``policykg train --decider`` on the training folds of the annotated corpus
(``policykg.gold.train_decider``); no pickle is loaded.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.nlp.candidates import Spot
from policykg.nlp.rules.gazetteer import place_prefix
from policykg.nlp.rules.lexicon import (
    has_proper_part,
    is_common_word,
    is_place_word,
    is_word,
    tag_at,
    tag_before,
)
from policykg.nlp.rules.vocabulary import LEGAL_SUFFIXES
from policykg.nlp.statistical.name_tagger import TAGGED_TYPES, TaggerScores
from policykg.nlp.statistical.text_index import clause_around, string_counts
from policykg.nlp.terms.condensed import clipped_characters
from policykg.text.divisions import above_county

DECIDER_PATH = Path(__file__).resolve().parents[1] / "model" / "decider.json"
_STATUS = re.compile(r"建成|通车|开通|竣工|投用|投运|完成|加快|推进|开工|启动|谋划|前期|实施")
_QUOTES_OPEN = "“「‘《"
_QUOTES_CLOSE = "”」’》"
_WORD_CLASS_TYPES = ("Enterprise",)  # where they helped on the dev folds (EVAL.md)
_CLIPPED_TYPES = ("Slogan",)  # Abbreviation too: dev 0.891 → 0.888 (EVAL.md)
_STATE = re.compile(r"国家|全国|省级|市级|国省")
PROPOSAL_MARK = "@"
_TAGGER_TYPES = frozenset(kind.label for kind in TAGGED_TYPES)  # the types a tagger reads
_LIKELIHOOD_STEPS = (0.02, 0.1, 0.3, 0.6, 0.9)
_REGISTERED_FORMS = tuple(s for s in LEGAL_SUFFIXES if s not in ("公司", "集团"))
# Types whose rule candidates are judged only in the report of a province or a prefecture-level
# city (``for_place``): judging the rules' Projects raised every city dev fold and sank every
# county one (EVAL.md); the project tagger's proposals are judged everywhere
_ABOVE_COUNTY_TYPES = ("Project",)


def _kind(ch: str) -> str:
    """What kind of character follows a candidate: nothing, a CJK character, a digit, a Latin
    letter or punctuation."""
    if not ch:
        return "end"
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    if ch.isdigit():
        return "digit"
    return "latin" if ch.isascii() and ch.isalpha() else "punct"


def word_classes(text: str, start: int, end: int) -> list[str]:
    """Dictionary word classes around and inside the candidate: what the word before it, the word
    after it, its first and its last word are (verb, noun, place…), whether a character or a
    punctuation mark follows, and whether it names the state's level (国家, 省级)."""
    name = text[start:end]
    place = place_prefix(name)
    return [
        f"place={'all' if place == len(name) else 'head' if place else 'none'}",
        f"ltag={tag_before(text, start)}",
        f"rtag={tag_at(text, end)}",
        f"headtag={tag_at(name, 0)}",
        f"tailtag={tag_before(name, len(name))}",
        f"rkind={_kind(text[end : end + 1])}",
        f"state={bool(_STATE.search(name))}",
    ]


def decision_key(spot: Spot) -> str:
    """What judges ``spot``: its type, or for a proposer whose candidates are only proposals
    (``quoted_any``) its type and proposer (``Slogan@quoted_any``), with weights and a threshold
    of their own."""
    return f"{spot[2]}{PROPOSAL_MARK}{spot[3].span_id}" if spot[3].needs_decision else spot[2]


def is_proposal_key(key: str) -> bool:
    return PROPOSAL_MARK in key


def key_type(key: str) -> str:
    """The entity type a decision key judges (``Slogan@quoted_any`` → ``Slogan``)."""
    return key.partition(PROPOSAL_MARK)[0]


def without_repeats(spots: list[Spot]) -> list[Spot]:
    """The paragraph's candidates without the proposals that repeat a rule candidate's extent
    and type (that candidate is judged as the rule that found it)."""
    found = {(s, e, label) for s, e, label, source in spots if not source.needs_decision}
    return [x for x in spots if not x[3].needs_decision or x[:3] not in found]


def tagger_view(text: str, spot: Spot, scores: TaggerScores | None) -> list[str]:
    """The view of the character tagger of a firm or project candidate's type as a decision
    feature (none for other types, or with no tagger): ``unread`` when its sentence is not one
    the tagger reads, else the step its likelihood (``name_tagger.Marginals.span``) reaches (0–5:
    never, … surely the name the tagger reads there). On the rules' project candidates it
    raised Project F1 on the dev folds (0.797 → 0.800; drawn sentences 0.690 → 0.696), measured
    with the project tagger reading every sentence worth tagging.

    None for a registered firm name (…有限公司, …分行): its suffix fixes the name and the guideline
    keeps the place it opens with (山西恒强化工有限公司), while the tagger learned from text that
    holds almost no such names (2 in the dev folds' ranges), so it would only pull the choice
    among the name's boundary variants towards the one without its place."""
    if scores is None or spot[2] not in _TAGGER_TYPES:
        return []
    if spot[2] == "Enterprise" and text[spot[0] : spot[1]].endswith(_REGISTERED_FORMS):
        return []
    score = scores.get(spot[:3])
    if score is None:
        return ["tagger=unread"]
    return [f"tagger={sum(score >= step for step in _LIKELIHOOD_STEPS)}"]


def neighbours(spot: Spot, others: Iterable[Spot]) -> list[str]:
    """How the other candidates of the paragraph sit around ``spot``: inside which types, around
    which types, rivalled by which types on the same extent. Proposals only a model may keep are
    seen only by each other (the rules' candidates are judged as before they existed)."""
    out = set()
    for o in others:
        if o is spot or not (o[0] < spot[1] and spot[0] < o[1]):
            continue
        if o[3].needs_decision and not spot[3].needs_decision:
            continue
        if o[:2] == spot[:2]:
            out.add(f"same={o[2]}")
        elif o[0] <= spot[0] and spot[1] <= o[1]:
            out.add(f"in={o[2]}")
        elif spot[0] <= o[0] and o[1] <= spot[1]:
            out.add(f"holds={o[2]}")
        else:
            out.add(f"crosses={o[2]}")
    return sorted(out)


def features(
    text: str, spot: Spot, counts: dict[str, int], around: Iterable[str] = ()
) -> list[str]:
    """The feature names of one candidate ``text[start:end]`` (label-conditioned)."""
    start, end, label, source = spot
    key = decision_key(spot)
    name = text[start:end]
    left, right = text[max(0, start - 2) : start], text[end : end + 2]
    runs = counts.get(name, 1)
    longer = counts.get(name + right[:1], 0) if right else 0
    feats = [
        "bias",
        f"src={source}",
        f"len={min(end - start, 12)}",
        f"first={name[:1]}",
        f"last={name[-1:]}",
        f"first2={name[:2]}",
        f"last2={name[-2:]}",
        f"l1={left[-1:]}",
        f"l2={left}",
        f"r1={right[:1]}",
        f"r2={right}",
        f"common={is_common_word(name)}",
        f"placeword={is_place_word(name)}",
        f"proper={has_proper_part(name)}",
        f"head_word={is_word(name[-2:])}|{is_word(name[:2])}",
        f"quoted={bool(left) and left[-1] in _QUOTES_OPEN and right[:1] in _QUOTES_CLOSE}",
        f"repeats={min(runs, 4)}",
        f"runs_on={longer * 2 >= runs and runs > 1}",
        *around,
        *_status(text, start, end),
        *(word_classes(text, start, end) if label in _WORD_CLASS_TYPES else ()),
        *(_clipped(name) if label in _CLIPPED_TYPES else ()),
    ]
    return [f"{key}|{f}" for f in feats]


def _clipped(name: str) -> list[str]:
    """How many of the name's characters no dictionary word covers (智改数转, 人地钱: all of
    them; 青春不消停: none) — condensed terms are made of clipped members."""
    clipped = clipped_characters(name)
    return [f"clipped={min(clipped, 4)}", f"all_clipped={clipped == len(name)}"]


def _status(text: str, start: int, end: int) -> list[str]:
    """The status words of the clause around the candidate (建成 vs 加快 …)."""
    lo, hi = clause_around(text, start, end)
    return sorted({f"status={m.group()}" for m in _STATUS.finditer(text, lo, hi)})


@dataclass(frozen=True, slots=True)
class Decider:
    """Logistic weights per feature and a keep threshold per type."""

    weights: dict[str, float]
    thresholds: dict[str, float]
    version: str = ""

    def for_place(self, place: str | None) -> Decider:
        """This model as it judges a report of ``place``: without its thresholds for the rules'
        candidates of the types it judges only above county level (``_ABOVE_COUNTY_TYPES``)
        unless ``place`` is a listed province or prefecture-level city. In a county's, a
        district's or an unlisted place's report those candidates are all kept, as the rules
        propose them, and only the proposals of those types (the project tagger's) are judged."""
        if above_county(place):
            return self
        kept = {
            k: v
            for k, v in self.thresholds.items()
            if key_type(k) not in _ABOVE_COUNTY_TYPES or is_proposal_key(k)
        }
        return (
            self if len(kept) == len(self.thresholds) else Decider(self.weights, kept, self.version)
        )

    def judged_types(self) -> set[str]:
        """The types this model judges (each has a threshold)."""
        return {key_type(k) for k in self.thresholds}

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, text: str, spot: Spot, counts: dict[str, int], around: list[str]) -> float:
        """Probability that ``spot`` is a gold span; 1.0 for a type the model does not judge, 0.0
        for a proposal that this model does not judge."""
        if decision_key(spot) not in self.thresholds:
            return 0.0 if spot[3].needs_decision else 1.0
        return self.probability(features(text, spot, counts, around))

    def _one_reading(self, passed: list[tuple[Spot, float]]) -> list[Spot]:
        """Of the passed candidates of a judged type that overlap one another (a span and its
        boundary variants, a short rule name and a longer tagged one, proposals sharing a
        start), only the likeliest: taken greedily, likeliest first. Candidates of types
        this model does not judge are all kept, for the merge to settle."""
        kept: list[Spot] = []
        taken: dict[str, list[tuple[int, int]]] = {}  # per type, the kept extents by start
        for spot, _ in sorted(passed, key=lambda pair: -pair[1]):
            if decision_key(spot) not in self.thresholds:
                kept.append(spot)
                continue
            extents = taken.setdefault(spot[2], [])
            at = bisect.bisect_left(extents, (spot[1],))  # the kept ones starting before its end
            if not at or extents[at - 1][1] <= spot[0]:  # they do not overlap: ends rise too
                extents.insert(at, (spot[0], spot[1]))
                kept.append(spot)
        return kept

    def filter(
        self, text: str, candidates: dict[int, list[Spot]], tagged: TaggerScores | None = None
    ) -> dict[int, list[Spot]]:
        """The candidates of each paragraph that pass their threshold; of those of one judged
        type that overlap, only the likeliest (``_one_reading``). ``tagged``: the character taggers'
        scores of the firm and project candidates and their proposals
        (``name_tagger.read_document``), read as a feature; None without a tagger."""
        counts = string_counts(text, (s for spots in candidates.values() for s in spots))
        result: dict[int, list[Spot]] = {}
        for index, group in candidates.items():
            spots = without_repeats(group)
            judged = [s for s in spots if decision_key(s) in self.thresholds or not s[3].trimmed]
            scored = []
            for s in judged:
                around = neighbours(s, spots) + tagger_view(text, s, tagged)
                scored.append((s, self.score(text, s, counts, around)))
            passed = [
                (s, p)
                for s, p in scored
                if p >= self.thresholds.get(decision_key(s), 0.0) and (p or not s[3].needs_decision)
            ]
            result[index] = self._one_reading(passed)
        return result

    def to_json(self) -> str:
        data = {"version": self.version, "thresholds": self.thresholds, "weights": self.weights}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0)


def read_decider(path: Path) -> Decider:
    data = json.loads(path.read_text("utf-8"))
    return Decider(
        {str(k): float(v) for k, v in data["weights"].items()},
        {str(k): float(v) for k, v in data["thresholds"].items()},
        str(data.get("version", "")),
    )


@lru_cache(maxsize=4)
def shipped_decider(path: Path = DECIDER_PATH) -> Decider | None:
    """The shipped decision model, or None when none is shipped."""
    return read_decider(path) if path.is_file() else None
