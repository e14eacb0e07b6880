"""Run the full default pipeline on held-out documents and score it against the gold spans.

For fold F the pipeline is ``build_nlp(with_ner=False)`` plus the ``ner`` trained on the *other*
fold, so no held-out document was ever seen in training (if that model is missing, the rules are
scored alone and the result says ``model: none``).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from policykg.gold.evaluate import (
    GlossaryScore,
    Key,
    TypeScore,
    merge,
    predicted_keys,
    score,
    score_glossary,
)
from policykg.gold.files import (
    GoldDoc,
    default_gold_root,
    fold_stems,
    load_gold_docs,
    other_fold,
    read_splits,
)
from policykg.gold.ner_eval import score_ner
from policykg.ir import Entity, Extraction
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.statistical.ner import add_trained_ner, model_dir
from policykg.text.sources import Batch

logger = logging.getLogger(__name__)

NO_NER = Path("/dev/null/no-ner")  # pass as ``models`` to score the rule components alone


@dataclass(frozen=True, slots=True)
class FoldResult:
    """The scores of one held-out fold."""

    fold: str
    model: str | None  # the fold the NER was trained on, or None when no model was used
    docs: tuple[str, ...]
    scores: tuple[TypeScore, ...]
    glossaries: tuple[tuple[str, GlossaryScore], ...]  # (document name, score)


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Per-fold scores and their micro-average."""

    folds: tuple[FoldResult, ...]
    micro: tuple[TypeScore, ...]


def _cut(doc: GoldDoc, max_chars: int | None) -> GoldDoc:
    """The document's first paragraphs up to ``max_chars`` (offsets stay valid: a prefix)."""
    raw = doc.source.raw
    if max_chars is None or len(raw) <= max_chars:
        return doc
    end = raw.rfind("\n", 0, max_chars) + 1 or max_chars
    spans = tuple(s for s in doc.spans if s.end <= end)
    return dataclasses.replace(
        doc, source=dataclasses.replace(doc.source, raw=raw[:end]), spans=spans
    )


def _held_out_nlp(trained_on: str, models: Path | None) -> tuple[Language, str | None]:
    """Rules plus the NER trained on ``trained_on``; ``models=NO_NER`` scores the rules alone."""
    nlp = build_nlp(with_ner=False)  # never the default model: it saw the held-out documents
    if models == NO_NER:
        return nlp, None
    path = (models / f"ner-{trained_on}") if models else model_dir(trained_on)
    if add_trained_ner(nlp, path):
        return nlp, trained_on
    logger.warning("no NER model trained on %s at %s: scoring the rules alone", trained_on, path)
    return nlp, None


def _inside_coverage(keys: set[Key], docs: list[GoldDoc]) -> set[Key]:
    """Predictions in annotated documents, starting inside their annotated part."""
    by_name = {d.source.name: d for d in docs}
    return {k for k in keys if k[0] in by_name and by_name[k[0]].starts_inside(k[1])}


def _mentioned_in(entities: tuple[Entity, ...], name: str) -> list[Entity]:
    return [e for e in entities if any(m.span.doc == name for m in e.mentions)]


def eval_fold(
    fold: str,
    *,
    root: Path | None = None,
    seeds: Path | None = None,
    models: Path | None = None,
    max_chars: int | None = None,
) -> FoldResult:
    """Extract the annotated documents of ``fold`` with the other fold's NER, and score them."""
    folds = read_splits((root or default_gold_root()) / "splits.toml")
    gold_docs = [
        _cut(d, max_chars) for d in load_gold_docs(fold_stems(folds, fold), root=root, seeds=seeds)
    ]
    nlp, model = _held_out_nlp(other_fold(folds, fold), models)
    extraction: Extraction = extract_batch(  # the issue-3 pipeline: no trained decision model
        Batch(tuple(d.source for d in gold_docs), ()),  # nor tagger (the shipped ones learned
        nlp=nlp,  # from the seeds themselves: scoring the seeds with them would be in-sample)
        decider=None,
        tagger=None,
    )
    gold: set[Key] = {(d.source.name, s.start, s.end, s.label) for d in gold_docs for s in d.spans}
    glossaries = tuple(
        (
            d.source.name,
            score_glossary(d.glossary, _mentioned_in(extraction.entities, d.source.name)),
        )
        for d in gold_docs
        if d.glossary
    )
    names = tuple(d.source.name for d in gold_docs)
    scored = _inside_coverage(predicted_keys(extraction.entities), gold_docs)
    return FoldResult(fold, model, names, score(scored, gold), glossaries)


def run_eval(
    fold: str = "both",
    *,
    root: Path | None = None,
    seeds: Path | None = None,
    models: Path | None = None,
    max_chars: int | None = None,
) -> EvalResult:
    """Score one held-out fold, or ``both`` and their micro-average."""
    folds = read_splits((root or default_gold_root()) / "splits.toml")
    names = tuple(folds) if fold == "both" else (fold,)
    results = tuple(
        eval_fold(name, root=root, seeds=seeds, models=models, max_chars=max_chars)
        for name in names
    )
    return EvalResult(results, merge([r.scores for r in results]))


def run_ner_only(fold: str = "both", *, root: Path | None = None) -> EvalResult:
    """The statistical NER alone on each held-out fold (no rules): what the model knows."""
    import spacy

    folds = read_splits((root or default_gold_root()) / "splits.toml")
    results: list[FoldResult] = []
    for name in tuple(folds) if fold == "both" else (fold,):
        trained_on = other_fold(folds, name)
        docs = load_gold_docs(fold_stems(folds, name), root=root)
        nlp = spacy.load(model_dir(trained_on))
        names = tuple(d.source.name for d in docs)
        results.append(FoldResult(name, trained_on, names, score_ner(nlp, docs), ()))
    return EvalResult(tuple(results), merge([r.scores for r in results]))
