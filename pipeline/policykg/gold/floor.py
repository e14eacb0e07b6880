"""The quality floor: strict micro F1 per type on the corpus folds may not fall below EVAL.md.

``tests/data/eval_floor.toml`` holds the figures EVAL.md records for ``policykg eval --fold
corpus`` (a test checks that EVAL.md shows the same numbers); ``floor_failures`` names every type
whose measured F1 is more than ``TOLERANCE`` below its floor.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

from policykg.gold.run import FoldEval
from policykg.gold.score import ALL_TYPES, RELATION_TYPES, sum_counts

TOLERANCE = 0.02
MIN_GOLD = 20  # gold items a type needs in the corpus folds to have a floor
FLOOR_NAME = "eval_floor.toml"


def micro_f1(folds: Sequence[FoldEval]) -> dict[str, float]:
    """Strict F1 per entity type and relation type, summed over every document of ``folds``;
    a type with fewer than ``MIN_GOLD`` gold items has no floor (one lost link would fail it)."""
    docs = [d for f in folds for d in f.docs]
    counted = [(t, sum_counts(docs, t).strict) for t in ALL_TYPES]
    counted += [(t, sum_counts(docs, t, relation=True).strict) for t in RELATION_TYPES]
    return {t: counts.f1 for t, counts in counted if counts.gold >= MIN_GOLD}


def read_floor(path: Path) -> dict[str, float]:
    return {str(k): float(v) for k, v in tomllib.loads(path.read_text("utf-8"))["corpus"].items()}


def floor_failures(
    measured: dict[str, float], floor: dict[str, float], tolerance: float = TOLERANCE
) -> list[str]:
    """One line per type whose F1 dropped more than ``tolerance`` below its floor."""
    return [
        f"{kind}: strict F1 {measured.get(kind, 0.0):.3f} < floor {value:.3f} - {tolerance}"
        for kind, value in floor.items()
        if measured.get(kind, 0.0) < value - tolerance
    ]


def floor_toml(measured: dict[str, float]) -> str:
    lines = [
        "# Strict micro F1 on the corpus folds as EVAL.md records them (policykg eval --fold corpus).",
        "# tests/test_eval_floor.py fails when a type falls more than 0.02 below its figure.",
        "[corpus]",
    ]
    lines += [f"{k} = {v:.3f}" for k, v in measured.items() if v > 0]  # no gold, no floor
    return "\n".join(lines) + "\n"
