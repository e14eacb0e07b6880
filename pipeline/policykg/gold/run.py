"""``policykg eval``: the shipped pipeline on the place-held-out folds, counted per document.

Corpus folds (``[corpus_folds.*]``): the default pipeline as shipped (rule components, then the
decision model), where each training fold is decided by the model trained without it and its
kin (``decider-without-<kin>.json``, e.g. ``decider-without-c1+c1b.json`` for c1 and for c1b) and
each sealed fold by the shipped model, which never saw it.
``with_ner`` adds the NER ``ner-all`` (trained on the seeds only). Seeds folds (``[folds.*]``,
新绛县 and 绛县): the same, and with ``with_ner`` the NER trained on the *other* county; Place
is not annotated there and not scored. The rules were written on the seeds, so the seeds folds
are development data for rules; which corpus folds rule writers have read is each fold's status.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from policykg.errors import PolicyKGError
from policykg.gold.corpus import glossary_stems
from policykg.gold.evaluate import GlossaryScore, score_glossary
from policykg.gold.files import load_gold_docs, other_fold, read_splits
from policykg.gold.folds import CorpusFold, read_corpus_folds
from policykg.gold.known_view import known_without
from policykg.gold.load import CorpusGoldDoc, load_corpus_gold
from policykg.gold.score import ALL_TYPES, DocCounts, doc_counts
from policykg.gold.train_name_tagger import tagger_for
from policykg.ir import Entity, Extraction
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.statistical.decide import Decider
from policykg.nlp.statistical.name_tagger import Taggers
from policykg.nlp.statistical.ner import add_trained_ner, model_dir
from policykg.nlp.terms.known import Known
from policykg.text.sources import Batch

SEED_TYPES = tuple(t for t in ALL_TYPES if t != "Place")


@dataclass(frozen=True, slots=True)
class FoldEval:
    """One fold's per-document counts and glossary scores."""

    name: str
    status: str  # dev | sealed | seeds
    model: str  # which NER scored it
    types: tuple[str, ...]
    docs: tuple[DocCounts, ...]
    chars: int
    glossaries: tuple[tuple[str, GlossaryScore], ...]


def _province_of(root: Path) -> dict[str, str]:
    data = tomllib.loads((root / "corpus" / "manifest.toml").read_text("utf-8"))
    return {Path(d["file"]).stem: str(d.get("province", "")) for d in data["document"]}


def _mentioned_in(entities: tuple[Entity, ...], name: str) -> list[Entity]:
    return [e for e in entities if any(m.span.doc == name for m in e.mentions)]


@dataclass(frozen=True, slots=True)
class Models:
    """The trained parts that extract a fold: each one that may not have seen it."""

    decider: Decider | None
    known: Known | None
    tagger: Taggers | None


def _label(ner: str, models: Models) -> str:
    """Which trained parts extracted a fold, for the fold list: the NER, the decision model's
    version and the character taggers' model files."""
    decider = models.decider.version if models.decider else "no decider"
    tagger = models.tagger.describe() if models.tagger else "no tagger"
    return f"{ner} + {decider} + {tagger}"


def _score_docs(
    docs: list[CorpusGoldDoc], extraction: Extraction, nlp: Language, models: Models
) -> tuple[tuple[DocCounts, ...], tuple[tuple[str, GlossaryScore], ...]]:
    counted = tuple(
        doc_counts(
            d.source.name,
            extraction.entities,
            extraction.relations,
            set(d.spans),
            set(d.relations),
            d.scored,
        )
        for d in docs
        if d.coverage
    )
    return counted, tuple(_glossary_score(d, nlp, models) for d in docs if d.glossary)


def _glossary_score(doc: CorpusGoldDoc, nlp: Language, models: Models) -> tuple[str, GlossaryScore]:
    """A document's glossary, scored on that document extracted alone: across documents one term
    becomes one entity with one definition (the first), which is resolution, not parsing."""
    alone = _extract([doc], nlp, models)
    return doc.source.name, score_glossary(
        doc.glossary, _mentioned_in(alone.entities, doc.source.name)
    )


def _extract(docs: list[CorpusGoldDoc], nlp: Language, models: Models) -> Extraction:
    batch = Batch(tuple(d.source for d in docs), ())
    return extract_batch(
        batch, nlp=nlp, decider=models.decider, known=models.known, tagger=models.tagger
    )


def _decider(fold: str, root: Path, decide: bool) -> Decider | None:
    from policykg.gold.decider_models import decider_for

    return decider_for(fold, root) if decide else None


