"""``policykg eval --judged``: precision of the shipped pipeline on the judged candidates.

The judged documents (``gold.judged``) are more places than the annotated sample: for each dev
fold, its judged documents are extracted with the decision model trained without that fold, and
every Enterprise mention the pipeline keeps is looked up in the table (a mention copied by
propagation repeats a judged name and is not counted again). Precision = kept mentions judged
right ÷ kept mentions judged; "judged right kept" = how many of the candidates the annotator
judged right survive the decision (the table holds no name the rules missed, so this is no
recall). Intervals: 95 % bootstrap over documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policykg.gold.bootstrap import intervals
from policykg.gold.decider_models import decider_for
from policykg.gold.evaluate import Counts
from policykg.gold.judged import JudgedDoc, load_judged
from policykg.gold.train_name_tagger import tagger_for
from policykg.ir import Extraction
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.text.sources import Batch

PROPAGATED = "propagate"


@dataclass(frozen=True, slots=True)
class JudgedFold:
    """One fold's judged documents, counted per document (predicted = kept and judged)."""

    fold: str
    per_doc: tuple[Counts, ...]
    unjudged: int  # kept mentions the table does not list (proposed since it was made)


def _count(docs: Sequence[JudgedDoc], extraction: Extraction) -> tuple[list[Counts], int]:
    kept: dict[str, set[tuple[int, int]]] = {d.source.name: set() for d in docs}
    for entity in extraction.entities:
        if entity.type.value != docs[0].label:
            continue
        for m in entity.mentions:
            if m.source != PROPAGATED:
                kept[m.span.doc].add((m.span.start, m.span.end))
    per_doc, unjudged = [], 0
    for doc in docs:
        spans = kept[doc.source.name]
        judged = [doc.verdicts[s] for s in spans if s in doc.verdicts]
        unjudged += len(spans) - len(judged)
        right = sum(doc.verdicts.values())
        per_doc.append(Counts(len(judged), right, sum(judged), sum(judged)))
    return per_doc, unjudged


def judged_folds(root: Path, *, decide: bool = True) -> list[JudgedFold]:
    """Every dev fold with judged documents, extracted as ``policykg eval`` extracts it."""
    judged = load_judged(root)
    nlp = build_nlp(with_ner=False)
    out = []
    for fold in sorted({j.fold for j in judged}):
        docs = [j for j in judged if j.fold == fold]
        decider = decider_for(fold, root) if decide else None
        batch = Batch(tuple(j.source for j in docs), ())
        tagger = tagger_for(fold, root)
        extraction = extract_batch(batch, nlp=nlp, decider=decider, tagger=tagger)
        per_doc, unjudged = _count(docs, extraction)
        out.append(JudgedFold(fold, tuple(per_doc), unjudged))
    return out


def judged_table(folds: Sequence[JudgedFold]) -> str:
    """Markdown: per fold and over all folds."""
    rows = [
        "| fold | documents | kept, judged | judged right | precision (95% CI) "
        "| judged right kept | kept, not in table |",
        "|---|---|---|---|---|---|---|",
    ]
    groups = [(f.fold, list(f.per_doc), f.unjudged) for f in folds]
    if len(folds) > 1:
        everything = [c for f in folds for c in f.per_doc]
        groups.append(("all judged", everything, sum(f.unjudged for f in folds)))
    for label, per_doc, unjudged in groups:
        total = sum(per_doc, Counts())
        ci = intervals(per_doc)["precision"]
        rows.append(
            f"| {label} | {len(per_doc)} | {total.predicted} | {total.matched_predicted} "
            f"| {total.precision:.3f} ({ci.low:.2f}–{ci.high:.2f}) "
            f"| {total.matched_gold}/{total.gold} | {unjudged} |"
        )
    return "\n".join(rows) + "\n"
