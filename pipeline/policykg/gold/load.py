"""Load the annotated corpus: texts, compiled gold spans and relations, coverage, glossaries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from policykg.gold.corpus import GOLD_DIR
from policykg.gold.evaluate import Key
from policykg.gold.files import GlossaryGold, GoldError, json_lines, read_glossary
from policykg.gold.folds import CorpusFold
from policykg.gold.score import RelKey
from policykg.ir import EntityType, SourceDoc
from policykg.text.sources import read_batch

LABELS = frozenset(t.value for t in EntityType)


@dataclass(frozen=True, slots=True)
class CorpusGoldDoc:
    """One annotated corpus document (spans in its ranges, or only its glossary)."""

    source: SourceDoc
    spans: frozenset[Key]
    relations: frozenset[RelKey]
    coverage: tuple[tuple[int, int], ...]
    glossary: tuple[GlossaryGold, ...]

    def scored(self, start: int) -> bool:
        return any(lo <= start < hi for lo, hi in self.coverage)

    def covers(self, start: int, end: int) -> bool:
        """True when raw ``[start, end)`` lies inside one annotated range."""
        return any(lo <= start and end <= hi for lo, hi in self.coverage)

    def touches(self, start: int, end: int) -> bool:
        """True when raw ``[start, end)`` overlaps an annotated range."""
        return any(lo < end and start < hi for lo, hi in self.coverage)

    @property
    def chars(self) -> int:
        return sum(hi - lo for lo, hi in self.coverage)


def read_corpus_spans(path: Path, doc: SourceDoc) -> frozenset[Key]:
    keys: set[Key] = set()
    for number, row in enumerate(json_lines(path), start=1):
        start, end, label, text = int(row["start"]), int(row["end"]), row["label"], row["text"]
        if label not in LABELS:
            raise GoldError(path, f"span {number}: unknown label {label!r}")
        if doc.raw[start:end] != text:
            raise GoldError(
                path, f"span {number}: text {text!r} but raw has {doc.raw[start:end]!r}"
            )
        keys.add((doc.name, start, end, label))
    return frozenset(keys)


def read_corpus_relations(path: Path, doc: SourceDoc) -> frozenset[RelKey]:
    if not path.is_file():
        return frozenset()
    return frozenset(
        (
            doc.name,
            str(r["type"]),
            int(r["subject"]["start"]),
            int(r["subject"]["end"]),
            int(r["object"]["start"]),
            int(r["object"]["end"]),
        )
        for r in json_lines(path)
    )


def load_corpus_gold(root: Path, stems: list[str]) -> list[CorpusGoldDoc]:
    """The documents among ``stems`` that have compiled gold or a gold glossary."""
    gold = root / GOLD_DIR
    wanted = [
        s
        for s in stems
        if (gold / f"{s}.jsonl").is_file() or (gold / f"{s}.glossary.jsonl").is_file()
    ]
    batch = read_batch([root / "corpus" / f"{s}.txt" for s in wanted])
    if batch.failures:
        raise GoldError(batch.failures[0][0], batch.failures[0][1])
    docs = []
    for stem, source in zip(wanted, batch.docs, strict=True):
        has_spans = (gold / f"{stem}.jsonl").is_file()
        spans = read_corpus_spans(gold / f"{stem}.jsonl", source) if has_spans else frozenset()
        relations = read_corpus_relations(gold / f"{stem}.relations.jsonl", source)
        cov_path = gold / f"{stem}.coverage.json"
        coverage = (
            tuple((int(a), int(b)) for a, b in json.loads(cov_path.read_text("utf-8")))
            if has_spans and cov_path.is_file()
            else ()
        )
        glossary_path = gold / f"{stem}.glossary.jsonl"
        glossary = read_glossary(glossary_path) if glossary_path.is_file() else ()
        docs.append(CorpusGoldDoc(source, spans, relations, coverage, glossary))
    return docs


def load_drawn_only(root: Path, stems: tuple[str, ...]) -> list[CorpusGoldDoc]:
    """A fold's drawn-only reports (``CorpusFold.drawn_only``): their text and no annotated
    range, so only their drawn sentences (``gold.drawn_sentences``) say anything of them."""
    batch = read_batch([root / "corpus" / f"{s}.txt" for s in stems])
    if batch.failures:
        raise GoldError(batch.failures[0][0], batch.failures[0][1])
    return [CorpusGoldDoc(s, frozenset(), frozenset(), (), ()) for s in batch.docs]


def load_fold_reports(root: Path, fold: CorpusFold) -> list[CorpusGoldDoc]:
    """A corpus fold's annotated reports, then its drawn-only reports."""
    return load_corpus_gold(root, list(fold.docs)) + load_drawn_only(root, fold.drawn_only)