def _glossary_only(
    fold: CorpusFold, folds: list[CorpusFold], glossary_docs: list[str], province: dict[str, str]
) -> list[str]:
    """The glossary documents of ``fold``'s provinces that no fold holds (only their glossary
    is annotated), scored with the first fold of their province, never with a later draw from it
    (c6 and hebei share 河北: the glossaries are hebei's, and hebei's own documents never c6's)."""
    if fold.fresh_of:
        return []
    held = {stem for f in folds for stem in f.docs}
    return [s for s in glossary_docs if province.get(s) in fold.provinces and s not in held]


def corpus_folds(
    root: Path, nlp: Language, model: str, only: set[str] | None, decide: bool
) -> list[FoldEval]:
    """Score every corpus fold (or those in ``only``) with ``nlp``."""
    province = _province_of(root)
    glossary_docs = glossary_stems(root)
    results = []
    folds = read_corpus_folds(root / "splits.toml")
    for fold in folds:
        if (only and fold.name not in only) or not fold.docs:
            continue
        extra = _glossary_only(fold, folds, glossary_docs, province)
        docs = load_corpus_gold(root, [*fold.docs, *extra])
        decider = _decider(fold.name, root, decide)
        models = Models(decider, known_without(fold.provinces), tagger_for(fold.name, root))
        extraction = _extract(docs, nlp, models)
        counted, glossaries = _score_docs(docs, extraction, nlp, models)
        chars = sum(d.chars for d in docs)
        label = _label(model, models)
        results.append(
            FoldEval(fold.name, fold.status, label, ALL_TYPES, counted, chars, glossaries)
        )
    return results


def _seed_gold(root: Path, stems: tuple[str, ...]) -> list[CorpusGoldDoc]:
    return [
        CorpusGoldDoc(
            g.source,
            frozenset((g.source.name, s.start, s.end, s.label) for s in g.spans),
            frozenset(),
            g.coverage or ((0, len(g.source.raw)),),
            g.glossary,
        )
        for g in load_gold_docs(stems, root=root)
    ]


def fold_docs(root: Path, name: str) -> tuple[list[CorpusGoldDoc], tuple[str, ...]]:
    """The annotated documents of one fold (corpus or seeds) and the types annotated there."""
    for fold in read_corpus_folds(root / "splits.toml"):
        if fold.name == name:
            docs = [d for d in load_corpus_gold(root, list(fold.docs)) if d.coverage]
            return docs, ALL_TYPES
    seeds = read_splits(root / "splits.toml")
    if name not in seeds:
        raise PolicyKGError(f"unknown fold {name!r}")
    return _seed_gold(root, seeds[name]), SEED_TYPES


def seed_folds(root: Path, with_ner: bool, only: set[str] | None, decide: bool) -> list[FoldEval]:
    """The two seeds counties, each with the NER trained on the other (or rules alone)."""
    folds = read_splits(root / "splits.toml")
    results = []
    for name, stems in folds.items():
        if only and name not in only:
            continue
        nlp = build_nlp(with_ner=False)
        trained_on = other_fold(folds, name)
        model = (
            f"ner-{trained_on}"
            if with_ner and add_trained_ner(nlp, model_dir(trained_on))
            else "none"
        )
        docs = _seed_gold(root, stems)
        decider = _decider(name, root, decide)
        models = Models(decider, None, tagger_for(name, root))
        counted, glossaries = _score_docs(docs, _extract(docs, nlp, models), nlp, models)
        chars = sum(d.chars for d in docs)
        label = _label(model, models)
        results.append(FoldEval(name, "seeds", label, SEED_TYPES, counted, chars, glossaries))
    return results


def run_all(
    root: Path,
    *,
    with_ner: bool = False,
    only: set[str] | None = None,
    seeds: bool = True,
    decide: bool = True,
    ner_model: Path | None = None,
) -> list[FoldEval]:
    """Every fold: the corpus folds with the shipped pipeline, then the seeds folds. With
    ``decide`` each fold is decided by the model that never saw it (``decider_for``);
    ``ner_model`` adds the NER saved there (instead of ``ner-all``) to the corpus folds."""
    if ner_model is not None:
        nlp = build_nlp(with_ner=False)
        if not add_trained_ner(nlp, ner_model):
            raise PolicyKGError(f"{ner_model}: no trained NER model there")
        model = ner_model.name
    else:
        nlp = build_nlp(with_ner=with_ner)
        model = "ner-all" if with_ner and "ner" in nlp.pipe_names else "none"
    results = corpus_folds(root, nlp, model, only, decide)
    if seeds:
        results += seed_folds(root, with_ner, only, decide)
    return results
