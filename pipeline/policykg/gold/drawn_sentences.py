"""Sentences outside the annotated ranges, annotated for one type at a time.

The annotated ranges of the dev corpus folds cover a quarter of each report. ``candidate_sentences``
gives every sentence of a dev report that lies wholly outside those ranges and that the firm
tagger reads (``WORTH_TAGGING``: a firm or project word, or a 、…等 list); ``draw_sentences`` picks
a share of them with a fixed seed. Annotator sessions listed every name of one type in each:
Enterprise names in ``tests/data/firms/``, Project names in ``tests/data/projects/`` (README
in each). ``name_sequences`` turns the firm and project lists into B/I/O sequences for their taggers, and
``drawn_names`` gives the marked names and their sentences for the decision model's examples of
that type. Only dev folds are drawn: a sealed fold's text is never shown, and each fold's
sentences leave training with that fold.

A row of ``tests/data/<folder>/*.tsv``: ``stem``, raw start, raw end, the normalised sentence,
and the names found in it joined by `` | `` (empty for none). Each name marks every occurrence
in its sentence, as a line of an ``.ann`` file marks every occurrence in its paragraph.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policykg.gold.load import CorpusGoldDoc
from policykg.ir import EntityType
from policykg.nlp.statistical.tagger_features import (
    SENTENCE,
    WORTH_TAGGING,
    bio_spans,
    char_features,
)
from policykg.text.normalize import NormText, normalize

NAME_SEPARATOR = " | "
Sequence = tuple[list[tuple[str, ...]], list[str]]


ENTERPRISE, PROJECT = EntityType.ENTERPRISE.value, EntityType.PROJECT.value
FIRMS = "firms"  # tests/data/firms: Enterprise names
PROJECTS = "projects"  # tests/data/projects: Project names
TERMS = "terms"  # tests/data/terms: Slogan and Abbreviation names, typed (``S:…``, ``A:…``)
TYPE_MARKS = {"S:": "Slogan", "A:": "Abbreviation"}  # a typed name's mark and its type
QUOTED = re.compile(r"[“「]")  # the sentences drawn for terms: those that quote something


class DrawnRowError(ValueError):
    """A row of a drawn-sentence file that does not match its report."""


@dataclass(frozen=True, slots=True)
class DrawnSentence:
    stem: str
    raw_start: int
    raw_end: int
    text: str
    names: tuple[str, ...]

    def row(self) -> str:
        names = NAME_SEPARATOR.join(self.names)
        return f"{self.stem}\t{self.raw_start}\t{self.raw_end}\t{self.text}\t{names}"


def candidate_sentences(
    doc: CorpusGoldDoc, worth: re.Pattern[str] = WORTH_TAGGING
) -> Iterator[DrawnSentence]:
    """The sentences of ``doc`` outside its annotated ranges that ``worth`` finds something in
    (by default those the character taggers would read)."""
    norm = normalize(doc.source.raw)
    for m in SENTENCE.finditer(norm.text):
        text = m[0].strip()
        if len(text) > 1 and worth.search(text):
            raw_start, raw_end = norm.raw_span(m.start(), m.end())
            if not doc.touches(raw_start, raw_end):
                yield DrawnSentence(doc.source.name, raw_start, raw_end, m[0], ())


def draw_sentences(docs: list[CorpusGoldDoc], share: float, seed: int) -> list[DrawnSentence]:
    """About ``share`` of each document's candidate sentences, drawn with ``seed``, in order."""
    rng = random.Random(seed)
    drawn: list[DrawnSentence] = []
    for doc in sorted(docs, key=lambda d: d.source.name):
        pool = list(candidate_sentences(doc))
        picked = rng.sample(range(len(pool)), round(len(pool) * share)) if pool else []
        drawn.extend(pool[i] for i in sorted(picked))
    return drawn


def _bare(name: str, typed: bool, where: str) -> str:
    """A typed name (``S:…``) without its type letter; a bad letter raises."""
    if not typed:
        return name
    if name[:2] not in TYPE_MARKS:
        raise DrawnRowError(f"{where}: name {name!r} does not start with one of {list(TYPE_MARKS)}")
    return name[2:]


