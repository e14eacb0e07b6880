"""The errors of one relation type on development folds, in context.

A gold relation is a miss (``FN``) when no predicted pair matches it exactly, shown with its
subject in [brackets] and its object in {braces}; ``BND`` when a predicted pair overlaps both
(the predicted pair follows). A predicted pair (one evidence sentence of a predicted relation,
as ``gold.score`` reads it) that matches no gold relation is a wrong find (``FP``); overlapping
pairs are left to the ``BND`` line of the gold they overlap.
"""

from __future__ import annotations

from policykg.gold.load import CorpusGoldDoc
from policykg.gold.score import RelKey, rel_match, relation_pairs
from policykg.ir import Entity, Relation

_WIDTH = 12


def _marked(raw: str, key: RelKey) -> str:
    """The text around a pair, subject in [ ] and object in { }."""
    s0, s1, o0, o1 = key[2:]
    marks = sorted([(s0, "["), (s1, "]"), (o0, "{"), (o1, "}")], key=lambda m: (m[0], m[1] in "]}"))
    lo, hi = max(0, min(s0, o0) - _WIDTH), max(s1, o1) + _WIDTH
    out, pos = [], lo
    for at, mark in marks:
        out += [raw[pos:at], mark]
        pos = at
    out.append(raw[pos:hi])
    return "".join(out).replace("\n", " ")


def _pair_text(raw: str, key: RelKey) -> str:
    return f"{raw[key[2] : key[3]]} → {raw[key[4] : key[5]]}"


def doc_relation_errors(
    doc: CorpusGoldDoc, entities: tuple[Entity, ...], relations: tuple[Relation, ...], kind: str
) -> list[str]:
    """Lines ``FN|BND|FP doc context`` of relation type ``kind`` in one annotated document."""
    name, raw = doc.source.name, doc.source.raw
    gold = sorted(g for g in doc.relations if g[1] == kind)
    pairs = [
        [k for k in group if k[0] == name and doc.scored(min(k[2], k[4]))]
        for group in relation_pairs(entities, relations)
    ]
    pred = [k for group in pairs for k in group if k[1] == kind]
    lines: list[str] = []
    for g in gold:
        if any(rel_match(k, g, strict=True) for k in pred):
            continue
        near = [k for k in pred if rel_match(k, g, strict=False)]
        tag = "BND" if near else "FN "
        extra = f" (pred {_pair_text(raw, near[0])})" if near else ""
        lines.append(f"{tag} {name} {_marked(raw, g)}{extra}")
    for k in sorted(set(pred)):
        if not any(rel_match(k, g, strict=False) for g in gold):
            lines.append(f"FP  {name} {_marked(raw, k)}")
    return lines
