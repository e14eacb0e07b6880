"""Agreement between two independent annotation passes: span F1 per type, on shared paragraphs.

F1 between passes is symmetric (pass 1 as reference or pass 2 gives the same figure). Only the
paragraphs both passes cover are compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policykg.gold.annfile import Compiled, Span
from policykg.gold.corpus import DrawnDoc, compile_doc, load_sample
from policykg.gold.score import ALL_TYPES, RELATION_TYPES


@dataclass(frozen=True, slots=True)
class Agreement:
    docs: tuple[str, ...]
    chars: int
    both: Counter[str]  # spans (or relations) marked identically by both passes, per type
    first: Counter[str]
    second: Counter[str]

    def f1(self, kind: str) -> float:
        total = self.first[kind] + self.second[kind]
        return 2 * self.both[kind] / total if total else 0.0


def _inside(spans: tuple[Span, ...], ranges: list[tuple[int, int]]) -> set[tuple[int, int, str]]:
    return {
        (s.start, s.end, s.label) for s in spans if any(lo <= s.start < hi for lo, hi in ranges)
    }


def _relations(c: Compiled, ranges: list[tuple[int, int]]) -> set[tuple[str, int, int, int, int]]:
    return {
        (r.type, r.subject.start, r.subject.end, r.object.start, r.object.end)
        for r in c.relations
        if any(lo <= r.object.start < hi for lo, hi in ranges)
    }


@dataclass(frozen=True, slots=True)
class Passes:
    """Both passes of one document, and the drawn paragraphs both cover."""

    doc: DrawnDoc
    first: Compiled
    second: Compiled
    shared: tuple[int, ...]


def both_passes(root: Path) -> Iterator[Passes]:
    """Every document with a second pass (``annotation/pass2/``) and a first one."""
    docs = {d.stem: d for d in load_sample(root)}
    for path in sorted((root / "annotation" / "pass2").glob("*.ann")):
        one = root / "annotation" / path.name
        if path.stem not in docs or not one.is_file():
            continue
        doc = docs[path.stem]
        a, b = compile_doc(root, doc, one), compile_doc(root, doc, path)
        yield Passes(doc, a, b, tuple(sorted(set(a.covered) & set(b.covered))))


def _count(
    both: Counter[str],
    first: Counter[str],
    second: Counter[str],
    x: set[Any],
    y: set[Any],
    kind: str,
) -> None:
    both[kind] += len(x & y)
    first[kind] += len(x)
    second[kind] += len(y)


def measure(root: Path) -> Agreement:
    """Compare ``annotation/pass2/<stem>.ann`` with ``annotation/<stem>.ann`` for every stem."""
    names, chars = [], 0
    both: Counter[str] = Counter()
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    for passes in both_passes(root):
        ranges = [passes.doc.paragraphs[i] for i in passes.shared]
        names.append(passes.doc.stem)
        chars += sum(hi - lo for lo, hi in ranges)
        sa, sb = _inside(passes.first.spans, ranges), _inside(passes.second.spans, ranges)
        for kind in ALL_TYPES:
            x = {s for s in sa if s[2] == kind}
            _count(both, first, second, x, {s for s in sb if s[2] == kind}, kind)
        ra, rb = _relations(passes.first, ranges), _relations(passes.second, ranges)
        for kind in RELATION_TYPES:
            rx = {r for r in ra if r[0] == kind}
            _count(both, first, second, rx, {r for r in rb if r[0] == kind}, kind)
    return Agreement(tuple(names), chars, both, first, second)


def to_table(agreement: Agreement) -> str:
    rows = ["| type | pass 1 | pass 2 | both | span F1 |", "|---|---|---|---|---|"]
    for kind in (*ALL_TYPES, *RELATION_TYPES):
        rows.append(
            f"| {kind} | {agreement.first[kind]} | {agreement.second[kind]} "
            f"| {agreement.both[kind]} | {agreement.f1(kind):.3f} |"
        )
    spans = [k for k in ALL_TYPES]
    b = sum(agreement.both[k] for k in spans)
    t = sum(agreement.first[k] + agreement.second[k] for k in spans)
    rows.append(f"| all entity types | | | {b} | {2 * b / t if t else 0:.3f} |")
    head = f"{len(agreement.docs)} documents, {agreement.chars:,} characters compared: {', '.join(agreement.docs)}\n\n"
    return head + "\n".join(rows) + "\n"


def differences(root: Path) -> list[str]:
    """Spans only one pass marked, per document: ``doc pN <pass> <type> text`` (to settle)."""
    lines: list[str] = []
    for passes in both_passes(root):
        a, b, stem = passes.first, passes.second, passes.doc.stem
        texts = {(s.start, s.end, s.label): s.text for s in (*a.spans, *b.spans)}
        for index in passes.shared:
            rng = [passes.doc.paragraphs[index]]
            sa, sb = _inside(a.spans, rng), _inside(b.spans, rng)
            lines += [f"{stem} p{index} pass1-only {k[2]} {texts[k]}" for k in sorted(sa - sb)]
            lines += [f"{stem} p{index} pass2-only {k[2]} {texts[k]}" for k in sorted(sb - sa)]
    return lines
