"""The tables of ``policykg eval``: per fold and micro, strict and overlap, with 95 % intervals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policykg.gold.bootstrap import intervals
from policykg.gold.evaluate import Counts, GlossaryScore, TypeScore
from policykg.gold.run import FoldEval
from policykg.gold.score import RELATION_TYPES, DocCounts, sum_counts

HEADER = (
    "| fold | type | gold | pred | strict P | strict R | strict F1 (95% CI) "
    "| overlap P | overlap R | overlap F1 |\n|---|---|---|---|---|---|---|---|---|---|\n"
)


def groups(folds: Sequence[FoldEval]) -> list[tuple[str, list[FoldEval]]]:
    """Each fold, then the micro-averages: corpus (all held-out corpus folds), sealed, dev."""
    corpus = [f for f in folds if f.status != "seeds"]
    out: list[tuple[str, list[FoldEval]]] = [(f"{f.name} ({f.status})", [f]) for f in folds]
    for label, members in (
        ("micro: corpus folds", corpus),
        ("micro: sealed folds", [f for f in corpus if f.status == "sealed"]),
        ("micro: dev corpus folds", [f for f in corpus if f.status == "dev"]),
    ):
        if len(members) > 1:
            out.append((label, members))
    return out


def _types(members: list[FoldEval]) -> tuple[str, ...]:
    return tuple(t for t in members[0].types if all(t in f.types for f in members))


def _cell(value: float) -> str:
    return f"{value:.3f}"


def _row(label: str, kind: str, docs: list[DocCounts], relation: bool) -> str:
    item: TypeScore = sum_counts(docs, kind, relation)
    per_doc: list[Counts] = [(d.relations if relation else d.spans)[kind].strict for d in docs]
    ci = intervals(per_doc)["f1"]
    s, o = item.strict, item.overlap
    return (
        f"| {label} | {kind} | {s.gold} | {s.predicted} | {_cell(s.precision)} | {_cell(s.recall)} "
        f"| {_cell(s.f1)} ({ci.low:.2f}–{ci.high:.2f}) | {_cell(o.precision)} | {_cell(o.recall)} "
        f"| {_cell(o.f1)} |"
    )


def entity_table(folds: Sequence[FoldEval]) -> str:
    rows = []
    for label, members in groups(folds):
        docs = [d for f in members for d in f.docs]
        rows += [_row(label, t, docs, False) for t in _types(members)]
    return HEADER + "\n".join(rows) + "\n"


def relation_table(folds: Sequence[FoldEval]) -> str:
    rows = []
    for label, members in groups([f for f in folds if f.status != "seeds"]):
        docs = [d for f in members for d in f.docs]
        rows += [_row(label, t, docs, True) for t in RELATION_TYPES]
    return HEADER + "\n".join(rows) + "\n"


def glossary_table(folds: Sequence[FoldEval]) -> str:
    rows = [
        "| fold | document | entries | term found | definition exact | parts exact |",
        "|---|---|---|---|---|---|",
    ]
    total = GlossaryScore(0, 0, 0, 0, ())
    for fold in folds:
        for name, g in fold.glossaries:
            rows.append(
                f"| {fold.name} | {name} | {g.entries} | {g.found} | {g.definition_exact} "
                f"| {g.parts_exact} |"
            )
            total = GlossaryScore(
                total.entries + g.entries,
                total.found + g.found,
                total.definition_exact + g.definition_exact,
                total.parts_exact + g.parts_exact,
                (),
            )
    rows.append(
        f"| all | {sum(len(f.glossaries) for f in folds)} glossaries | {total.entries} "
        f"| {total.found} | {total.definition_exact} | {total.parts_exact} |"
    )
    return "\n".join(rows) + "\n"


def to_table(folds: Sequence[FoldEval]) -> str:
    lines = ["## Entities (strict: same document, start, end, type; CI over documents)", ""]
    lines.append(entity_table(folds))
    lines += ["## Relations (corpus folds)", "", relation_table(folds)]
    lines += ["## Glossaries", "", glossary_table(folds)]
    lines += ["## Folds", ""]
    lines += [
        f"- {f.name} ({f.status}, NER: {f.model}): {len(f.docs)} documents, {f.chars:,} "
        f"annotated characters; {len(f.glossaries)} glossaries"
        for f in folds
    ]
    return "\n".join(lines) + "\n"


def _counts_json(c: Counts) -> dict[str, Any]:
    return {
        "predicted": c.predicted,
        "gold": c.gold,
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
    }


def to_json(folds: Sequence[FoldEval]) -> dict[str, Any]:
    out: dict[str, Any] = {"groups": {}}
    for label, members in groups(folds):
        docs = [d for f in members for d in f.docs]
        entry: dict[str, Any] = {}
        for t in _types(members):
            item = sum_counts(docs, t)
            ci = intervals([d.spans[t].strict for d in docs])
            entry[t] = {
                "strict": _counts_json(item.strict),
                "overlap": _counts_json(item.overlap),
                "strict_f1_ci": [round(ci["f1"].low, 4), round(ci["f1"].high, 4)],
            }
        out["groups"][label] = entry
    return out
