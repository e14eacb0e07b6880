"""``policykg gold stats``: what the annotated corpus holds, per fold, as Markdown for README."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from policykg.gold.corpus import GOLD_DIR, glossary_stems, load_sample
from policykg.gold.folds import read_corpus_folds
from policykg.gold.score import ALL_TYPES


def _annotator(root: Path, stem: str) -> str:
    head = (root / "annotation" / f"{stem}.ann").read_text("utf-8").splitlines()[0]
    return head.split("·")[-1].strip()


def stats_table(root: Path) -> str:
    docs = {d.stem: d for d in load_sample(root)}
    lines = [
        "| fold | status | document | province | level | characters | spans | "
        + " | ".join(ALL_TYPES)
        + " | undertakes | annotator |",
        "|---" * (9 + len(ALL_TYPES)) + "|",
    ]
    totals: Counter[str] = Counter()
    for fold in read_corpus_folds(root / "splits.toml"):
        for stem in fold.docs:
            doc = docs[stem]
            rows = (root / GOLD_DIR / f"{stem}.jsonl").read_text("utf-8").splitlines()
            labels = Counter(json.loads(r)["label"] for r in rows)
            rels = (root / GOLD_DIR / f"{stem}.relations.jsonl").read_text("utf-8").splitlines()
            chars = sum(hi - lo for lo, hi in doc.paragraphs.values())
            totals.update(labels)
            totals.update({"chars": chars, "spans": len(rows), "undertakes": len(rels), "docs": 1})
            level = doc.stratum.split("/")[0]
            lines.append(
                f"| {fold.name} | {fold.status} | {stem} | {doc.province} | {level} | {chars:,} "
                f"| {len(rows)} | "
                + " | ".join(str(labels[t]) for t in ALL_TYPES)
                + f" | {len(rels)} | {_annotator(root, stem)} |"
            )
    provinces = len({d.province for d in docs.values()})
    lines.append(
        f"| all | | {totals['docs']} documents | {provinces} provinces | | {totals['chars']:,} "
        f"| {totals['spans']} | "
        + " | ".join(str(totals[t]) for t in ALL_TYPES)
        + f" | {totals['undertakes']} | |"
    )
    glossaries = glossary_stems(root)
    entries = sum(
        len((root / GOLD_DIR / f"{s}.glossary.jsonl").read_text("utf-8").splitlines())
        for s in glossaries
    )
    lines.append("")
    lines.append(f"Glossaries: {len(glossaries)} documents, {entries} entries.")
    return "\n".join(lines) + "\n"
