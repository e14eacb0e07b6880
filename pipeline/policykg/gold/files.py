"""Read and check the gold annotations (``tests/data/gold``) and the cross-county split.

Formats are those of ``tests/data/GUIDELINE.md``: ``gold/<stem>.jsonl`` holds one span per line
(``start``, ``end``, ``label``, ``text`` with ``text == raw[start:end]``), and
``gold/<stem>.glossary.jsonl`` one glossary entry per line (``term``, ``definition``, ``parts``).
``splits.toml`` names the folds: the documents of one county each.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError
from policykg.ir import EntityType, SourceDoc
from policykg.paths import data_dir
from policykg.text.sources import read_batch

GOLD_LABELS = frozenset(t.value for t in EntityType if t is not EntityType.PLACE)


class GoldError(PolicyKGError):
    """A gold file or the split file is malformed: names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One annotated mention: raw code-point offsets, end exclusive."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class GlossaryGold:
    """One annotated glossary entry (附注 / 名词解释)."""

    term: str
    definition: str
    parts: tuple[str, ...]
    terms: tuple[str, ...] = ()  # when one entry defines several terms (房证同交、地证同交)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entry may be found under: the term, then each term it joins."""
        return (self.term, *self.terms)


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """An annotated document: its source, its spans and (if any) its glossary."""

    source: SourceDoc
    spans: tuple[GoldSpan, ...]
    glossary: tuple[GlossaryGold, ...] = ()
    coverage: tuple[tuple[int, int], ...] | None = None  # annotated raw ranges; None = all

    def covers(self, start: int, end: int) -> bool:
        """True when raw ``[start, end)`` lies inside the annotated part of the document."""
        if self.coverage is None:
            return True
        return any(lo <= start and end <= hi for lo, hi in self.coverage)

    def starts_inside(self, start: int) -> bool:
        """True when a prediction starting at ``start`` is in the annotated part (is scored)."""
        if self.coverage is None:
            return True
        return any(lo <= start < hi for lo, hi in self.coverage)


def default_gold_root() -> Path:
    """The folder holding ``gold/`` and ``splits.toml``."""
    return data_dir("tests") / "data"


def json_lines(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL gold file; a malformed line names the file and line."""
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(path, f"line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise GoldError(path, f"line {number}: not a JSON object")
        rows.append(row)
    return rows


def _span_from_row(path: Path, number: int, row: dict[str, Any], raw: str) -> GoldSpan:
    try:
        span = GoldSpan(int(row["start"]), int(row["end"]), str(row["label"]), str(row["text"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError(path, f"span {number}: needs start, end, label, text ({exc})") from exc
    if span.label not in GOLD_LABELS:
        raise GoldError(path, f"span {number}: unknown label {span.label!r}")
    if not 0 <= span.start < span.end <= len(raw):
        raise GoldError(path, f"span {number}: offsets {span.start}-{span.end} out of range")
    if raw[span.start : span.end] != span.text:
        found = raw[span.start : span.end]
        raise GoldError(path, f"span {number}: text {span.text!r} but raw has {found!r}")
    return span


def read_spans(path: Path, raw: str) -> tuple[GoldSpan, ...]:
    """The spans of one gold file, each checked against the raw text it annotates."""
    rows = json_lines(path)
    spans = [_span_from_row(path, n, row, raw) for n, row in enumerate(rows, start=1)]
    return tuple(sorted(set(spans), key=lambda s: (s.start, s.end, s.label)))


def read_glossary(path: Path) -> tuple[GlossaryGold, ...]:
    """The entries of a ``<stem>.glossary.jsonl`` file."""
    entries: list[GlossaryGold] = []
    for number, row in enumerate(json_lines(path), start=1):
        try:
            term, definition = str(row["term"]), str(row["definition"])
            parts = tuple(str(p) for p in row.get("parts", []))
            terms = tuple(str(t) for t in row.get("terms", []))
        except (KeyError, TypeError) as exc:
            raise GoldError(path, f"entry {number}: needs term, definition, parts") from exc
        entries.append(GlossaryGold(term, definition, parts, terms))
    return tuple(entries)


def read_splits(path: Path) -> dict[str, tuple[str, ...]]:
    """Fold name -> document stems; a document in two folds is an error."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
        folds = {name: tuple(str(s) for s in fold["docs"]) for name, fold in data["folds"].items()}
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise GoldError(path, f"cannot read the split ({exc})") from exc
    seen: dict[str, str] = {}
    for name, stems in folds.items():
        for stem in stems:
            if stem in seen:
                raise GoldError(path, f"{stem} is in folds {seen[stem]} and {name}")
            seen[stem] = name
    return folds


def read_coverage(path: Path) -> dict[str, tuple[tuple[int, int], ...]]:
    """Stem -> annotated raw ranges, for documents annotated only in part."""
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("coverage", {})
        coverage = {
            stem: tuple((int(lo), int(hi)) for lo, hi in ranges) for stem, ranges in table.items()
        }
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        raise GoldError(path, f"cannot read the coverage ranges ({exc})") from exc
    for stem, ranges in coverage.items():
        if any(lo >= hi for lo, hi in ranges):
            raise GoldError(path, f"coverage of {stem}: a range ends before it starts")
    return coverage


def fold_stems(folds: dict[str, tuple[str, ...]], fold: str) -> tuple[str, ...]:
    """The documents of ``fold``; ``all`` is every fold together."""
    if fold == "all":
        return tuple(stem for stems in folds.values() for stem in stems)
    if fold not in folds:
        raise GoldError("splits.toml", f"unknown fold {fold!r} (have {', '.join(folds)})")
    return folds[fold]


def other_fold(folds: dict[str, tuple[str, ...]], fold: str) -> str:
    """The fold a model must be trained on to measure ``fold`` honestly (two-fold split)."""
    others = [name for name in folds if name != fold]
    if fold not in folds or len(others) != 1:
        raise GoldError("splits.toml", f"fold {fold!r} has no single counterpart")
    return others[0]


def load_gold_docs(
    stems: tuple[str, ...], *, root: Path | None = None, seeds: Path | None = None
) -> tuple[GoldDoc, ...]:
    """The annotated documents among ``stems`` (a stem without a gold file is skipped)."""
    root = root or default_gold_root()
    gold_dir = root / "gold"
    splits = root / "splits.toml"
    coverage = read_coverage(splits) if splits.is_file() else {}
    seeds_dir = seeds or data_dir("seeds")
    wanted = [stem for stem in stems if (gold_dir / f"{stem}.jsonl").is_file()]
    missing = [stem for stem in wanted if not (seeds_dir / f"{stem}.txt").is_file()]
    if missing:
        raise GoldError(seeds_dir, f"no source text for gold documents {', '.join(missing)}")
    batch = read_batch([seeds_dir / f"{stem}.txt" for stem in wanted])
    if batch.failures:
        raise GoldError(batch.failures[0][0], batch.failures[0][1])
    docs: list[GoldDoc] = []
    for stem, source in zip(wanted, batch.docs, strict=True):
        spans = read_spans(gold_dir / f"{stem}.jsonl", source.raw)
        glossary_path = gold_dir / f"{stem}.glossary.jsonl"
        glossary = read_glossary(glossary_path) if glossary_path.is_file() else ()
        docs.append(GoldDoc(source, spans, glossary, coverage.get(stem)))
    return tuple(docs)
