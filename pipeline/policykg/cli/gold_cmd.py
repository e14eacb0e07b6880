"""``policykg gold``: draw the annotated corpus, compile annotation files, measure agreement."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, err_console, handle_errors
from policykg.errors import PolicyKGError

gold_app = typer.Typer(help="The annotated corpus: draw it, compile its annotations, agreement.")
app.add_typer(gold_app, name="gold")

ROOT_HELP = "Folder with corpus/, annotation/, gold/corpus/, sample.toml (default: tests/data)."


def _root(root: Path | None) -> Path:
    from policykg.paths import data_dir

    return root or data_dir("tests") / "data"


@gold_app.command()
@handle_errors
def sample(
    corpus: Annotated[Path, typer.Option("--corpus", help="The development corpus.")] = Path(
        "../shared/corpus"
    ),
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the draw.")] = None,
    root: Annotated[Path | None, typer.Option("--root", help=ROOT_HELP)] = None,
    fresh: Annotated[
        str | None,
        typer.Option(
            "--fresh",
            help="Draw a fresh fold of this name instead (into fresh-<name>.toml): every city "
            "report of --like's provinces not drawn, judged or copied before.",
        ),
    ] = None,
    like: Annotated[
        str, typer.Option("--like", help="With --fresh: the fold whose provinces to draw from.")
    ] = "c4",
    counties: Annotated[
        bool,
        typer.Option(
            "--counties",
            help="With --fresh: draw the county reports of every county that no earlier draw, "
            "judged set or copy took in any year (instead of --like's city reports).",
        ),
    ] = False,
    judged_ok: Annotated[
        bool,
        typer.Option(
            "--judged-ok",
            help="With --fresh: a development draw, which may take the judged texts (people "
            "writing rules have read their candidates): never for a sealed fold.",
        ),
    ] = False,
) -> None:
    """Draw documents and paragraph ranges by the fixed rule (policykg.gold.sample), copy them."""
    from policykg.gold.corpus import write_sample
    from policykg.gold.sample import SEED, draw, glossary_docs

    if not (corpus / "cities-2024").is_dir():
        raise PolicyKGError(f"{corpus}: no cities-2024/ and baoding-counties/ here")
    if fresh:
        if counties and judged_ok:
            raise PolicyKGError("--counties and --judged-ok: county draws never take judged texts")
        _draw_fresh(corpus, _root(root), seed or SEED, fresh, None if counties else like, judged_ok)
        return
    docs = draw(corpus, seed or SEED)
    write_sample(docs, glossary_docs(corpus), corpus, _root(root), seed or SEED)
    err_console.print(f"drew {len(docs)} documents, {sum(d.chars for d in docs):,} characters")


def _draw_fresh(
    corpus: Path, base: Path, seed: int, fold: str, like: str | None, judged_ok: bool
) -> None:
    from policykg.gold.corpus import (
        DEV_CITIES,
        FRESH_CITIES,
        FRESH_COUNTIES,
        fresh_taken,
        write_fresh,
    )
    from policykg.gold.folds import read_corpus_folds
    from policykg.gold.sample import draw_fresh, draw_fresh_counties

    taken = fresh_taken(base, fold, judged=not judged_ok)
    if like is None:
        docs, what = draw_fresh_counties(corpus, taken, seed), FRESH_COUNTIES
    else:
        folds = {f.name: f for f in read_corpus_folds(base / "splits.toml")}
        if like not in folds:
            raise PolicyKGError(f"{base / 'splits.toml'}: no corpus fold {like!r} to draw like")
        docs = draw_fresh(corpus, set(folds[like].provinces), taken, seed)
        what = DEV_CITIES if judged_ok else FRESH_CITIES
    write_fresh(docs, corpus, base, seed, fold, what)
    chars = sum(d.chars for d in docs)
    err_console.print(f"drew {len(docs)} documents for {fold}, {chars:,} characters")


@gold_app.command(name="compile")
@handle_errors
def compile_cmd(
    root: Annotated[Path | None, typer.Option("--root", help=ROOT_HELP)] = None,
) -> None:
    """Compile every annotation/<stem>.ann into gold/corpus/<stem>.jsonl, .relations.jsonl, .coverage.json."""
    from policykg.gold.corpus import compile_doc, load_sample, write_gold

    base = _root(root)
    done = 0
    for doc in load_sample(base):
        ann = base / "annotation" / f"{doc.stem}.ann"
        if ann.is_file():
            write_gold(base, doc, compile_doc(base, doc, ann))
            done += 1
    err_console.print(f"compiled {done} annotation files into {base / 'gold'}")


@gold_app.command()
@handle_errors
def agreement(
    root: Annotated[Path | None, typer.Option("--root", help=ROOT_HELP)] = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="List the spans only one pass marked, to settle.")
    ] = False,
) -> None:
    """Span F1 per type between the first and the second annotation pass (annotation/pass2/)."""
    from policykg.gold.agreement import differences, measure, to_table

    if diff:
        typer.echo("\n".join(differences(_root(root))))
        return
    typer.echo(to_table(measure(_root(root))), nl=False)


@gold_app.command()
@handle_errors
def stats(root: Annotated[Path | None, typer.Option("--root", help=ROOT_HELP)] = None) -> None:
    """What the annotated corpus holds per fold and document (Markdown, for gold/README.md)."""
    from policykg.gold.stats import stats_table

    typer.echo(stats_table(_root(root)), nl=False)


@gold_app.command(name="audit-precision")
@handle_errors
def audit_precision(
    folder: Annotated[
        Path | None, typer.Argument(help="Judged audit lists (default: tests/data/audit).")
    ] = None,
) -> None:
    """Precision of each judged audit list: rows judged y over rows judged."""
    from policykg.gold.audit import precision

    base = folder or _root(None) / "audit"
    for path in sorted(base.glob("*.tsv")):
        yes, judged = precision(path)
        share = f"{yes / judged:.2f}" if judged else "n/a"
        typer.echo(f"{path.stem}: {yes}/{judged} judged real = {share}")


@gold_app.command()
@handle_errors
def floor(root: Annotated[Path | None, typer.Option("--root", help=ROOT_HELP)] = None) -> None:
    """Rewrite eval_floor.toml from today's corpus-fold scores (after a measured improvement;
    EVAL.md's "micro: corpus folds" rows must then show the same figures)."""
    from policykg.gold.floor import FLOOR_NAME, floor_toml, micro_f1
    from policykg.gold.folds import read_corpus_folds
    from policykg.gold.run import run_all
    from policykg.graph.atomic import write_text

    base = _root(root)
    folds = {f.name for f in read_corpus_folds(base / "splits.toml")}
    measured = micro_f1(run_all(base, only=folds, seeds=False))
    write_text(base / FLOOR_NAME, floor_toml(measured))
    err_console.print(f"wrote {base / FLOOR_NAME}", markup=False, highlight=False)
