"""``policykg eval --drawn``: a type is scored only inside the sentences drawn for it."""

from __future__ import annotations

import re

from policykg.gold.drawn_eval import doc_drawn_counts
from policykg.gold.drawn_sentences import DrawnSentence, candidate_sentences
from policykg.gold.load import CorpusGoldDoc
from policykg.ir import DocMeta, SourceDoc
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.text.sources import Batch

RAW = "全面落实“六稳”要求。天气晴朗。落实“六稳”“六保”任务。建设年产10万吨电池材料项目。"


def _doc() -> CorpusGoldDoc:
    source = SourceDoc("r.txt", "r.txt", RAW, "utf-8", "0" * 64, DocMeta("r"))
    return CorpusGoldDoc(source, frozenset(), frozenset(), ((11, 16),), ())


def test_each_type_counts_only_in_its_drawn_sentences() -> None:
    doc = _doc()
    quoted = [s for s in candidate_sentences(doc, re.compile("“")) if s.raw_start > 0]
    (works,) = candidate_sentences(doc, re.compile("项目"))
    drawn = {
        "Abbreviation": {"r.txt": [DrawnSentence(*_at(quoted[0]), ("六稳", "六保"))]},
        "Project": {"r.txt": [DrawnSentence(*_at(works), ("年产10万吨电池材料项目",))]},
    }
    extraction = extract_batch(Batch((doc.source,), ()), nlp=build_nlp())
    found = {
        (m.span.start, m.span.end)
        for e in extraction.entities
        for m in e.mentions
        if e.type.value == "Abbreviation"
    }
    assert (5, 7) in found  # the first sentence's 六稳, extracted but in no drawn sentence
    counts = doc_drawn_counts(doc, extraction, drawn)
    terms = counts.spans["Abbreviation"].strict
    assert (terms.gold, terms.predicted, terms.matched_gold) == (2, 2, 2)
    assert counts.spans["Project"].strict.gold == 1


def _at(row: DrawnSentence) -> tuple[str, int, int, str]:
    return row.stem, row.raw_start, row.raw_end, row.text
