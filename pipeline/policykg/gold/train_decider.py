"""Train the decision model (``policykg.nlp.statistical.decide``) on the training folds of the annotated corpus.

Examples are the candidates the rules and the NER propose inside the annotated ranges of the
training documents; a candidate is positive when a gold span has exactly its raw start, end and
type. The candidates inside the sentences of the dev reports drawn for their type
(``gold.drawn_sentences``: firms, projects, Slogans and Abbreviations) are examples too. Types a document's gold does not
annotate (Place in the seeds) give no examples there. Each fold's firm and project candidates carry the view
of the character taggers that never saw the fold (``decide.tagger_view``). A logistic regression
(scikit-learn, L2, fixed seed) learns the weights; each type's threshold is the one that
maximises F1 over the candidates of held-out training folds (leave one fold out), counting gold
spans no candidate proposed as misses. Output: plain JSON weights.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from policykg.gold.drawn_sentences import Drawn, DrawnSentence, drawn_names
from policykg.gold.judged import JudgedDoc
from policykg.gold.load import CorpusGoldDoc
from policykg.ir import SourceDoc
from policykg.nlp.candidates import Spot
from policykg.nlp.extract import propose, tagger_reading, with_tagger_proposals
from policykg.nlp.statistical.decide import (
    Decider,
    decision_key,
    features,
    is_proposal_key,
    key_type,
    neighbours,
    tagger_view,
    without_repeats,
)
from policykg.nlp.statistical.name_tagger import Taggers, TaggerScores
from policykg.nlp.statistical.text_index import string_counts
from policykg.nlp.terms.known import Known
from policykg.text.normalize import NormText

C = 2.0  # L2 strength 1/C: chosen on the dev folds with the drawn term sentences (EVAL.md: 0.5, 1, 2, 4)
MIN_WEIGHT = 1e-4
THRESHOLDS = [i / 40 for i in range(1, 40)]


@dataclass(frozen=True, slots=True)
class Example:
    fold: str
    label: str
    feats: list[str]
    positive: bool


@dataclass(frozen=True, slots=True)
class FoldDocs:
    name: str
    docs: list[CorpusGoldDoc]
    types: tuple[str, ...]
    judged: tuple[JudgedDoc, ...] = ()  # judged candidates of the fold's places (gold.judged)
    known: Known | None = None  # the known terms it is proposed with (gold.known_view)
    tagger: Taggers | None = None  # the taggers that never saw it (train_name_tagger)
    # its reports' drawn sentences by the type marked in them (gold.drawn_sentences.drawn_marks):
    # every name of that type there is marked
    drawn: Drawn = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Proposals:
    """A document's candidates, each with its raw span and its paragraph's other candidates."""

    norm: NormText
    counts: dict[str, int]
    items: list[tuple[tuple[int, int], Spot, list[Spot]]]
    tagged: TaggerScores | None

    @property
    def text(self) -> str:
        return self.norm.text

    def features(self, spot: Spot, group: list[Spot]) -> list[str]:
        around = neighbours(spot, group) + tagger_view(self.text, spot, self.tagged)
        return features(self.text, spot, self.counts, around)


def _proposals(
    source: SourceDoc, nlp: Language, known: Known | None, tagger: Taggers | None
) -> _Proposals:
    """A document's candidates, read by the taggers as the pipeline reads them before deciding
    (the taggers read every report here; the pipeline reads a tagger wherever the model judges
    its type, which for the shipped model is every report)."""
    proposed = propose(source, nlp, known)
    norm = proposed.norm
    reading = tagger_reading(norm, proposed.candidates, tagger)
    candidates = with_tagger_proposals(proposed.candidates, reading)
    groups = [without_repeats(group) for group in candidates.values()]
    counts = string_counts(norm.text, (s for group in groups for s in group))
    items = [(norm.raw_span(s[0], s[1]), s, group) for group in groups for s in group]
    return _Proposals(norm, counts, items, reading.scores if reading else None)


def examples(fold: FoldDocs, nlp: Language) -> tuple[list[Example], dict[str, int]]:
    """The candidates of a fold's annotated ranges (and its judged candidates), and per type the
    gold spans never proposed."""
    out: list[Example] = []
    unproposed: dict[str, int] = defaultdict(int)
    for doc in fold.docs:
        proposals = _proposals(doc.source, nlp, fold.known, fold.tagger)
        seen: set[tuple[int, int, str]] = set()  # gold the rules' own candidates hold
        for (start, end), spot, group in proposals.items:
            if spot[2] not in fold.types or not doc.scored(start):
                continue
            positive = (doc.source.name, start, end, spot[2]) in doc.spans
            if positive and not spot[3].needs_decision:
                seen.add((start, end, spot[2]))
            key = decision_key(spot)
            out.append(Example(fold.name, key, proposals.features(spot, group), positive))
        for _doc, start, end, label in doc.spans:
            if label in fold.types and (start, end, label) not in seen:
                unproposed[label] += 1
        for label, reports in fold.drawn.items():
            drawn, missed = drawn_examples(fold, proposals, reports.get(doc.source.name), label)
            out += drawn
            unproposed[label] += missed
    out += [
        e
        for doc in fold.judged
        for e in judged_examples(fold.name, doc, nlp, fold.known, fold.tagger)
    ]
    return out, unproposed


def drawn_examples(
    fold: FoldDocs, proposals: _Proposals, rows: list[DrawnSentence] | None, label: str
) -> tuple[list[Example], int]:
    """The ``label`` candidates inside a report's sentences drawn for that type, right when a
    marked name has exactly their extent, and how many marked names no rule candidate has."""
    if not rows or label not in fold.types:
        return [], 0
    sentences, names = drawn_names(rows, proposals.norm)
    starts = [s for s, _ in sentences]
    out, seen = [], set()
    for _, spot, group in proposals.items:
        index = bisect.bisect_right(starts, spot[0]) - 1
        if spot[2] != label or index < 0 or spot[1] > sentences[index][1]:
            continue
        positive = (spot[0], spot[1]) in names
        if positive and not spot[3].needs_decision:
            seen.add((spot[0], spot[1]))
        out.append(
            Example(fold.name, decision_key(spot), proposals.features(spot, group), positive)
        )
    return out, len(names - seen)


def judged_examples(
    fold: str,
    doc: JudgedDoc,
    nlp: Language,
    known: Known | None = None,
    tagger: Taggers | None = None,
) -> list[Example]:
    """The candidates of a judged document that the annotator judged (others give no example)."""
    proposals = _proposals(doc.source, nlp, known, tagger)
    return [
        Example(fold, decision_key(spot), proposals.features(spot, group), doc.verdicts[span])
        for span, spot, group in proposals.items
        if spot[2] == doc.label and span in doc.verdicts
    ]


def _fit(train: Sequence[Example]) -> dict[str, float]:
    """One logistic model per type. Features are label-prefixed, so the joint optimum is the same,
    but a joint solve let a change in one type's candidates move another type's weights by the
    solver's tolerance (GovernmentBody flipped on c2 when only Enterprise candidates changed)."""
    weights: dict[str, float] = {}
    for label in sorted({e.label for e in train}):
        weights.update(_fit_one([e for e in train if e.label == label]))
    return weights


