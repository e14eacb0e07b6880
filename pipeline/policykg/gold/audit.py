"""A corpus audit: the entities of each type named in the most documents, ready to be judged.

``policykg eval --audit DIR --out OUT`` extracts every document under DIR (each folder with its
manifest), and writes ``OUT/<Type>.tsv``: rank, label, documents, mentions, one source document
and sentence, and an empty ``verdict`` column for a person to fill in (y = a real entity of that
type under the guideline, n = not). Judged lists live in ``tests/data/audit/``; ``precision``
reads them back.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from policykg.graph.atomic import write_text
from policykg.ir import Entity, EntityType
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.text.sources import read_batch

AUDITED = (
    EntityType.ENTERPRISE,
    EntityType.PROJECT,
    EntityType.ABBREVIATION,
    EntityType.SLOGAN,
    EntityType.PARK,
    EntityType.GOVERNMENT_BODY,
    EntityType.PLACE,
)
COLUMNS = ("rank", "label", "documents", "mentions", "document", "sentence", "verdict", "note")


def _folders(root: Path) -> list[Path]:
    return sorted({p.parent for p in root.rglob("*.txt")})


def _row(rank: int, entity: Entity) -> list[str]:
    docs = {m.span.doc for m in entity.mentions}
    first = min(entity.mentions, key=lambda m: (m.span.doc, m.span.start))
    sentence = (first.sentence.text if first.sentence else first.span.text).replace("\n", " ")
    return [
        str(rank),
        entity.label,
        str(len(docs)),
        str(len(entity.mentions)),
        first.span.doc,
        sentence,
        "",
        "",
    ]


def top_entities(entities: tuple[Entity, ...], kind: EntityType, top: int) -> list[Entity]:
    """The ``top`` entities of ``kind`` by documents naming them, then mentions, then label."""
    chosen = [e for e in entities if e.type is kind]
    chosen.sort(key=lambda e: (-len({m.span.doc for m in e.mentions}), -len(e.mentions), e.label))
    return chosen[:top]


def write_audit(root: Path, out: Path, *, top: int = 100, with_ner: bool = False) -> list[Path]:
    """Extract the documents under ``root`` and write one TSV per audited type into ``out``."""
    batch = read_batch(_folders(root))
    extraction = extract_batch(batch, nlp=build_nlp(with_ner=with_ner))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in AUDITED:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for rank, entity in enumerate(top_entities(extraction.entities, kind, top), start=1):
            writer.writerow(_row(rank, entity))
        path = out / f"{kind.value}.tsv"
        write_text(path, buffer.getvalue())
        written.append(path)
    return written


def precision(path: Path) -> tuple[int, int]:
    """(judged y, judged) of a judged audit list."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    judged = [r for r in rows if r["verdict"].strip() in {"y", "n"}]
    return sum(r["verdict"].strip() == "y" for r in judged), len(judged)


def carry_verdicts(new: Path, judged: Path) -> int:
    """Copy the verdicts of ``judged`` into ``new`` by label (a re-run of the audit keeps the
    judgements of the names it lists again); returns how many rows are still unjudged."""
    with judged.open(encoding="utf-8", newline="") as handle:
        known = {r["label"]: r for r in csv.DictReader(handle, delimiter="\t")}
    with new.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    unjudged = 0
    for row in rows:
        old = known.get(row["label"])
        if old and old["verdict"].strip() in {"y", "n"}:
            row["verdict"], row["note"] = old["verdict"], old["note"]
        else:
            unjudged += 1
        writer.writerow(row)
    write_text(new, buffer.getvalue())
    return unjudged
