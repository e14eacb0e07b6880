"""Present evaluation results: a plain-text table (Markdown) or a JSON-ready dict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policykg.gold.eval_run import EvalResult, FoldResult
from policykg.gold.evaluate import Counts, GlossaryScore, TypeScore, total

HEADER = (
    "| fold | type | gold | pred | strict P | strict R | strict F1 | overlap P | overlap R "
    "| overlap F1 |"
)


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "predicted": counts.predicted,
        "gold": counts.gold,
        "matched_predicted": counts.matched_predicted,
        "matched_gold": counts.matched_gold,
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
    }


def _scores_json(scores: Sequence[TypeScore]) -> dict[str, Any]:
    rows = [*scores, total(scores)]
    return {
        s.type: {"strict": _counts_json(s.strict), "overlap": _counts_json(s.overlap)} for s in rows
    }


def _glossary_json(name: str, item: GlossaryScore) -> dict[str, Any]:
    return {
        "doc": name,
        "entries": item.entries,
        "found": item.found,
        "definition_exact": item.definition_exact,
        "parts_exact": item.parts_exact,
        "wrong": list(item.wrong),
    }


def _fold_json(fold: FoldResult) -> dict[str, Any]:
    return {
        "fold": fold.fold,
        "ner_trained_on": fold.model,
        "docs": list(fold.docs),
        "scores": _scores_json(fold.scores),
        "glossary": [_glossary_json(name, g) for name, g in fold.glossaries],
    }


def to_json(result: EvalResult) -> dict[str, Any]:
    """Everything, counts included, so any other average can be recomputed."""
    return {
        "folds": [_fold_json(f) for f in result.folds],
        "micro": _scores_json(result.micro),
    }


def _row(fold: str, item: TypeScore) -> str:
    s, o = item.strict, item.overlap
    cells = [fold, item.type, str(s.gold), str(s.predicted)]
    cells += [f"{v:.3f}" for v in (s.precision, s.recall, s.f1, o.precision, o.recall, o.f1)]
    return "| " + " | ".join(cells) + " |"


def _table_rows(label: str, scores: Sequence[TypeScore]) -> list[str]:
    return [_row(label, item) for item in (*scores, total(scores))]


def to_table(result: EvalResult) -> str:
    """A Markdown table per fold and micro-averaged, then the glossary check."""
    lines = [HEADER, "|" + "---|" * 10]
    for fold in result.folds:
        trained = fold.model or "none"
        lines += _table_rows(f"{fold.fold} (ner: {trained})", fold.scores)
    if len(result.folds) > 1:
        lines += _table_rows("micro", result.micro)
    lines.append("")
    for fold in result.folds:
        lines.append(f"{fold.fold}: {', '.join(fold.docs) or 'no annotated documents'}")
        for name, item in fold.glossaries:
            lines.append(
                f"glossary {name}: {item.entries} entries, {item.found} found, "
                f"{item.definition_exact} definitions exact, {item.parts_exact} parts exact"
                + (f"; wrong or missing: {'、'.join(item.wrong)}" if item.wrong else "")
            )
    return "\n".join(lines) + "\n"
