"""The quality floor in CI: the place-held-out evaluation of the corpus folds, per type strict F1,
may not fall more than 0.02 below the figures EVAL.md records (tests/data/eval_floor.toml)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from policykg.gold.files import default_gold_root
from policykg.gold.floor import FLOOR_NAME, TOLERANCE, floor_failures, micro_f1, read_floor
from policykg.gold.run import run_all
from policykg.paths import project_root

ROOT = default_gold_root()
FLOOR = read_floor(ROOT / FLOOR_NAME)
CORPUS = {"c1", "c1b", "c2", "c2b", "c3", "c3b", "c4", "c5", "c6", "hebei"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    return micro_f1(run_all(ROOT, only=CORPUS, seeds=False))


def test_no_type_falls_below_the_floor(measured: dict[str, float]) -> None:
    assert not floor_failures(measured, FLOOR), floor_failures(measured, FLOOR)


def test_eval_md_records_the_floor_figures() -> None:
    text = (project_root() / "EVAL.md").read_text("utf-8")
    for kind, value in FLOOR.items():
        row = re.search(rf"^\| micro: corpus folds \| {kind} \|.*$", text, re.M)
        assert row, f"EVAL.md has no corpus micro row for {kind}"
        assert f"| {value:.3f} (" in row.group(0), f"EVAL.md's {kind} F1 differs from {FLOOR_NAME}"


def test_a_weakened_pipeline_fails_the_floor(monkeypatch: Any) -> None:
    """Without the place gazetteer (one component out of four), the floor catches the drop."""
    import policykg.nlp.pipeline as pipeline

    real = pipeline.build_nlp

    def weakened(**kwargs: Any) -> Any:
        nlp = real(**kwargs)
        nlp.remove_pipe("policykg_places")
        return nlp

    monkeypatch.setattr("policykg.gold.run.build_nlp", weakened)
    failures = floor_failures(micro_f1(run_all(ROOT, only=CORPUS, seeds=False)), FLOOR)
    assert any(line.startswith("Place:") for line in failures), failures
    assert TOLERANCE == 0.02
