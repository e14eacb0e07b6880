"""Scores of the corpus evaluation: relation matching, bootstrap intervals, judged audit lists."""

from __future__ import annotations

import csv
from pathlib import Path

from policykg.gold.audit import COLUMNS, carry_verdicts, precision
from policykg.gold.bootstrap import intervals
from policykg.gold.evaluate import Counts
from policykg.gold.floor import floor_failures
from policykg.gold.score import relation_scores


def test_relations_match_strictly_on_both_ends_and_by_overlap_loosely() -> None:
    gold = {("d", "undertakes", 0, 3, 0, 10)}
    exact = [[("d", "undertakes", 0, 3, 0, 10)]]
    loose = [[("d", "undertakes", 0, 3, 0, 8)]]
    wrong_type = [[("d", "leads", 0, 3, 0, 10)]]
    assert relation_scores(exact, gold, "undertakes").strict.f1 == 1.0
    score = relation_scores(loose, gold, "undertakes")
    assert score.strict.f1 == 0.0 and score.overlap.f1 == 1.0
    assert relation_scores(wrong_type, gold, "undertakes").strict.predicted == 0


def test_bootstrap_interval_holds_the_point_estimate_and_narrows_with_agreement() -> None:
    same = [Counts(10, 10, 8, 8)] * 20
    mixed = [Counts(10, 10, 10, 10), Counts(10, 10, 2, 2)] * 10
    tight, wide = intervals(same)["f1"], intervals(mixed)["f1"]
    assert round(tight.low, 9) == round(tight.high, 9) == 0.8
    assert wide.low < 0.6 < wide.high
    assert intervals(mixed) == intervals(mixed)  # seeded


def test_floor_names_only_the_types_that_fell_more_than_the_tolerance() -> None:
    floor = {"Enterprise": 0.50, "Place": 0.60}
    assert floor_failures({"Enterprise": 0.49, "Place": 0.57}, floor) == [
        "Place: strict F1 0.570 < floor 0.600 - 0.02"
    ]


def _tsv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _row(rank: int, label: str, verdict: str = "") -> dict[str, str]:
    return dict(zip(COLUMNS, [str(rank), label, "3", "4", "a.txt", "…", verdict, ""], strict=True))


def test_judged_lists_give_precision_and_carry_over_to_a_new_audit(tmp_path: Path) -> None:
    judged, new = tmp_path / "judged.tsv", tmp_path / "new.tsv"
    _tsv(judged, [_row(1, "比亚迪", "y"), _row(2, "城投公司", "n"), _row(3, "华为", "")])
    assert precision(judged) == (1, 2)
    _tsv(new, [_row(1, "城投公司"), _row(2, "宁德时代"), _row(3, "比亚迪")])
    assert carry_verdicts(new, judged) == 1  # 宁德时代 is still to judge
    assert precision(new) == (1, 2)


def test_errors_of_a_sealed_fold_are_refused() -> None:
    from typer.testing import CliRunner

    from policykg.cli import app

    result = CliRunner().invoke(app, ["eval", "--errors", "Park", "--fold", "c4"])
    assert result.exit_code == 1
    assert "sealed" in " ".join(result.output.split())