def parse_row(line: str, where: str, typed: bool = False) -> DrawnSentence:
    """One row; in a typed folder (``TERMS``) each name opens with its type mark (``A:六稳``)."""
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 5:
        raise DrawnRowError(f"{where}: {len(cells)} tab-separated cells, expected 5")
    stem, start, end, text, names = cells
    if not (start.isdigit() and end.isdigit()):
        raise DrawnRowError(f"{where}: raw offsets {start!r}, {end!r} are not numbers")
    found = tuple(n.strip() for n in names.split(NAME_SEPARATOR.strip()) if n.strip())
    for name in found:
        if not (bare := _bare(name, typed, where)) or bare not in text:
            raise DrawnRowError(f"{where}: name {name!r} is not in its sentence")
    return DrawnSentence(stem, int(start), int(end), text, found)


def read_drawn_sentences(path: Path, typed: bool = False) -> list[DrawnSentence]:
    """Every row of one ``.tsv`` file; a bad row raises ``DrawnRowError`` naming file and line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            rows.append(parse_row(line, f"{path}:{number}", typed))
    return rows


def drawn_rows(root: Path, folder: str) -> dict[str, list[DrawnSentence]]:
    """The drawn sentences of ``root/folder/*.tsv`` (``FIRMS``, ``PROJECTS`` or the typed
    ``TERMS``), by report."""
    rows: dict[str, list[DrawnSentence]] = {}
    for path in sorted((root / folder).glob("*.tsv")):
        for row in read_drawn_sentences(path, typed=folder == TERMS):
            rows.setdefault(row.stem, []).append(row)
    return rows


def of_type(rows: list[DrawnSentence], label: str) -> list[DrawnSentence]:
    """Typed rows with only the names of ``label`` (Slogan, Abbreviation), without their mark."""
    mark = next(m for m, t in TYPE_MARKS.items() if t == label)
    return [
        DrawnSentence(
            r.stem,
            r.raw_start,
            r.raw_end,
            r.text,
            tuple(n[2:] for n in r.names if n.startswith(mark)),
        )
        for r in rows
    ]


Drawn = dict[str, dict[str, list[DrawnSentence]]]  # type -> report -> its drawn sentences


def drawn_marks(root: Path) -> Drawn:
    """Every drawn sentence with its marks, by the type marked (Enterprise, Project, Slogan,
    Abbreviation) and by report; a typed row gives each type its own names."""
    terms = drawn_rows(root, TERMS)
    out: Drawn = {ENTERPRISE: drawn_rows(root, FIRMS), PROJECT: drawn_rows(root, PROJECTS)}
    for label in TYPE_MARKS.values():
        out[label] = {report: of_type(rows, label) for report, rows in terms.items()}
    return out


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


def drawn_names(
    rows: list[DrawnSentence], norm: NormText
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """The drawn sentences of one report and the names marked in them, in normalised offsets
    (the sentences where every name of the rows' type is annotated, and those names)."""
    at = norm.positions()
    sentences: list[tuple[int, int]] = []
    names: set[tuple[int, int]] = set()
    for row in rows:
        start = at.get(row.raw_start)
        if start is None or norm.text[start : start + len(row.text)] != row.text:
            raise DrawnRowError(
                f"{row.stem}@{row.raw_start}: the sentence is not the report's text"
            )
        sentences.append((start, start + len(row.text)))
        labels = name_labels(row.text, row.names)
        names.update((start + s, start + e) for s, e in bio_spans(labels))
    return sentences, names


def name_sequences(rows: list[DrawnSentence], doc: CorpusGoldDoc) -> Iterator[Sequence]:
    """Training sequences of ``doc``'s rows, checked against the report's normalised text."""
    drawn_names(rows, normalize(doc.source.raw))  # every row is the report's text
    for row in rows:
        yield char_features(row.text), name_labels(row.text, row.names)
