"""The shipped decision models: one on every training fold, one without each of them and its kin.

Training folds are the ``dev`` corpus folds and the seeds folds; ``sealed`` folds never train.
``decider.json`` scores sealed folds and runs in the product; ``decider-without-<kin>.json``
scores the folds of <kin> in ``policykg eval``, trained without that fold and without every
corpus fold that shares a province with it, so every score is on a province the model did not
see. Kin folds leave training together, so they share one file, named by the folds it was trained
without (``folds.held_out_name``): ``decider-without-c1+c1b.json`` scores c1 and c1b,
``decider-without-hebei.json`` hebei, ``decider-without-xinjiang.json`` the seeds fold xinjiang.
"""

from __future__ import annotations

from pathlib import Path

from policykg.gold.drawn_sentences import ENTERPRISE, PROJECT, Drawn, DrawnSentence, drawn_marks
from policykg.gold.files import default_gold_root, read_splits
from policykg.gold.folds import CorpusFold, held_out_name, kin_folds, read_corpus_folds
from policykg.gold.judged import JudgedDoc, load_judged, outside_ranges
from policykg.gold.known_view import known_without
from policykg.gold.load import CorpusGoldDoc, load_drawn_only
from policykg.gold.run import fold_docs
from policykg.gold.train_decider import FoldDocs, fold_examples, train_decider
from policykg.gold.train_name_tagger import refuse_strays, tagger_for
from policykg.graph.atomic import write_text
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.statistical.decide import DECIDER_PATH, Decider, key_type, read_decider

# 2: reads the firm tagger's view of each firm candidate; 3: drawn term sentences; 4: C = 2;
# 5: the drawn-only county reports' firm rows; 6: Projects judged (above county level only);
# 7: the firm tagger's likely names are candidates it judges (Enterprise@firm_tagger);
# 8: so are the project tagger's (Project@project_tagger), which also scores project candidates;
# 9: the items of a project candidate joined by 、 are its boundary variants
VERSION = "decider-9"
# The types the shipped model judges: where it raised strict F1 on the dev folds, each scored
# by the model trained without it (EVAL.md). The other types keep every rule candidate. The
# rules' Projects are judged only in the reports of provinces and prefecture-level cities
# (decide.for_place): judging them raised every city fold and sank every county one, twice
# (EVAL.md); the project tagger's proposals are judged in every report.
DECIDED_TYPES = (
    "Enterprise",
    "GovernmentBody",
    "Park",
    "Place",
    "Slogan",
    "Abbreviation",
    "Project",
)
# The types whose rows of drawn-only reports (CorpusFold.drawn_only) train: their Slogan and
# Abbreviation rows lowered the dev folds' Slogan F1 and left Abbreviation flat (EVAL.md), so
# they only measure.
DRAWN_ONLY_TYPES = (ENTERPRISE, PROJECT)


def training_folds(root: Path) -> list[str]:
    dev = [f.name for f in read_corpus_folds(root / "splits.toml") if f.status == "dev"]
    return [*dev, *read_splits(root / "splits.toml")]


def model_path(folder: Path, without: str | None) -> Path:
    """The shipped model (``without`` None) or the one trained without the folds that
    ``without`` names (``folds.held_out_name``: ``c1+c1b``, ``hebei``)."""
    return folder / ("decider.json" if without is None else f"decider-without-{without}.json")


def held_out_path(fold: str, corpus: list[CorpusFold], folder: Path) -> Path:
    """The model trained without training fold ``fold`` and its kin."""
    return model_path(folder, held_out_name(fold, corpus))


def decider_for(fold: str, root: Path, folder: Path = DECIDER_PATH.parent) -> Decider | None:
    """The model that may score ``fold``: trained without it and its kin if it is a training
    fold."""
    if fold in training_folds(root):
        path = held_out_path(fold, read_corpus_folds(root / "splits.toml"), folder)
    else:
        path = model_path(folder, None)
    return read_decider(path) if path.is_file() else None


