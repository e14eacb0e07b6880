"""``policykg eval`` and ``policykg train``: the annotated data, the statistical NER, the scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, err_console, handle_errors
from policykg.errors import PolicyKGError
from policykg.ir import EntityType

# What the shipped NER learns (policykg.gold.train_ner.NER_LABELS; a test keeps the two equal). Not
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
                "What to score: all (default: every corpus fold, then the two seeds counties), "
                "corpus, sealed, dev, one fold of splits.toml (c1…c4, hebei, xinjiang, jiangxian), "
                "or both (the seeds counties only, the issue-3 table)."
            ),
        ),
    ] = "all",
    format: Annotated[
        str, typer.Option("--format", "-f", help="table (Markdown) or json.")
    ] = "table",
    gold: Annotated[Path | None, typer.Option("--gold", help=GOLD_HELP)] = None,
    max_chars: Annotated[
        int | None,
        typer.Option(
            "--max-chars", help="Seeds folds only: score each document's first N characters."
        ),
    ] = None,
    models: Annotated[
        Path | None,
        typer.Option("--models", help="Seeds folds only: folder holding ner-<fold> models."),
    ] = None,
    no_ner: Annotated[
        bool,
        typer.Option("--no-ner", help="Seeds folds (--fold both): the rule components alone."),
    ] = False,
    with_ner: Annotated[
        bool,
        typer.Option(
            "--with-ner",
            help="Add the statistical NER (ner-all, trained on the seeds) to the default pipeline.",
        ),
    ] = False,
    ner_only: Annotated[
        bool,
        typer.Option("--ner-only", help="Seeds folds only: the NER models alone (no rules)."),
    ] = False,
    audit: Annotated[
        Path | None,
        typer.Option(
            "--audit",
            help="Instead of scoring: extract every document under DIR (recursively) and write "
            "to --out the entities of each type named in the most documents, to judge by hand.",
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="With --audit: entities per type.")] = 100,
    errors: Annotated[
        str | None,
        typer.Option(
            "--errors",
            help="Instead of scoring: list the misses (FN), wrong boundaries (BND) and wrong "
            "finds (FP) of one type, in context, on dev folds only (--fold dev or a dev fold; "
            "reading a sealed fold's errors would unseal it, so it is refused).",
        ),
    ] = None,
    no_decider: Annotated[
        bool,
        typer.Option(
            "--no-decider",
            help="Keep every candidate the rules and NER propose (no decision model).",
        ),
    ] = False,
    judged: Annotated[
        bool,
        typer.Option(
            "--judged",
            help="Instead of scoring the gold: the precision of the kept Enterprise mentions on "
            "the judged candidates of tests/data/judged (dev places beyond the annotated "
            "sample), each fold decided by the model trained without it.",
        ),
    ] = False,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="With --audit: the folder to write.")
    ] = Path("out/audit"),
) -> None:
    """Score the shipped pipeline on the place-held-out folds of the annotated corpus.

    Per fold and micro-averaged (all corpus folds, sealed folds, dev folds): per type strict
    (exact span and type) and overlap precision/recall/F1 with 95% bootstrap intervals over
    documents; relations (undertakes, leads, responsibleFor); glossaries (term found,
    definition exact, parts exact). Which folds people writing rules have read is each fold's
    status in splits.toml.
    """
    if format not in {"table", "json"}:
        raise PolicyKGError(f"unknown --format {format!r}: use table or json")
    if audit is not None:
        from policykg.gold.audit import write_audit

        written = write_audit(audit, out, top=top, with_ner=with_ner)
        err_console.print(f"wrote {', '.join(str(p) for p in written)}", markup=False)
        return
    if errors is not None:
        _list_errors(fold, errors, gold, with_ner)
        return
    if judged:
        from policykg.gold.files import default_gold_root
        from policykg.gold.judged_eval import judged_folds, judged_table

        root = gold or default_gold_root()
        typer.echo(judged_table(judged_folds(root, decide=not no_decider)), nl=False)
        return
    if fold == "both" or max_chars is not None or models is not None or ner_only:
        _seeds_eval(fold, format, gold, max_chars, models, no_ner, ner_only)
        return
    _corpus_eval(fold, format, gold, with_ner, no_decider)


def _list_errors(fold: str, kind: str, gold: Path | None, with_ner: bool) -> None:
    from policykg.gold.errors_list import list_errors
    from policykg.gold.files import default_gold_root
    from policykg.gold.folds import read_corpus_folds

    root = gold or default_gold_root()
    dev = {f.name for f in read_corpus_folds(root / "splits.toml") if f.status == "dev"}
    folds = dev if fold in {"dev", "all"} else {fold}
    for line in list_errors(root, folds, kind, with_ner=with_ner):
        typer.echo(line)


def _corpus_eval(
    fold: str, format: str, gold: Path | None, with_ner: bool, no_decider: bool
) -> None:
    from policykg.gold.files import default_gold_root, read_splits
    from policykg.gold.folds import read_corpus_folds
    from policykg.gold.report import to_json, to_table
    from policykg.gold.run import run_all

    root = gold or default_gold_root()
    corpus = {f.name: f.status for f in read_corpus_folds(root / "splits.toml")}
    seeds = set(read_splits(root / "splits.toml"))
    selectors = {
        "all": (set(corpus) | seeds, True),
        "corpus": (set(corpus), False),
        "sealed": ({n for n, s in corpus.items() if s == "sealed"}, False),
        "dev": ({n for n, s in corpus.items() if s == "dev"}, False),
    }
    if fold in selectors:
        only, with_seeds = selectors[fold]
    elif fold in corpus or fold in seeds:
        only, with_seeds = {fold}, fold in seeds
    else:
        raise PolicyKGError(
            f"unknown --fold {fold!r}: have {', '.join([*selectors, *corpus, *seeds])}"
        )
    folds = run_all(root, with_ner=with_ner, only=only, seeds=with_seeds, decide=not no_decider)
    if format == "json":
        typer.echo(json.dumps(to_json(folds), ensure_ascii=False, indent=2))
    else:
        typer.echo(to_table(folds), nl=False)


def _seeds_eval(
    fold: str,
    format: str,
    gold: Path | None,
    max_chars: int | None,
    models: Path | None,
    no_ner: bool,
    ner_only: bool,
) -> None:
    from policykg.gold.eval_report import to_json, to_table
    from policykg.gold.eval_run import NO_NER, run_eval, run_ner_only

    fold = "both" if fold == "all" else fold
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
    decider: Annotated[
        bool,
        typer.Option(
            "--decider",
            help="Instead of the NER: train the decision model on the training folds (every "
            "dev corpus fold and the seeds; never a sealed fold), plus one model without each "
            "of them for place-held-out scoring; writes nlp/model/decider*.json (or --out DIR).",
        ),
    ] = False,
    decide_types: Annotated[
        str | None,
        typer.Option(
            "--decide-types",
            help="With --decider: the entity types the model judges (comma-separated; default: "
            "the shipped choice, Enterprise,GovernmentBody,Park,Place). Types left out keep "
            "every candidate.",
        ),
    ] = None,
) -> None:
    """Train the statistical NER on the gold spans of one fold (reproducible, CPU)."""
    if decider:
        from policykg.gold.decider_models import DECIDED_TYPES, train_all

        types = set(_labels(decide_types)) if decide_types else set(DECIDED_TYPES)
        for path in train_all(gold, out, types):
            err_console.print(f"wrote {path}", markup=False, highlight=False)
        return
    from policykg.gold.files import default_gold_root, fold_stems, load_gold_docs, read_splits
    from policykg.gold.train_ner import TrainSettings, train_ner
    from policykg.nlp.statistical.ner import model_dir

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