def _fit_one(train: Sequence[Example]) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len({e.positive for e in train}) < 2:
        return {}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(e.feats, 1) for e in train])
    model = LogisticRegression(C=C, max_iter=2000, random_state=0, fit_intercept=False)
    model.fit(matrix, [e.positive for e in train])
    names = vectorizer.get_feature_names_out()
    return {
        str(n): round(float(w), 5)
        for n, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }


def _kept(scored: list[tuple[float, bool]], threshold: float) -> tuple[int, int]:
    """Right and wrong candidates at or above ``threshold``."""
    kept = [p for s, p in scored if s >= threshold]
    return sum(kept), len(kept) - sum(kept)


def _sweep(scored: list[tuple[float, bool]], gold: int, already: tuple[int, int] = (0, 0)) -> float:
    """The threshold that maximises F1 over ``gold`` spans, ``already`` right and wrong ones
    kept whatever it is."""
    best, best_f1 = 0.5, -1.0
    for t in THRESHOLDS:
        right, wrong = _kept(scored, t)
        tp, fp = already[0] + right, already[1] + wrong
        f1 = 2 * tp / (2 * tp + fp + (gold - tp)) if gold else 0.0
        if f1 > best_f1:
            best, best_f1 = t, f1
    return best


def _best_threshold(scored: list[tuple[float, bool]], missed: int) -> float:
    return _sweep(scored, sum(p for _, p in scored) + missed)


def _best_proposal_threshold(
    proposals: list[tuple[float, bool]], base: list[tuple[float, bool]], base_t: float, missed: int
) -> float:
    """The threshold of a type's proposals (``quoted_any``, ``legal_doubt``…) that maximises the type's F1 over
    all its candidates, the rules' own kept at their threshold ``base_t``: the proposals can win
    only what the rules' candidates miss, and each one kept wrong costs the type's precision."""
    return _sweep(proposals, sum(p for _, p in base) + missed, _kept(base, base_t))


FoldExamples = tuple[list[Example], dict[str, int]]  # a fold's examples, its unproposed gold


def fold_examples(folds: Sequence[FoldDocs], nlp: Language) -> dict[str, FoldExamples]:
    """Each fold's examples, computed once: every model trains on a subset of the same folds."""
    return {f.name: examples(f, nlp) for f in folds}


def train_decider(per_fold: dict[str, FoldExamples], version: str) -> Decider:
    """Weights on every fold of ``per_fold``; thresholds from leave-one-fold-out probabilities."""
    everything = [e for ex, _ in per_fold.values() for e in ex]
    scored: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    missed: dict[str, int] = defaultdict(int)
    for name, (held, unproposed) in per_fold.items():
        model = Decider(_fit([e for e in everything if e.fold != name]), {})
        for e in held:
            scored[e.label].append((model.probability(e.feats), e.positive))
        for label, n in unproposed.items():
            missed[label] += n
    thresholds = {
        key: _best_threshold(s, missed[key])
        for key, s in sorted(scored.items())
        if not is_proposal_key(key)
    }
    for key in sorted(filter(is_proposal_key, scored)):
        label = key_type(key)
        if label in thresholds:
            thresholds[key] = _best_proposal_threshold(
                scored[key], scored[label], thresholds[label], missed[label]
            )
    return Decider(_fit(everything), thresholds, version)
