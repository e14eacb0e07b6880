"""Sentences about firms outside the annotated ranges, annotated for Enterprise names only.

The annotated ranges of the dev corpus folds cover a quarter of each report and hold 747 firm
names. ``candidate_sentences`` gives every sentence of a dev report that lies wholly outside
those ranges and that the firm tagger reads (``WORTH_TAGGING``); ``draw_sentences`` picks a share
of them with a fixed seed. Annotator sessions listed every Enterprise name in each
(``tests/data/firms/README.md``). ``firm_sequences`` turns the lists into B/I/O sequences for the
firm tagger, and ``drawn_firms`` gives the marked names and their sentences for the decision
model's Enterprise examples. Only dev folds are drawn: a sealed fold's text is never shown, and
each fold's sentences leave training with that fold.

A row of ``tests/data/firms/*.tsv``: ``stem``, raw start, raw end, the normalised sentence,
and the names found in it joined by `` | `` (empty for none). Each name marks every occurrence
in its sentence, as a line of an ``.ann`` file marks every occurrence in its paragraph.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policykg.gold.load import CorpusGoldDoc
from policykg.nlp.statistical.firm_tagger import (
    SENTENCE,
    WORTH_TAGGING,
    bio_spans,
    char_features,
)
from policykg.text.normalize import NormText, normalize

NAME_SEPARATOR = " | "
Sequence = tuple[list[tuple[str, ...]], list[str]]


class FirmRowError(ValueError):
    """A row of a firm-sentence file that does not match its report."""


@dataclass(frozen=True, slots=True)
class FirmSentence:
    stem: str
    raw_start: int
    raw_end: int
    text: str
    names: tuple[str, ...]

    def row(self) -> str:
        names = NAME_SEPARATOR.join(self.names)
        return f"{self.stem}\t{self.raw_start}\t{self.raw_end}\t{self.text}\t{names}"


def candidate_sentences(doc: CorpusGoldDoc) -> Iterator[FirmSentence]:
    """The sentences of ``doc`` outside its annotated ranges that the tagger would read."""
    norm = normalize(doc.source.raw)
    for m in SENTENCE.finditer(norm.text):
        text = m[0].strip()
        if len(text) > 1 and WORTH_TAGGING.search(text):
            raw_start, raw_end = norm.raw_span(m.start(), m.end())
            if not doc.touches(raw_start, raw_end):
                yield FirmSentence(doc.source.name, raw_start, raw_end, m[0], ())


def draw_sentences(docs: list[CorpusGoldDoc], share: float, seed: int) -> list[FirmSentence]:
    """About ``share`` of each document's candidate sentences, drawn with ``seed``, in order."""
    rng = random.Random(seed)
    drawn: list[FirmSentence] = []
    for doc in sorted(docs, key=lambda d: d.source.name):
        pool = list(candidate_sentences(doc))
        picked = rng.sample(range(len(pool)), round(len(pool) * share)) if pool else []
        drawn.extend(pool[i] for i in sorted(picked))
    return drawn


def parse_row(line: str, where: str) -> FirmSentence:
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 5:
        raise FirmRowError(f"{where}: {len(cells)} tab-separated cells, expected 5")
    stem, start, end, text, names = cells
    if not (start.isdigit() and end.isdigit()):
        raise FirmRowError(f"{where}: raw offsets {start!r}, {end!r} are not numbers")
    found = tuple(n.strip() for n in names.split(NAME_SEPARATOR.strip()) if n.strip())
    for name in found:
        if name not in text:
            raise FirmRowError(f"{where}: name {name!r} is not in its sentence")
    return FirmSentence(stem, int(start), int(end), text, found)


def read_firm_sentences(path: Path) -> list[FirmSentence]:
    """Every row of one ``.tsv`` file; a bad row raises ``FirmRowError`` naming file and line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            rows.append(parse_row(line, f"{path}:{number}"))
    return rows


def name_labels(text: str, names: tuple[str, ...]) -> list[str]:
    """B/I/O over ``text``: every occurrence of each name, longest names first, no overlaps."""
    labels = ["O"] * len(text)
    for name in sorted(names, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if all(label == "O" for label in labels[start:end]):
                labels[start:end] = ["B"] + ["I"] * (len(name) - 1)
            start = text.find(name, end)
    return labels


def drawn_firms(
    rows: list[FirmSentence], norm: NormText
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """The drawn sentences of one report and the names marked in them, in normalised offsets
    (the sentences where every firm name is annotated, and those names)."""
    at = norm.positions()
    sentences: list[tuple[int, int]] = []
    names: set[tuple[int, int]] = set()
    for row in rows:
        start = at.get(row.raw_start)
        if start is None or norm.text[start : start + len(row.text)] != row.text:
            raise FirmRowError(f"{row.stem}@{row.raw_start}: the sentence is not the report's text")
        sentences.append((start, start + len(row.text)))
        labels = name_labels(row.text, row.names)
        names.update((start + s, start + e) for s, e in bio_spans(labels))
    return sentences, names


def firm_sequences(rows: list[FirmSentence], doc: CorpusGoldDoc) -> Iterator[Sequence]:
    """Training sequences of ``doc``'s rows, checked against the report's normalised text."""
    drawn_firms(rows, normalize(doc.source.raw))  # every row is the report's text
    for row in rows:
        yield char_features(row.text), name_labels(row.text, row.names)
