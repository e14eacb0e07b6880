"""Judged candidates: rule proposals that an annotator marked right or wrong, for training.

``tests/data/judged/`` holds city reports of the development provinces that are not in the
annotated sample (``texts/``, with their manifest), and a table of the candidates the rules
proposed for one type there, each judged ``Y`` (exactly a gold span under GUIDELINE.md) or ``N``.
A judged candidate is a training example of the decision model like a candidate inside an
annotated range; the table says nothing about names the rules never proposed, so it gives no
recall. Each document belongs to the dev fold of its province (or to the fold that holds it, once
it is drawn for annotation: c1b and c2b hold every judged text), and leaves training with that
fold. Inside a held document's annotated ranges the gold decides, so the verdicts there give no
second example (``outside_ranges``). Sealed folds are refused: their text is not read by anyone
developing the extraction.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.gold.folds import CorpusFold, read_corpus_folds
from policykg.ir import EntityType, SourceDoc
from policykg.text.sources import read_batch

JUDGED_DIR = "judged"
COLUMNS = ("doc", "fold", "start", "end", "span", "context", "verdict")


@dataclass(frozen=True, slots=True)
class JudgedDoc:
    """One document's judged candidates of one type: raw (start, end) -> right or wrong."""

    source: SourceDoc
    fold: str
    label: str
    verdicts: dict[tuple[int, int], bool]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for number, row in enumerate(rows, start=2):
        missing = [c for c in COLUMNS if not row.get(c)]
        if missing or row["verdict"] not in ("Y", "N"):
            cols = ", ".join(COLUMNS)
            raise PolicyKGError(f"{path}: line {number}: fill {cols}; verdict Y or N")
    return rows


def _check(row: dict[str, str], doc: SourceDoc, path: Path) -> tuple[int, int]:
    start, end = int(row["start"]), int(row["end"])
    if doc.raw[start:end] != row["span"]:
        raise PolicyKGError(f"{path}: {row['doc']} [{start}, {end}) is not {row['span']!r}")
    return start, end


def _held_fold(row: dict[str, str], folds: list[CorpusFold]) -> dict[str, str]:
    """``row`` with the fold that holds its document, if a fold does (else the table's fold)."""
    stem = row["doc"].removesuffix(".txt")
    holders = [f.name for f in folds if stem in f.docs]
    return {**row, "fold": holders[0]} if holders else row


def outside_ranges(doc: JudgedDoc, scored: Callable[[int], bool]) -> JudgedDoc:
    """``doc`` without the verdicts that start where ``scored`` says its gold annotation is."""
    kept = {span: right for span, right in doc.verdicts.items() if not scored(span[0])}
    return JudgedDoc(doc.source, doc.fold, doc.label, kept)


def load_judged(root: Path, label: EntityType = EntityType.ENTERPRISE) -> list[JudgedDoc]:
    """The judged documents of ``root/judged`` (none when the folder is absent)."""
    folder = root / JUDGED_DIR
    table = folder / f"{label.value.lower()}-candidates.tsv"
    if not table.is_file():
        return []
    corpus = read_corpus_folds(root / "splits.toml")
    dev = {f.name: f for f in corpus if f.status == "dev"}
    rows = [_held_fold(row, corpus) for row in _rows(table)]
    sealed = sorted({r["fold"] for r in rows} - set(dev))
    if sealed:
        raise PolicyKGError(f"{table}: folds {', '.join(sealed)} are not dev folds")
    batch = read_batch(sorted({folder / "texts" / r["doc"] for r in rows}))
    if batch.failures:
        raise PolicyKGError(f"{batch.failures[0][0]}: {batch.failures[0][1]}")
    docs = {d.name: d for d in batch.docs}
    verdicts: dict[str, dict[tuple[int, int], bool]] = {}
    folds: dict[str, str] = {}
    for row in rows:
        span = _check(row, docs[row["doc"]], table)
        if docs[row["doc"]].meta.province not in dev[row["fold"]].provinces:
            raise PolicyKGError(f"{table}: {row['doc']} is not in fold {row['fold']}'s provinces")
        verdicts.setdefault(row["doc"], {})[span] = row["verdict"] == "Y"
        folds[row["doc"]] = row["fold"]
    return [
        JudgedDoc(docs[name], folds[name], label.value, verdicts[name]) for name in sorted(verdicts)
    ]
