"""Per-document counts of spans and relations, so that folds can be summed and resampled.

Spans: strict (same document, start, end, type) and overlap (same document and type, any
overlap), as ``policykg.gold.evaluate``, here for all seven types (Place included). Relations: a
predicted relation is read at each of its evidence sentences as the pairs (subject mention,
object mention) inside that sentence; it matches a gold relation of the same type strictly when
one pair has the gold subject's and object's exact offsets, by overlap when both spans overlap.
Only predictions that start inside the annotated ranges are scored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from policykg.gold.evaluate import Counts, Key, TypeScore, score_type
from policykg.ir import Entity, EntityType, Relation, TextSpan

ALL_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType)
RELATION_TYPES: tuple[str, ...] = ("undertakes", "leads", "responsibleFor")

# (doc, type, subject start, subject end, object start, object end)
RelKey = tuple[str, str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class DocCounts:
    """One document's counts per type (spans) and per relation type."""

    doc: str
    spans: dict[str, TypeScore]
    relations: dict[str, TypeScore]


def span_keys(entities: Iterable[Entity], types: Sequence[str] = ALL_TYPES) -> set[Key]:
    return {
        (m.span.doc, m.span.start, m.span.end, e.type.value)
        for e in entities
        if e.type.value in types
        for m in e.mentions
    }


def _inside(entity: Entity, ev: TextSpan) -> list[TextSpan]:
    """The mentions of ``entity`` that start inside the evidence span ``ev``."""
    return [
        m.span
        for m in entity.mentions
        if m.span.doc == ev.doc and ev.start <= m.span.start < ev.end
    ]


def _pairs(relation: Relation, by_id: dict[str, Entity]) -> list[list[RelKey]]:
    """For each evidence sentence, the (subject, object) mention pairs inside it."""
    subject, obj = by_id.get(relation.subject), by_id.get(relation.object)
    if subject is None or obj is None:
        return []
    return [
        [
            (ev.doc, relation.type.value, s.start, s.end, o.start, o.end)
            for s in _inside(subject, ev)
            for o in _inside(obj, ev)
        ]
        for ev in relation.evidence
    ]


def rel_match(pred: RelKey, gold: RelKey, strict: bool) -> bool:
    """Whether a predicted pair matches a gold relation: the same type and exact offsets
    (``strict``), or both spans overlapping."""
    if pred[:2] != gold[:2]:
        return False
    if strict:
        return pred[2:] == gold[2:]
    return pred[2] < gold[3] and gold[2] < pred[3] and pred[4] < gold[5] and gold[4] < pred[5]


def relation_pairs(entities: Sequence[Entity], relations: Sequence[Relation]) -> list[list[RelKey]]:
    """Every predicted relation as its evidence sentences' (subject, object) mention pairs."""
    by_id = {e.id: e for e in entities}
    return [group for relation in relations for group in _pairs(relation, by_id)]


def relation_scores(predicted: list[list[RelKey]], gold: set[RelKey], kind: str) -> TypeScore:
    """Counts of one relation type; each predicted evidence sentence is one prediction."""
    preds = [p for p in predicted if p and p[0][1] == kind]
    ref = {g for g in gold if g[1] == kind}

    def counts(strict: bool) -> Counts:
        hit_p = sum(any(rel_match(k, g, strict) for k in p for g in ref) for p in preds)
        hit_g = sum(any(rel_match(k, g, strict) for p in preds for k in p) for g in ref)
        return Counts(len(preds), len(ref), hit_p, hit_g)

    return TypeScore(kind, counts(True), counts(False))


def doc_counts(
    doc: str,
    entities: Sequence[Entity],
    relations: Sequence[Relation],
    gold_spans: set[Key],
    gold_relations: set[RelKey],
    scored: Callable[[int], bool],
) -> DocCounts:
    """Counts of one document; ``scored(start)`` tells whether a prediction there is scored."""
    pred = {k for k in span_keys(entities) if k[0] == doc and scored(k[1])}
    spans = {t: score_type(pred, gold_spans, t) for t in ALL_TYPES}
    pairs: list[list[RelKey]] = []
    for group in relation_pairs(entities, relations):
        kept = [k for k in group if k[0] == doc and scored(min(k[2], k[4]))]
        if kept:
            pairs.append(kept)
    rels = {t: relation_scores(pairs, gold_relations, t) for t in RELATION_TYPES}
    return DocCounts(doc, spans, rels)


def sum_counts(docs: Iterable[DocCounts], kind: str, relation: bool = False) -> TypeScore:
    strict, overlap = Counts(), Counts()
    for d in docs:
        item = (d.relations if relation else d.spans)[kind]
        strict, overlap = strict + item.strict, overlap + item.overlap
    return TypeScore(kind, strict, overlap)
