"""``policykg eval`` end to end on a small slice of the held-out documents: sane structure."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.gold.eval_report import to_json, to_table
from policykg.gold.eval_run import run_eval
from policykg.gold.evaluate import SCORED_TYPES
from policykg.gold.files import default_gold_root, load_gold_docs, read_splits

SLICE = 2500  # characters of each held-out document: seconds, not minutes


@pytest.fixture(scope="module")
def sliced() -> object:
    return run_eval("jiangxian", max_chars=SLICE)


def test_slice_scores_every_type_with_consistent_counts(sliced: object) -> None:
    from policykg.gold.eval_run import EvalResult

    assert isinstance(sliced, EvalResult)
    (fold,) = sliced.folds
    assert fold.fold == "jiangxian" and fold.model in {"xinjiang", None}
    assert fold.docs == ("002_1c97315e6f016eee.txt", "003_35ba40385b99d8cc.txt")
    assert [s.type for s in fold.scores] == list(SCORED_TYPES)
    stems = read_splits(default_gold_root() / "splits.toml")["jiangxian"]
    gold_in_slice = sum(1 for d in load_gold_docs(stems) for s in d.spans if s.end <= SLICE + 1)
    assert abs(sum(s.strict.gold for s in fold.scores) - gold_in_slice) <= gold_in_slice // 10
    for item in fold.scores:
        assert (
            item.strict.matched_predicted <= item.overlap.matched_predicted <= item.strict.predicted
        )
        assert item.strict.matched_gold <= item.overlap.matched_gold <= item.strict.gold
        assert 0.0 <= item.strict.f1 <= item.overlap.f1 <= 1.0
    assert sum(s.strict.predicted for s in fold.scores) > 0  # the pipeline found something
    assert sum(s.overlap.matched_gold for s in fold.scores) > 0


def test_the_issue3_table_never_uses_the_models_trained_on_the_seeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import policykg.nlp.extract as extract

    def refuse() -> None:
        raise AssertionError("the shipped models learned from the seeds: in-sample")

    monkeypatch.setattr(extract, "shipped_decider", refuse)
    monkeypatch.setattr(extract, "shipped_taggers", refuse)
    (fold,) = run_eval("jiangxian", max_chars=800).folds
    assert sum(s.strict.predicted for s in fold.scores) > 0


def test_reports_render(sliced: object) -> None:
    from policykg.gold.eval_run import EvalResult

    assert isinstance(sliced, EvalResult)
    data = to_json(sliced)
    assert set(data["micro"]) == {*SCORED_TYPES, "all"}
    table = to_table(sliced)
    assert table.splitlines()[0].startswith("| fold | type |")
    assert (
        sum(1 for line in table.splitlines() if line.startswith("| jiangxian"))
        == len(SCORED_TYPES) + 1
    )


def test_cli_json_on_a_slice(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "--fold", "jiangxian", "--max-chars", "800", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [f["fold"] for f in data["folds"]] == ["jiangxian"]
    assert data["folds"][0]["scores"]["all"]["strict"]["gold"] > 0


def test_cli_refuses_unknown_fold(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", "--fold", "shanghai", "--max-chars", "100"])
    assert result.exit_code == 1
    assert "unknown fold 'shanghai'" in result.output


def test_cli_rules_alone_reports_no_model(runner: CliRunner) -> None:
    args = ["eval", "--fold", "xinjiang", "--max-chars", "600", "--no-ner", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (fold,) = json.loads(result.stdout)["folds"]
    assert fold["ner_trained_on"] is None
    assert fold["docs"][0].startswith("000_")
