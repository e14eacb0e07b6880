"""``policykg eval`` and ``policykg train``: the annotated data, the statistical NER, the scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policykg.cli.app import app, err_console, handle_errors
from policykg.errors import PolicyKGError
from policykg.ir import EntityType

if TYPE_CHECKING:
    from policykg.gold.evaluate import TypeScore
    from policykg.gold.files import GoldDoc

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
                "corpus, sealed, dev, one fold of splits.toml (c1, c1b, c2, c2b, c3, c3b, c4, c5, c6, "
                "hebei, xinjiang, jiangxian), "
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
        typer.Option(
            "--ner-only",
            help="The NER alone (no rules): the seeds folds' models, or with --ner-model that "
            "model on a dev corpus fold.",
        ),
    ] = False,
    ner_model: Annotated[
        Path | None,
        typer.Option(
            "--ner-model",
            help="Corpus folds: add the NER saved in DIR (e.g. `policykg train --fold training "
            "--without F`) instead of ner-all; score it only on folds it never saw.",
        ),
    ] = None,
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
            "finds (FP) of one entity type (Enterprise…) or relation (undertakes, leads, "
            "responsibleFor), in context, each fold extracted as eval scores it, on dev folds "
            "only (--fold dev or a dev fold; reading a sealed fold's errors would unseal it, "
            "so it is refused).",
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
    drawn: Annotated[
        bool,
        typer.Option(
            "--drawn",
            help="Instead of the annotated ranges: score each dev fold on its drawn sentences "
            "(tests/data/firms, projects, terms: every sentence outside the ranges with a firm "
            "or project word or a quotation mark, its Enterprise, Project, Slogan and "
            "Abbreviation names marked), with the models trained without it.",
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
    if drawn:
        from policykg.gold.drawn_eval import drawn_folds
        from policykg.gold.files import default_gold_root
        from policykg.gold.report import entity_table

        typer.echo(entity_table(drawn_folds(gold or default_gold_root())), nl=False)
        return
    if ner_model is not None and ner_only:
        _ner_alone(fold, format, gold, ner_model)
        return
    if fold == "both" or max_chars is not None or models is not None or ner_only:
        _seeds_eval(fold, format, gold, max_chars, models, no_ner, ner_only)
        return
    _corpus_eval(fold, format, gold, with_ner, no_decider, ner_model)


def _ner_alone(fold: str, format: str, gold: Path | None, model: Path) -> None:
    from policykg.gold.files import default_gold_root
    from policykg.gold.ner_folds import score_ner_alone

    scores = score_ner_alone(model, gold or default_gold_root(), fold)
    if format == "json":
        rows = [{"fold": fold, "model": str(model), **_score_row(s)} for s in scores]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    typer.echo("| fold | type | gold | pred | strict P | strict R | strict F1 |")
    typer.echo("|---|---|---|---|---|---|---|")
    for s in scores:
        r = _score_row(s)
        typer.echo(
            f"| {fold} | {r['type']} | {r['gold']} | {r['pred']} | {r['precision']:.3f} | "
            f"{r['recall']:.3f} | {r['f1']:.3f} |"
        )


def _list_errors(fold: str, kind: str, gold: Path | None, with_ner: bool) -> None:
    from policykg.gold.errors_list import list_errors
    from policykg.gold.files import default_gold_root
    from policykg.gold.folds import read_corpus_folds

    root = gold or default_gold_root()
    dev = {f.name for f in read_corpus_folds(root / "splits.toml") if f.status == "dev"}
    folds = dev if fold in {"dev", "all"} else {fold}
    for line in list_errors(root, folds, kind, with_ner=with_ner):
        typer.echo(line)


def _score_row(score: TypeScore) -> dict[str, object]:
    c = score.strict
    return {
        "type": score.type,
        "gold": c.gold,
        "pred": c.predicted,
        "tp": c.matched_gold,
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
    }


def _corpus_eval(
    fold: str,
    format: str,
    gold: Path | None,
    with_ner: bool,
    no_decider: bool,
    ner_model: Path | None = None,
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
    if ner_model is not None and with_seeds:
        raise PolicyKGError("--ner-model scores corpus folds: pass --fold dev or a dev fold")
    folds = run_all(
        root,
        with_ner=with_ner,
        only=only,
        seeds=with_seeds,
        decide=not no_decider,
        ner_model=ner_model,
    )
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
            help="Train on xinjiang (新绛县), jiangxian (绛县), all (both seeds counties) or "
            "training (every training fold: the dev corpus folds and the seeds; needs --out).",
        ),
    ] = "all",
    without: Annotated[
        str | None,
        typer.Option(
            "--without",
            help=(
                "With --fold training: leave this training fold out, and the folds that share a "
                "province with it (to score the NER on it)."
            ),
        ),
    ] = None,
    init_tok2vec: Annotated[
        Path | None,
        typer.Option(
            "--init-tok2vec",
            help="Start the NER's character tok2vec from these weights (the inner Tok2Vec "
            "saved by `spacy pretrain`; recipe in EVAL.md, issue 13 deliverable 3).",
        ),
    ] = None,
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
            "dev corpus fold, its drawn firm, project and term sentences, those of its drawn-only "
            "reports but their terms, and the seeds; never a sealed fold), "
            "plus one model without each of them and its kin for place-held-out scoring (one "
            "per kin set: decider-without-c1+c1b.json); each fold read by "
            "the character taggers that never saw it (train --firm-tagger and --project-tagger "
            "first); writes "
            "nlp/model/decider*.json (or --out DIR).",
        ),
    ] = False,
    decide_types: Annotated[
        str | None,
        typer.Option(
            "--decide-types",
            help="With --decider: the entity types the model judges (comma-separated; default: "
            "the shipped choice, Enterprise,GovernmentBody,Park,Place,Slogan,Abbreviation). Types left out keep "
            "every candidate.",
        ),
    ] = None,
    known_terms: Annotated[
        bool,
        typer.Option(
            "--known-terms",
            help="Instead of the NER: mine the terms other reports quote from every report of "
            "--corpus that no sealed fold holds, and the Abbreviations the dev folds' gold "
            "marks; writes nlp/model/known-terms.json (or --out FILE). Train the decision "
            "model after it.",
        ),
    ] = False,
    corpus: Annotated[
        Path, typer.Option("--corpus", help="With --known-terms: the development corpus.")
    ] = Path("../shared/corpus"),
    firm_tagger: Annotated[
        bool,
        typer.Option(
            "--firm-tagger",
            help="Instead of the NER: train the character tagger of firm names on the dev "
            "corpus folds' gold and their drawn firm sentences (firms/*.tsv, their drawn-only "
            "reports' too; never a sealed fold), plus one without each dev fold and the folds "
            "of its provinces (one per such set: firm-tagger-without-c1+c1b); writes "
            "nlp/model/firm-tagger*.crfsuite (or --out DIR).",
        ),
    ] = False,
    project_tagger: Annotated[
        bool,
        typer.Option(
            "--project-tagger",
            help="Instead of the NER: train the character tagger of project names the same "
            "way, on the Project gold and the drawn project sentences (projects/*.tsv); writes "
            "nlp/model/project-tagger*.crfsuite (or --out DIR).",
        ),
    ] = False,
) -> None:
    """Train the statistical NER on the gold spans of one fold (reproducible, CPU); or, with
    --decider, the decision models; with --firm-tagger or --project-tagger, the tagger of firm
    or project names; with --known-terms, mine the terms other reports quote."""
    if firm_tagger or project_tagger:
        from policykg.gold.train_name_tagger import train_all_taggers
        from policykg.nlp.statistical.name_tagger import FIRMS, PROJECTS

        kinds = [kind for on, kind in ((firm_tagger, FIRMS), (project_tagger, PROJECTS)) if on]
        for written in (w for kind in kinds for w in train_all_taggers(gold, out, kind)):
            err_console.print(
                f"wrote {written.path} ({written.sentences} sentences, {written.names} names)",
                markup=False,
                highlight=False,
            )
        return
    if known_terms:
        from policykg.gold.known_view import write_known_terms

        path, table = write_known_terms(corpus, gold, out)
        err_console.print(
            f"mined {len(table.quoted_in)} quoted terms from {len(table.provinces)} reports "
            f"and {len(table.annotated_in)} annotated in the dev folds' gold -> {path}",
            markup=False,
            highlight=False,
        )
        return
    if decider:
        from policykg.gold.decider_models import DECIDED_TYPES, train_all

        types = set(_labels(decide_types)) if decide_types else set(DECIDED_TYPES)
        for path in train_all(gold, out, types):
            err_console.print(f"wrote {path}", markup=False, highlight=False)
        return
    from policykg.gold.files import default_gold_root
    from policykg.gold.train_ner import TrainSettings, train_ner

    root = gold or default_gold_root()
    docs, target = _ner_training(root, fold, without, out)
    settings = TrainSettings(
        labels=_labels(labels), epochs=epochs, seed=seed, init_tok2vec=init_tok2vec
    )
    report = train_ner(docs, target, settings)
    entities = ", ".join(f"{k} {v}" for k, v in sorted(report.entities.items()))
    err_console.print(
        f"trained on {', '.join(d.source.name for d in docs)}: {report.sentences} sentences (+{report.augmented} renamed) "
        f"({entities}; {report.dropped} spans dropped), {report.seconds:.0f} s, "
        f"{report.size_bytes / 1e6:.1f} MB -> {target}",
        markup=False,
        highlight=False,
    )


def _ner_training(
    root: Path, fold: str, without: str | None, out: Path | None
) -> tuple[list[GoldDoc], Path]:
    """The documents the NER learns from, and where the model goes."""
    from policykg.gold.files import fold_stems, load_gold_docs, read_splits
    from policykg.gold.ner_folds import training_docs
    from policykg.nlp.statistical.ner import model_dir

    if fold == "training":
        if out is None:
            raise PolicyKGError("--fold training: say where the model goes with --out")
        docs = training_docs(root, without)
    else:
        if without is not None:
            raise PolicyKGError("--without goes with --fold training")
        docs = list(load_gold_docs(fold_stems(read_splits(root / "splits.toml"), fold), root=root))
    if not docs:
        raise PolicyKGError(f"{root / 'gold'}: no annotated documents in fold {fold!r}")
    return docs, out or model_dir(fold)


def _labels(text: str) -> tuple[str, ...]:
    labels = tuple(label.strip() for label in text.split(",") if label.strip())
    known = {t.value for t in EntityType}
    unknown = [label for label in labels if label not in known]
    if unknown or not labels:
        raise PolicyKGError(f"--labels: unknown entity types {unknown} (have {sorted(known)})")
    return labels
