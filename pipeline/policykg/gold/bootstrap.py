"""Bootstrap intervals over documents: resample the measured documents with replacement.

A fold's precision, recall and F1 come from counts summed over its documents; resampling whole
documents (not spans) keeps the dependence between spans of one report. 95 % percentile
intervals from ``ROUNDS`` seeded resamples.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from policykg.gold.evaluate import Counts

ROUNDS = 1000
SEED = 12


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    pos = q * (len(values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def intervals(
    per_doc: Sequence[Counts], rounds: int = ROUNDS, seed: int = SEED
) -> dict[str, Interval]:
    """95 % intervals of precision, recall and F1 over resampled documents."""
    if not per_doc:
        return {k: Interval(0.0, 0.0) for k in ("precision", "recall", "f1")}
    rng = random.Random(seed)
    stats: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    pick: Callable[[], Counts] = lambda: per_doc[rng.randrange(len(per_doc))]  # noqa: E731
    for _ in range(rounds):
        total = Counts()
        for _ in per_doc:
            total = total + pick()
        stats["precision"].append(total.precision)
        stats["recall"].append(total.recall)
        stats["f1"].append(total.f1)
    return {k: Interval(_percentile(v, 0.025), _percentile(v, 0.975)) for k, v in stats.items()}
