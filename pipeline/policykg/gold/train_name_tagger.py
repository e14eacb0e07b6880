"""Train the character taggers of firm and project names (``policykg.nlp.statistical.name_tagger``).

Examples of a tagger are the sentences of the annotated ranges of the dev corpus folds, normalised
as the pipeline normalises a report, each character labelled B, I or O for the gold spans of its
type, and the sentences of the same reports drawn for that type (``gold.drawn_sentences``: firms/
or projects/, sentences outside the ranges that a tagger reads, their names of the type marked).
Only the dev corpus folds train them: the seeds counties annotate only parts of their reports
the same way, and a sealed fold never trains anything. ``<stem>.crfsuite`` (``firm-tagger``,
``project-tagger``) learns from every dev fold and runs in the product and on the sealed folds;
``<stem>-without-<kin>.crfsuite`` leaves out one dev fold and the folds that share a province
with it, and tags those folds in ``policykg eval``: one file per such set, named by the folds it
leaves out (``folds.held_out_name``: ``firm-tagger-without-c1+c1b.crfsuite`` tags c1 and c1b).
CRFsuite's L-BFGS with fixed settings: the same data gives the same model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policykg.gold.drawn_sentences import (
    ENTERPRISE,
    FIRMS,
    PROJECT,
    PROJECTS,
    DrawnRowError,
    DrawnSentence,
    drawn_rows,
    name_sequences,
)
from policykg.gold.files import default_gold_root
from policykg.gold.folds import held_out_name, kin_folds, read_corpus_folds
from policykg.gold.load import CorpusGoldDoc, load_fold_reports
from policykg.graph.atomic import replacing
from policykg.nlp.statistical import name_tagger
from policykg.nlp.statistical.name_tagger import MODEL_DIR, TaggedType, Taggers, taggers_in
from policykg.nlp.statistical.tagger_features import SENTENCE, char_features
from policykg.text.normalize import NormText, normalize

# L1 and L2 weights and iterations: chosen once on the dev folds (EVAL.md), not per fold.
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}

Sequence = tuple[list[tuple[str, ...]], list[str]]


@dataclass(frozen=True, slots=True)
class TaggerReport:
    path: Path
    sentences: int
    names: int


DRAWN_FOLDERS = {ENTERPRISE: FIRMS, PROJECT: PROJECTS}  # the folder of the sentences drawn per type


def _labels(norm: NormText, doc: CorpusGoldDoc, label: str) -> list[str]:
    """B/I/O for every normalised character, for the gold spans of ``label`` (those the
    normalisation cut are left out)."""
    at = norm.positions()
    labels = ["O"] * len(norm.text)
    for _, start, end, type_ in doc.spans:
        first, last = at.get(start), at.get(end - 1)
        if type_ != label or first is None or last is None:
            continue
        labels[first] = "B"
        labels[first + 1 : last + 1] = ["I"] * (last - first)
    return labels


def doc_sequences(doc: CorpusGoldDoc, label: str = ENTERPRISE) -> Iterator[Sequence]:
    """The features and ``label``'s B/I/O of each sentence inside the document's annotated
    ranges."""
    norm = normalize(doc.source.raw)
    labels = _labels(norm, doc, label)
    for m in SENTENCE.finditer(norm.text):
        if len(m[0]) > 1 and doc.covers(*norm.raw_span(m.start(), m.end())):
            yield char_features(m[0]), labels[m.start() : m.end()]


def train_tagger(sequences: list[Sequence], path: Path) -> TaggerReport:
    """Train on ``sequences`` and write the model to ``path`` atomically."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params(PARAMS)
    with replacing(path) as temp:
        trainer.train(str(temp))
    names = sum(labels.count("B") for _, labels in sequences)
    return TaggerReport(path, len(sequences), names)


def tagger_for(fold: str, root: Path, folder: Path = MODEL_DIR) -> Taggers:
    """The taggers that may tag ``fold``: trained without it and its kin if a dev fold trained
    them."""
    folds = read_corpus_folds(root / "splits.toml")
    dev = {f.name for f in folds if f.status == "dev"}
    return taggers_in(folder, held_out_name(fold, folds) if fold in dev else None)


def stray_reports(reports: Iterable[str], dev: list[CorpusGoldDoc]) -> list[str]:
    """The ``reports`` (of drawn rows) that no dev fold holds (a sealed fold's text must never
    train)."""
    return sorted(set(reports) - {d.source.name for d in dev})


def refuse_strays(reports: Iterable[str], dev: list[CorpusGoldDoc], where: Path) -> None:
    """Raise ``DrawnRowError`` naming ``where`` if a drawn row comes from no dev fold's report."""
    if strays := stray_reports(reports, dev):
        raise DrawnRowError(f"{where}: drawn sentences of reports no dev fold holds: {strays}")


def fold_sequences(
    docs: list[CorpusGoldDoc], rows: dict[str, list[DrawnSentence]], label: str = ENTERPRISE
) -> list[Sequence]:
    """A fold's sequences of ``label``: its annotated ranges, then its drawn sentences (``rows``,
    those drawn for that type)."""
    sequences = [s for d in docs for s in doc_sequences(d, label)]
    for doc in docs:
        sequences.extend(name_sequences(rows.get(doc.source.name, []), doc))
    return sequences


def train_all_taggers(
    root: Path | None, out: Path | None, kind: TaggedType = name_tagger.FIRMS
) -> list[TaggerReport]:
    """The shipped tagger of ``kind`` (every dev fold) and one without each dev fold and its kin:
    one per kin set (c1 and c1b leave out the same folds, so they share one model, trained once).

    The sentences drawn for the type outside the annotated ranges (``firms/``, ``projects/``)
    join the folds whose reports they come from (a fold's drawn-only reports too); a fold's
    sentences leave training with the fold.
    """
    root = root or default_gold_root()
    folder = out or MODEL_DIR
    folds = read_corpus_folds(root / "splits.toml")
    dev = [f for f in folds if f.status == "dev"]
    drawn = DRAWN_FOLDERS[kind.label]
    rows = drawn_rows(root, drawn)
    docs = {f.name: load_fold_reports(root, f) for f in dev}
    refuse_strays(rows, [d for fold in docs.values() for d in fold], root / drawn)
    sequences = {name: fold_sequences(fold, rows, kind.label) for name, fold in docs.items()}
    everything = [s for rows in sequences.values() for s in rows]
    reports = [train_tagger(everything, kind.path(folder))]
    trained: set[str] = set()
    for fold in dev:
        without = held_out_name(fold.name, folds)
        if without in trained:  # its kin's model, already trained
            continue
        kin = kin_folds(fold.name, folds)
        rest = [s for name, rows in sequences.items() if name not in kin for s in rows]
        reports.append(train_tagger(rest, kind.path(folder, without)))
        trained.add(without)
    return reports
