"""The errors of one type on development folds: missed gold spans and wrong predictions, in context.

Each fold is extracted as ``policykg eval`` scores it: with the decision model trained without it
(and its kin) and the known terms of the other provinces, so the list is the errors behind its
score. Relation types (undertakes, leads, responsibleFor) are listed by ``relation_errors``.
Reading errors turns a fold into development data, so this refuses sealed folds.
"""

from __future__ import annotations

from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.gold.decider_models import decider_for
from policykg.gold.evaluate import Key
from policykg.gold.folds import read_corpus_folds
from policykg.gold.known_view import known_without
from policykg.gold.load import load_corpus_gold
from policykg.gold.relation_errors import doc_relation_errors
from policykg.gold.score import ALL_TYPES, RELATION_TYPES, span_keys
from policykg.gold.train_name_tagger import tagger_for
from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.text.sources import Batch


def _context(raw: str, start: int, end: int, width: int = 12) -> str:
    left = raw[max(0, start - width) : start].replace("\n", " ")
    right = raw[end : end + width].replace("\n", " ")
    return f"{left}[{raw[start:end]}]{right}"


def list_errors(root: Path, folds: set[str], kind: str, *, with_ner: bool = False) -> list[str]:
    """Lines ``FN|FP|BND doc context`` for the dev folds in ``folds``."""
    if kind not in ALL_TYPES + RELATION_TYPES:
        kinds = ", ".join(ALL_TYPES + RELATION_TYPES)
        raise PolicyKGError(f"unknown type {kind!r} for --errors: use one of {kinds}")
    chosen = [f for f in read_corpus_folds(root / "splits.toml") if f.name in folds]
    sealed = [f.name for f in chosen if f.status != "dev"]
    if sealed:
        raise PolicyKGError(f"folds {', '.join(sealed)} are sealed: their errors are not read")
    nlp = build_nlp(with_ner=with_ner)
    lines: list[str] = []
    for fold in chosen:  # each fold with the known terms of the other provinces, as eval runs
        docs = [d for d in load_corpus_gold(root, list(fold.docs)) if d.coverage]
        batch = Batch(tuple(d.source for d in docs), ())
        decider = decider_for(fold.name, root)
        known = known_without(fold.provinces)
        tagger = tagger_for(fold.name, root)
        extraction = extract_batch(batch, nlp=nlp, decider=decider, known=known, tagger=tagger)
        if kind in RELATION_TYPES:
            entities, relations = extraction.entities, extraction.relations
            lines += [x for d in docs for x in doc_relation_errors(d, entities, relations, kind)]
            continue
        predicted = span_keys(extraction.entities, (kind,))
        for doc in docs:
            name, raw = doc.source.name, doc.source.raw
            gold = {k for k in doc.spans if k[3] == kind}
            pred = {k for k in predicted if k[0] == name and doc.scored(k[1])}
            lines += _doc_lines(name, raw, gold, pred)
    return lines


def _doc_lines(name: str, raw: str, gold: set[Key], pred: set[Key]) -> list[str]:
    out = []
    for key in sorted(gold - pred, key=lambda k: k[1]):
        near = [p for p in pred if p[1] < key[2] and key[1] < p[2]]
        tag = "BND" if near else "FN "
        extra = f" (pred {raw[near[0][1] : near[0][2]]})" if near else ""
        out.append(f"{tag} {name} {_context(raw, key[1], key[2])}{extra}")
    for key in sorted(pred - gold, key=lambda k: k[1]):
        if not any(g[1] < key[2] and key[1] < g[2] for g in gold):
            out.append(f"FP  {name} {_context(raw, key[1], key[2])}")
    return out
