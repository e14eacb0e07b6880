"""The NER's training documents taken from every training fold, and its scores on one held-out
corpus fold (issue 13, deliverable 3).

Training folds are the ``dev`` corpus folds and the two seeds counties; a ``sealed`` fold never
trains and is never scored here. ``training_docs(root, without=F)`` leaves fold F out, so a model
trained on it can be scored on F: the NER alone (:func:`score_ner_alone`, its Enterprise spans on
F's annotated ranges) and the default pipeline with that NER added (``policykg eval --fold F
--ner-model DIR``, :func:`policykg.gold.run.run_all`).
"""

from __future__ import annotations

from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.gold.evaluate import TypeScore
from policykg.gold.files import GoldDoc, GoldSpan, load_gold_docs, read_splits
from policykg.gold.folds import kin_folds, read_corpus_folds
from policykg.gold.load import CorpusGoldDoc
from policykg.gold.ner_eval import score_ner


def as_gold_doc(doc: CorpusGoldDoc) -> GoldDoc:
    """A corpus document as the NER's trainer reads it: spans and annotated ranges."""
    raw = doc.source.raw
    spans = tuple(
        sorted(
            (GoldSpan(start, end, label, raw[start:end]) for _, start, end, label in doc.spans),
            key=lambda s: (s.start, s.end, s.label),
        )
    )
    return GoldDoc(doc.source, spans, coverage=doc.coverage)


def training_folds(root: Path) -> tuple[list[str], list[str]]:
    """(dev corpus folds, seeds folds): the folds the NER may learn from."""
    dev = [f.name for f in read_corpus_folds(root / "splits.toml") if f.status == "dev"]
    return dev, list(read_splits(root / "splits.toml"))


def _check_training_fold(root: Path, fold: str) -> None:
    dev, seeds = training_folds(root)
    if fold not in (*dev, *seeds):
        raise PolicyKGError(
            f"{fold!r} is not a training fold (have {', '.join([*dev, *seeds])}; "
            "sealed folds never train and are not scored here)"
        )


def corpus_fold_docs(root: Path, fold: str) -> list[GoldDoc]:
    """The annotated documents of one dev corpus fold, as gold documents."""
    from policykg.gold.run import fold_docs

    dev, _ = training_folds(root)
    if fold not in dev:
        raise PolicyKGError(f"{fold!r} is not a dev corpus fold (have {', '.join(dev)})")
    docs, _ = fold_docs(root, fold)
    return [as_gold_doc(d) for d in docs]


def training_docs(root: Path, without: str | None = None) -> list[GoldDoc]:
    """Every training fold's annotated documents (dev corpus folds, then seeds), less ``without``
    and the folds that share a province with it (``folds.kin_folds``)."""
    left_out: set[str] = set()
    if without is not None:
        _check_training_fold(root, without)
        left_out = kin_folds(without, read_corpus_folds(root / "splits.toml"))
    dev, seeds = training_folds(root)
    splits = read_splits(root / "splits.toml")
    docs: list[GoldDoc] = []
    for name in dev:
        if name not in left_out:
            docs += corpus_fold_docs(root, name)
    for name in seeds:
        if name not in left_out:
            docs += load_gold_docs(splits[name], root=root)
    return docs


def score_ner_alone(model: Path, root: Path, fold: str) -> tuple[TypeScore, ...]:
    """The NER at ``model`` alone (no rules) on dev corpus fold ``fold``'s annotated ranges."""
    from policykg.nlp.statistical.ner import load_model

    return score_ner(load_model(model), corpus_fold_docs(root, fold))
