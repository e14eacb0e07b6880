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

The table also learns from the annotated training folds: a string the gold marks as an
Abbreviation in at least ``MIN_ANNOTATED`` reports (产学研, 双招双引, 山水林田湖草沙, most of them
never quoted) is known too (``annotated_in``), with the same province rule, so a fold is never
proposed a term because its own gold, or its neighbours', marks it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from policykg.nlp.terms.finder import find_terms
from policykg.nlp.terms.shape import ABBREVIATION
from policykg.text.normalize import normalize

KNOWN_TERMS_PATH = Path(__file__).resolve().parents[1] / "model" / "known-terms.json"
MIN_DOCS = 5  # chosen on the dev folds, each scored without its own provinces' reports (EVAL.md)
MIN_ANNOTATED = 2  # reports whose gold marks the term: chosen on the dev folds (EVAL.md)
VERSION = "known-terms-2"


@dataclass(frozen=True, slots=True)
class Known:
    """The terms one extraction looks for bare: those other reports quote, and those only the
    gold of other reports marks (each found by its own proposer, judged by its own weights)."""

    quoted: frozenset[str] = frozenset()
    marked: frozenset[str] = frozenset()

    @property
    def every(self) -> frozenset[str]:
        return self.quoted | self.marked


@dataclass(frozen=True, slots=True)
class KnownTerms:
    """Each mined term with the background reports that quote it, and each report's province."""

    quoted_in: dict[str, frozenset[str]]  # term -> report stems
    provinces: dict[str, str]  # report stem -> province
    annotated_in: dict[str, frozenset[str]] = field(default_factory=dict)  # term -> gold reports

    def terms(
        self,
        without: frozenset[str] = frozenset(),
        min_docs: int = MIN_DOCS,
        min_annotated: int = MIN_ANNOTATED,
    ) -> frozenset[str]:
        """The terms quoted by at least ``min_docs`` reports, or marked by the gold of at least
        ``min_annotated``, counting only reports of provinces not in ``without``."""
        return self.view(without, min_docs, min_annotated).every

    def view(
        self,
        without: frozenset[str] = frozenset(),
        min_docs: int = MIN_DOCS,
        min_annotated: int = MIN_ANNOTATED,
    ) -> Known:
        """The terms of ``terms``, each as quoted (first) or only marked by the gold."""
        quoted = self._counted(self.quoted_in, without, min_docs)
        marked = self._counted(self.annotated_in, without, min_annotated) - quoted
        return Known(quoted, marked)

    def _counted(
        self, table: dict[str, frozenset[str]], without: frozenset[str], least: int
    ) -> frozenset[str]:
        return frozenset(
            term
            for term, stems in table.items()
            if sum(self.provinces.get(s, "") not in without for s in stems) >= least
        )

    def to_json(self) -> str:
        data = {
            "version": VERSION,
            "provinces": dict(sorted(self.provinces.items())),
            "quoted_in": {t: sorted(s) for t, s in sorted(self.quoted_in.items())},
            "annotated_in": {t: sorted(s) for t, s in sorted(self.annotated_in.items())},
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
        {str(t): frozenset(map(str, s)) for t, s in data.get("annotated_in", {}).items()},
    )


@lru_cache(maxsize=2)
def shipped_table(path: Path = KNOWN_TERMS_PATH) -> KnownTerms | None:
    """The shipped table, read once per process (None when no table ships)."""
    return read_known_terms(path) if path.is_file() else None


@lru_cache(maxsize=2)
def shipped_known_terms(path: Path = KNOWN_TERMS_PATH) -> Known:
    """The shipped terms quoted by at least ``MIN_DOCS`` reports or marked by the gold of
    ``MIN_ANNOTATED`` (none when no table ships)."""
    table = shipped_table(path)
    return table.view() if table else Known()
