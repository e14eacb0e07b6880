"""The terms other reports quote, as a fold of the evaluation may see them.

A fold stands for reports of unseen provinces: it is extracted, and its decision model trained,
with the shipped table of known terms (``policykg.nlp.terms.known``) minus every report of its own
provinces, so that no term reaches a fold only because its own reports (or its neighbours') quote
it. Sealed folds' reports are never in the table (``policykg train --known-terms`` leaves them out).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.gold.files import default_gold_root
from policykg.gold.folds import read_corpus_folds
from policykg.graph.atomic import write_text
from policykg.nlp.terms.known import (
    KNOWN_TERMS_PATH,
    KnownTerms,
    mine_known_terms,
    shipped_known_terms,
    shipped_table,
)

_FOLDERS = ("cities-2024", "baoding-counties")


def known_without(provinces: Iterable[str]) -> frozenset[str]:
    """The shipped known terms, counting no report of ``provinces``."""
    table = shipped_table()
    return table.terms(without=frozenset(provinces)) if table else frozenset()


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


def write_known_terms(
    corpus: Path, root: Path | None = None, out: Path | None = None
) -> tuple[Path, KnownTerms]:
    """Mine the known terms from ``corpus`` without the sealed folds' reports; write them."""
    folds = read_corpus_folds((root or default_gold_root()) / "splits.toml")
    sealed = {stem for fold in folds if fold.status != "dev" for stem in fold.docs}
    table = mine_known_terms(_background(corpus, sealed))
    path = out or KNOWN_TERMS_PATH
    write_text(path, table.to_json() + "\n")
    if path == KNOWN_TERMS_PATH:
        shipped_table.cache_clear()
        shipped_known_terms.cache_clear()
    return path, table
