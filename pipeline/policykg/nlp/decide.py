"""The decision stage: a trained model keeps or drops each candidate span the rules propose.

Rules (and the NER) propose typed spans with high recall; before they are merged, every candidate
is scored by a logistic model over its own characters, the characters around it, the rule that
proposed it, and document-level evidence (how often the string recurs in the document, and how
often it is only the start of a longer run of the same characters). Candidates under their
type's threshold are dropped. The weights and thresholds are plain JSON (``model/decider.json``),
trained by ``policykg train --decider`` on the training folds of the annotated corpus
(``policykg.gold.train_decider``); no pickle is loaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.nlp.lexicon import is_common_word, is_place_word
from policykg.nlp.merge import Spot

DECIDER_PATH = Path(__file__).resolve().parent / "model" / "decider.json"
_QUOTES_OPEN = "“「‘《"
_QUOTES_CLOSE = "”」’》"


def neighbours(spot: Spot, others: Iterable[Spot]) -> list[str]:
    """How the other candidates of the paragraph sit around ``spot``: inside which types, around
    which types, rivalled by which types on the same extent."""
    out = set()
    for o in others:
        if o is spot or not (o[0] < spot[1] and spot[0] < o[1]):
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
        f"quoted={bool(left) and left[-1] in _QUOTES_OPEN and right[:1] in _QUOTES_CLOSE}",
        f"repeats={min(runs, 4)}",
        f"runs_on={longer * 2 >= runs and runs > 1}",
        *around,
    ]
    return [f"{label}|{f}" for f in feats]


def string_counts(text: str, spots: Iterable[Spot]) -> dict[str, int]:
    """How often each candidate string, and each string one character longer, occurs in ``text``."""
    counts: dict[str, int] = {}
    for start, end, _, _ in spots:
        for key in (text[start:end], text[start : end + 1]):
            if key not in counts:
                counts[key] = text.count(key)
    return counts


@dataclass(frozen=True, slots=True)
class Decider:
    """Logistic weights per feature and a keep threshold per type."""

    weights: dict[str, float]
    thresholds: dict[str, float]
    version: str = ""

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, text: str, spot: Spot, counts: dict[str, int], around: list[str]) -> bool:
        threshold = self.thresholds.get(spot[2])
        if threshold is None:
            return True  # a type the model does not judge is kept
        return self.probability(features(text, spot, counts, around)) >= threshold

    def filter(self, text: str, candidates: dict[int, list[Spot]]) -> dict[int, list[Spot]]:
        """The candidates of each paragraph that pass their type's threshold."""
        counts = string_counts(text, (s for spots in candidates.values() for s in spots))
        return {
            index: [s for s in spots if self.keep(text, s, counts, neighbours(s, spots))]
            for index, spots in candidates.items()
        }

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