def _write(path: Path, model: Decider) -> Path:
    write_text(path, model.to_json() + "\n")
    return path


def _only(model: Decider, types: set[str] | None) -> Decider:
    if types is None:
        return model
    kept = {k: v for k, v in model.thresholds.items() if key_type(k) in types}
    weights = {k: v for k, v in model.weights.items() if key_type(k.partition("|")[0]) in types}
    return Decider(weights, kept, model.version)


def train_all(root: Path | None, out: Path | None, types: set[str] | None = None) -> list[Path]:
    """Train and write every model (judging only ``types``, default all); the paths written."""
    root = root or default_gold_root()
    folder = out or DECIDER_PATH.parent
    folder.mkdir(parents=True, exist_ok=True)
    nlp = build_nlp()
    names = training_folds(root)
    judged = load_judged(root)
    marks = drawn_marks(root)
    corpus = read_corpus_folds(root / "splits.toml")
    provinces = {f.name: f.provinces for f in corpus}
    drawn_only = {f.name: load_drawn_only(root, f.drawn_only) for f in corpus if f.name in names}
    held: dict[str, tuple[list[CorpusGoldDoc], tuple[str, ...]]] = {}
    for name in names:  # every dev fold is a training fold; its drawn-only reports train with it
        docs, annotated = fold_docs(root, name)
        held[name] = (docs + drawn_only.get(name, []), annotated)
    only = {d.source.name for docs in drawn_only.values() for d in docs}
    dev = [d for f in corpus if f.status == "dev" for d in held[f.name][0]]
    refuse_strays([r for reports in marks.values() for r in reports], dev, root)
    marks = _training_marks(marks, only)
    folds = []
    for name in names:
        docs, annotated = held[name]
        firms = marks[ENTERPRISE]
        extra = tuple(
            _undrawn(_unannotated(j, docs), firms.get(j.source.name, []))
            for j in judged
            if j.fold == name
        )
        known = known_without(provinces.get(name, ()))  # as if its provinces were unseen
        tagger = tagger_for(name, root)  # the tagger that never saw it: its features are honest
        reports = {d.source.name for d in docs}
        drawn = {t: {r: v for r, v in m.items() if r in reports} for t, m in marks.items()}
        folds.append(FoldDocs(name, docs, annotated, extra, known, tagger, drawn))
    per_fold = fold_examples(folds, nlp)
    written = [_write(model_path(folder, None), _only(train_decider(per_fold, VERSION), types))]
    for name in names:  # kin folds leave the same folds out: one model, trained once
        path = held_out_path(name, corpus, folder)
        if path in written:
            continue
        kin = kin_folds(name, corpus)
        rest = {fold: ex for fold, ex in per_fold.items() if fold not in kin}
        written.append(_write(path, _only(train_decider(rest, VERSION), types)))
    return written


def _training_marks(marks: Drawn, drawn_only: set[str]) -> Drawn:
    """The drawn marks that train: a drawn-only report's only for ``DRAWN_ONLY_TYPES``."""
    return {
        label: {
            r: rows
            for r, rows in by_report.items()
            if label in DRAWN_ONLY_TYPES or r not in drawn_only
        }
        for label, by_report in marks.items()
    }


def _unannotated(judged: JudgedDoc, docs: list[CorpusGoldDoc]) -> JudgedDoc:
    """A judged document's verdicts outside the annotated ranges of the same text, if the fold
    holds it (the gold gives those candidates' examples)."""
    gold = [d for d in docs if d.source.name == judged.source.name]
    return outside_ranges(judged, gold[0].scored) if gold else judged


def _undrawn(judged: JudgedDoc, rows: list[DrawnSentence]) -> JudgedDoc:
    """A judged document's verdicts outside its drawn firm sentences (every firm there is
    marked, so those candidates give their examples from the marks, once)."""
    spans = [(row.raw_start, row.raw_end) for row in rows]
    return outside_ranges(judged, lambda start: any(lo <= start < hi for lo, hi in spans))
