"""The terms other reports quote (or the gold of other reports marks), as a fold of the
evaluation may see them.

A fold stands for reports of unseen provinces: it is extracted, and its decision model trained,
with the shipped table of known terms (``policykg.nlp.terms.known``) minus every report of its own
provinces, so that no term reaches a fold only because its own reports (or its neighbours') quote
it or mark it in their gold. Sealed folds' reports and gold are never in the table (``policykg
train --known-terms`` mines the reports no sealed fold holds and the gold of the dev folds).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.gold.corpus import load_sample
from policykg.gold.files import default_gold_root
from policykg.gold.folds import read_corpus_folds
from policykg.gold.load import CorpusGoldDoc, load_corpus_gold
from policykg.graph.atomic import write_text
from policykg.nlp.terms.known import (
    KNOWN_TERMS_PATH,
    Known,
    KnownTerms,
    mine_known_terms,
    shipped_known_terms,
    shipped_table,
)
from policykg.nlp.terms.shape import ABBREVIATION
from policykg.text.normalize import normalize

_FOLDERS = ("cities-2024", "baoding-counties")


def known_without(provinces: Iterable[str]) -> Known:
    """The shipped known terms, counting no report of ``provinces``."""
    table = shipped_table()
    return table.view(without=frozenset(provinces)) if table else Known()


def _background(corpus: Path, sealed: set[str]) -> Iterator[tuple[str, str, str]]:
    """``(stem, province, raw)`` of every report of ``corpus`` that no sealed fold holds."""
    for folder in _FOLDERS:
        manifest = corpus / folder / "manifest.toml"
        if not manifest.is_file():
            raise PolicyKGError(f"{manifest}: no manifest (is {corpus} the development corpus?)")
        for entry in tomllib.loads(manifest.read_text("utf-8"))["document"]:
            stem = Path(str(entry["file"])).stem
            if stem not in sealed:
                raw = (corpus / folder / str(entry["file"])).read_text("utf-8")
                yield stem, str(entry.get("province", "")), raw


def annotated_terms(docs: Iterable[CorpusGoldDoc]) -> dict[str, frozenset[str]]:
    """Each string the gold of ``docs`` marks as an Abbreviation (normalised as extraction reads
    it), with the reports that mark it."""
    found: dict[str, set[str]] = {}
    for doc in docs:
        stem = Path(doc.source.name).stem
        for _name, start, end, label in doc.spans:
            if label == ABBREVIATION:
                term = normalize(doc.source.raw[start:end]).text
                found.setdefault(term, set()).add(stem)
    return {term: frozenset(stems) for term, stems in found.items()}


def write_known_terms(
    corpus: Path, root: Path | None = None, out: Path | None = None
) -> tuple[Path, KnownTerms]:
    """Mine the known terms from ``corpus`` without the sealed folds' reports; write them."""
    root = root or default_gold_root()
    folds = read_corpus_folds(root / "splits.toml")
    sealed = {stem for fold in folds if fold.status != "dev" for stem in fold.docs}
    mined = mine_known_terms(_background(corpus, sealed))
    dev = [stem for fold in folds if fold.status == "dev" for stem in fold.docs]
    gold = load_corpus_gold(root, dev)
    drawn = {d.stem: d.province for d in load_sample(root) if d.stem in dev}
    table = KnownTerms(mined.quoted_in, {**drawn, **mined.provinces}, annotated_terms(gold))
    path = out or KNOWN_TERMS_PATH
    write_text(path, table.to_json() + "\n")
    if path == KNOWN_TERMS_PATH:
        shipped_table.cache_clear()
        shipped_known_terms.cache_clear()
    return path, table
