"""Score the statistical NER alone (no rules), on held-out documents: what the model adds.

The documents are normalised and cut into paragraphs exactly as for training; each predicted
entity is mapped back to raw offsets and scored like the full pipeline, restricted to the labels
the model predicts.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from policykg.gold.evaluate import Key, TypeScore, score_type
from policykg.gold.files import GoldDoc
from policykg.nlp.statistical.ner import ner_labels
from policykg.text.normalize import normalize


def ner_keys(nlp: Language, doc: GoldDoc) -> set[Key]:
    """The model's entities in one document, as raw-offset keys."""
    norm = normalize(doc.source.raw)
    paragraphs = [p for p in norm.paragraphs if p.end > p.start]
    texts = (norm.text[p.start : p.end] for p in paragraphs)
    keys: set[Key] = set()
    for paragraph, parsed in zip(paragraphs, nlp.pipe(texts), strict=True):
        for ent in parsed.ents:
            start, end = norm.raw_span(
                paragraph.start + ent.start_char, paragraph.start + ent.end_char
            )
            if doc.starts_inside(start):
                keys.add((doc.source.name, start, end, ent.label_))
    return keys


def score_ner(nlp: Language, docs: Sequence[GoldDoc]) -> tuple[TypeScore, ...]:
    """Per-label scores of the model alone over ``docs``."""
    labels = ner_labels(nlp)
    predicted: set[Key] = set()
    for doc in docs:
        predicted |= ner_keys(nlp, doc)
    gold = {(d.source.name, s.start, s.end, s.label) for d in docs for s in d.spans}
    return tuple(score_type(predicted, gold, label) for label in labels)
