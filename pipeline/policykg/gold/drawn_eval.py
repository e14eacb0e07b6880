"""``policykg eval --drawn``: each dev fold scored on its drawn sentences.

The drawn sentences (``gold.drawn_sentences``) are every sentence of the dev reports outside the
annotated ranges that holds a firm or project word (Enterprise and Project names marked) or a
quotation mark (Slogan and Abbreviation marked): five times the text of the ranges. Rule writers
read the ranges' errors, never these sentences, so they measure the rules on text nobody tuned
them for; the trained parts are held out as in ``policykg eval`` (each fold extracted with the
decision model and character taggers trained without it and its kin, and the known terms without its
provinces). A type is scored only inside the sentences drawn for it. The marks come from one
annotator pass that read each sentence, not its paragraph (``tests/data/*/README.md``).
"""

from __future__ import annotations

import bisect
from pathlib import Path

from policykg.gold.decider_models import decider_for
from policykg.gold.drawn_sentences import Drawn, DrawnSentence, drawn_marks, drawn_names
from policykg.gold.evaluate import Key
from policykg.gold.folds import read_corpus_folds
from policykg.gold.known_view import known_without
from policykg.gold.load import CorpusGoldDoc, load_fold_reports
from policykg.gold.run import FoldEval
from policykg.gold.score import DocCounts, doc_counts
from policykg.gold.train_name_tagger import tagger_for
from policykg.ir import Extraction
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.text.normalize import normalize
from policykg.text.sources import Batch


def _inside(rows: list[DrawnSentence]) -> tuple[list[int], list[int]]:
    spans = sorted((r.raw_start, r.raw_end) for r in rows)
    return [s for s, _ in spans], [e for _, e in spans]


def doc_drawn_counts(doc: CorpusGoldDoc, extraction: Extraction, drawn: Drawn) -> DocCounts:
    """One report's counts per type, each inside the sentences drawn for it, against their
    marks (raw offsets, as the annotated ranges are scored)."""
    norm = normalize(doc.source.raw)
    spans, name = {}, doc.source.name
    for label, reports in drawn.items():
        rows = reports.get(name, [])
        _, marked = drawn_names(rows, norm)
        gold: set[Key] = {(name, *norm.raw_span(s, e), label) for s, e in marked}
        starts, ends = _inside(rows)

        def scored(start: int, starts: list[int] = starts, ends: list[int] = ends) -> bool:
            i = bisect.bisect_right(starts, start) - 1
            return i >= 0 and start < ends[i]

        counts = doc_counts(name, extraction.entities, (), gold, set(), scored)
        spans[label] = counts.spans[label]
    return DocCounts(name, spans, {})


def drawn_folds(root: Path) -> list[FoldEval]:
    """Every dev fold with drawn sentences, extracted as ``policykg eval`` extracts it."""
    drawn = drawn_marks(root)
    nlp = build_nlp(with_ner=False)
    reports = {r for by_report in drawn.values() for r in by_report}
    out = []
    for fold in read_corpus_folds(root / "splits.toml"):
        if fold.status != "dev":  # a sealed fold's gold is never loaded here
            continue
        docs = [d for d in load_fold_reports(root, fold) if d.source.name in reports]
        if not docs:
            continue
        extraction = extract_batch(
            Batch(tuple(d.source for d in docs), ()),
            nlp=nlp,
            decider=decider_for(fold.name, root),
            known=known_without(fold.provinces),
            tagger=tagger_for(fold.name, root),
        )
        counted = tuple(doc_drawn_counts(d, extraction, drawn) for d in docs)
        sentences = {
            (r.stem, r.raw_start): len(r.text)
            for by_report in drawn.values()
            for d in docs
            for r in by_report.get(d.source.name, [])
        }
        chars = sum(sentences.values())
        out.append(FoldEval(fold.name, "dev", "drawn", tuple(drawn), counted, chars, ()))
    return out
