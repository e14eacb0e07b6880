"""Policy terms the genre shares: abbreviations other reports quote, found where a report uses them.

National and provincial programmes travel from report to report (专精特新, 揭榜挂帅, 标准地,
十年禁渔, 医防融合): one report quotes and explains a term that the next one uses bare. A report's
own quoted terms are found by ``finder``; this module adds the terms that *other* reports of a
background corpus quote. ``mine_known_terms`` runs the term finder over the background reports and
keeps, for every string it reads as an Abbreviation, the reports that quote it; a term known from
at least ``MIN_DOCS`` reports is looked for in every document (``extract``: candidates of the
proposer ``known_term``, which the decision model judges like any other).

The shipped table (``model/known-terms.json``, written by ``policykg train --known-terms``) is
mined from the reports of the development corpus that no sealed fold holds, and records each
report's province, so that a fold of the evaluation can be scored with the terms of the *other*
provinces only (``KnownTerms.terms(without=…)``), as a report from an unseen province would be.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.nlp.terms.finder import find_terms
from policykg.nlp.terms.shape import ABBREVIATION
from policykg.text.normalize import normalize

KNOWN_TERMS_PATH = Path(__file__).resolve().parents[1] / "model" / "known-terms.json"
MIN_DOCS = 5  # chosen on the dev folds, each scored without its own provinces' reports (EVAL.md)
VERSION = "known-terms-1"


@dataclass(frozen=True, slots=True)
class KnownTerms:
    """Each mined term with the background reports that quote it, and each report's province."""

    quoted_in: dict[str, frozenset[str]]  # term -> report stems
    provinces: dict[str, str]  # report stem -> province

    def terms(
        self, without: frozenset[str] = frozenset(), min_docs: int = MIN_DOCS
    ) -> frozenset[str]:
        """The terms quoted by at least ``min_docs`` reports of provinces not in ``without``."""
        return frozenset(
            term
            for term, stems in self.quoted_in.items()
            if sum(self.provinces.get(s, "") not in without for s in stems) >= min_docs
        )

    def to_json(self) -> str:
        data = {
            "version": VERSION,
            "provinces": dict(sorted(self.provinces.items())),
            "quoted_in": {t: sorted(s) for t, s in sorted(self.quoted_in.items())},
        }
        return json.dumps(data, ensure_ascii=False, indent=0)


def mine_known_terms(reports: Iterable[tuple[str, str, str]]) -> KnownTerms:
    """``reports`` as ``(stem, province, raw text)``: the Abbreviations each report quotes."""
    quoted_in: dict[str, set[str]] = {}
    provinces: dict[str, str] = {}
    for stem, province, raw in reports:
        provinces[stem] = province
        for paragraph in normalize(raw).text.split("\n"):
            for start, end, label in find_terms(paragraph):
                if label == ABBREVIATION:
                    quoted_in.setdefault(paragraph[start:end], set()).add(stem)
    return KnownTerms({t: frozenset(s) for t, s in quoted_in.items() if len(s) > 1}, provinces)


def read_known_terms(path: Path) -> KnownTerms:
    data = json.loads(path.read_text("utf-8"))
    return KnownTerms(
        {str(t): frozenset(map(str, s)) for t, s in data["quoted_in"].items()},
        {str(k): str(v) for k, v in data["provinces"].items()},
    )


@lru_cache(maxsize=2)
def shipped_table(path: Path = KNOWN_TERMS_PATH) -> KnownTerms | None:
    """The shipped table, read once per process (None when no table ships)."""
    return read_known_terms(path) if path.is_file() else None


@lru_cache(maxsize=2)
def shipped_known_terms(path: Path = KNOWN_TERMS_PATH) -> frozenset[str]:
    """The shipped terms known from at least ``MIN_DOCS`` reports (none when no table ships)."""
    table = shipped_table(path)
    return table.terms() if table else frozenset()
