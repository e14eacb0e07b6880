"""``policykg eval --drawn``: a type is scored only inside the sentences drawn for it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from policykg.gold.drawn_eval import doc_drawn_counts
from policykg.gold.drawn_sentences import (
    DrawnSentence,
    candidate_sentences,
    drawn_marks,
    name_labels,
)
from policykg.gold.files import default_gold_root
from policykg.gold.load import CorpusGoldDoc
from policykg.ir import DocMeta, SourceDoc
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.statistical.tagger_features import bio_spans
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


def test_eval_drawn_scores_every_dev_fold_on_its_marks_through_the_cli() -> None:
    exe = Path(sys.executable).with_name("policykg")
    done = subprocess.run([str(exe), "eval", "--drawn"], capture_output=True, text=True, check=True)
    rows = [[c.strip() for c in r.split("|")[1:-1]] for r in done.stdout.splitlines()[2:]]
    micro = {r[1]: r for r in rows if r[0] == "micro: dev corpus folds"}
    marks = drawn_marks(default_gold_root())
    for label, reports in marks.items():
        marked = sum(
            len(bio_spans(name_labels(r.text, r.names))) for rs in reports.values() for r in rs
        )
        assert int(micro[label][2]) == marked > 1000  # every mark of the type is gold there
        assert 0 < float(micro[label][4]) < 1 and 0 < float(micro[label][5]) < 1
    folds = {r[0] for r in rows if r[0].endswith("(dev)")}
    assert folds == {f"{f} (dev)" for f in ("c1", "c2", "c3", "hebei", "c3b", "c1b", "c2b")}
