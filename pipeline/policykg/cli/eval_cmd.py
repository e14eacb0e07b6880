"""``policykg eval`` and ``policykg train``: the annotated data, the statistical NER, the scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, err_console, handle_errors
from policykg.errors import PolicyKGError
from policykg.ir import EntityType

# What the shipped NER learns (policykg.nlp.train.NER_LABELS; a test keeps the two equal). Not
# imported from there: that module loads spaCy, and --help must stay fast.
DEFAULT_LABELS = EntityType.ENTERPRISE.value

GOLD_HELP = "Folder with gold/ and splits.toml (default: tests/data of the checkout)."


@app.command(name="eval")
@handle_errors
def evaluate(
    fold: Annotated[
        str,
        typer.Option(
            "--fold",
            help=(
                "Held-out county to score: xinjiang (新绛县 documents, NER trained on 绛县), "
                "jiangxian (绛县, NER trained on 新绛县) or both (and their micro-average)."
            ),
        ),
    ] = "both",
    format: Annotated[
        str, typer.Option("--format", "-f", help="table (Markdown) or json.")
    ] = "table",
    gold: Annotated[Path | None, typer.Option("--gold", help=GOLD_HELP)] = None,
    max_chars: Annotated[
        int | None,
        typer.Option("--max-chars", help="Score only each document's first N characters."),
    ] = None,
    models: Annotated[
        Path | None,
        typer.Option(
            "--models", help="Folder holding ner-<fold> models (default: the shipped ones)."
        ),
    ] = None,
    no_ner: Annotated[
        bool, typer.Option("--no-ner", help="Score the rule components alone (no NER).")
    ] = False,
    ner_only: Annotated[
        bool,
        typer.Option("--ner-only", help="Score the shipped NER models alone (no rules)."),
    ] = False,
) -> None:
    """Score the full default pipeline on held-out annotated documents of the other county.

    Prints per-type precision/recall/F1, strict (exact span and type) and overlap (any overlap,
    same type), per fold and micro-averaged, and the glossary check (terms found with exactly the
    gold definition and parts).
    """
    from policykg.nlp.eval_report import to_json, to_table
    from policykg.nlp.eval_run import NO_NER, run_eval, run_ner_only

    if format not in {"table", "json"}:
        raise PolicyKGError(f"unknown --format {format!r}: use table or json")
    if ner_only:
        result = run_ner_only(fold, root=gold)
    else:
        result = run_eval(fold, root=gold, max_chars=max_chars, models=NO_NER if no_ner else models)
    if format == "json":
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(to_table(result), nl=False)


@app.command()
@handle_errors
def train(
    fold: Annotated[
        str,
        typer.Option(
            "--fold",
            help="Train on xinjiang (新绛县), jiangxian (绛县) or all annotated documents.",
        ),
    ] = "all",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Where to write the model (default: the shipped ner-<fold>)."
        ),
    ] = None,
    epochs: Annotated[int, typer.Option("--epochs", help="Passes over the data.")] = 12,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same model).")] = 0,
    labels: Annotated[
        str, typer.Option("--labels", help="Comma-separated entity types the NER learns.")
    ] = DEFAULT_LABELS,
    gold: Annotated[Path | None, typer.Option("--gold", help=GOLD_HELP)] = None,
) -> None:
    """Train the statistical NER on the gold spans of one fold (reproducible, CPU)."""
    from policykg.nlp.gold import default_gold_root, fold_stems, load_gold_docs, read_splits
    from policykg.nlp.ner import model_dir
    from policykg.nlp.train import TrainSettings, train_ner

    root = gold or default_gold_root()
    docs = load_gold_docs(fold_stems(read_splits(root / "splits.toml"), fold), root=root)
    if not docs:
        raise PolicyKGError(f"{root / 'gold'}: no annotated documents in fold {fold!r}")
    target = out or model_dir(fold)
    report = train_ner(
        docs, target, TrainSettings(labels=_labels(labels), epochs=epochs, seed=seed)
    )
    entities = ", ".join(f"{k} {v}" for k, v in sorted(report.entities.items()))
    err_console.print(
        f"trained on {', '.join(d.source.name for d in docs)}: {report.sentences} sentences (+{report.augmented} renamed) "
        f"({entities}; {report.dropped} spans dropped), {report.seconds:.0f} s, "
        f"{report.size_bytes / 1e6:.1f} MB -> {target}",
        markup=False,
        highlight=False,
    )


def _labels(text: str) -> tuple[str, ...]:
    labels = tuple(label.strip() for label in text.split(",") if label.strip())
    known = {t.value for t in EntityType}
    unknown = [label for label in labels if label not in known]
    if unknown or not labels:
        raise PolicyKGError(f"--labels: unknown entity types {unknown} (have {sorted(known)})")
    return labels
