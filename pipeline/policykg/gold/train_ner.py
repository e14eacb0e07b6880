"""Train the statistical NER on gold spans: reproducible, CPU, sentences as examples.

The gold spans (raw offsets) are moved onto the *normalised* text the pipeline actually feeds to
spaCy, cut into paragraphs and sentences (part of the entity-free ones kept, enterprise sentences
augmented by renaming), and a fresh ``ner`` built from ``ner_config.cfg`` is trained for a fixed
number of epochs with a fixed seed (no early stopping on held-out data, which would leak it).
Nested spans keep the longest; a span crossing a paragraph break is dropped and counted.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import tempfile
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_config, minibatch

from policykg.gold.files import GoldDoc
from policykg.gold.ner_augment import augment
from policykg.gold.ner_sentences import split_sentences, thin_negatives
from policykg.ir import EntityType
from policykg.text.normalize import normalize

logger = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).resolve().parent / "ner_config.cfg"
# Enterprise only: measured in the full pipeline (EVAL.md), GovernmentBody and Park predictions
# of the NER added false positives and nothing the rules had not found.
NER_LABELS: tuple[str, ...] = (EntityType.ENTERPRISE.value,)
LocalSpan = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class TrainSettings:
    """Everything that decides the trained weights."""

    labels: tuple[str, ...] = NER_LABELS
    config: Path = CONFIG_PATH
    epochs: int = 12
    seed: int = 0
    dropout: float = 0.2
    augment_copies: int = 2  # renamed copies of each sentence naming an enterprise
    negative_share: float = 1.0  # share of sentences without any entity kept for training
    init_tok2vec: Path | None = None  # inner Tok2Vec from `spacy pretrain` (EVAL.md)


@dataclass(slots=True)
class TrainReport:
    """What one training run saw and did."""

    sentences: int = 0
    augmented: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    dropped: int = 0
    losses: list[float] = field(default_factory=list)
    seconds: float = 0.0
    size_bytes: int = 0


def _non_overlapping(spans: Sequence[LocalSpan]) -> list[LocalSpan]:
    """Longest first, then earliest; drop any span overlapping one already kept."""
    kept: list[LocalSpan] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        chars = set(range(span[0], span[1]))
        if chars.isdisjoint(taken):
            kept.append(span)
            taken |= chars
    return sorted(kept)


def paragraph_examples(
    doc: GoldDoc, labels: Sequence[str]
) -> tuple[list[tuple[str, list[LocalSpan]]], int]:
    """(paragraph text, local spans) of each annotated, non-repeated paragraph; dropped count."""
    norm = normalize(doc.source.raw)
    to_raw = list(norm.to_raw)
    by_paragraph: dict[int, list[LocalSpan]] = {}
    starts = [p.start for p in norm.paragraphs]
    dropped = 0
    for span in doc.spans:
        if span.label not in labels:
            continue
        start, end = bisect_left(to_raw, span.start), bisect_left(to_raw, span.end)
        index = max(0, bisect_left(starts, start + 1) - 1)
        paragraph = norm.paragraphs[index]
        if start >= end or end > paragraph.end:
            dropped += 1
            continue
        local = (start - paragraph.start, end - paragraph.start, span.label)
        by_paragraph.setdefault(index, []).append(local)
    examples = [
        (norm.text[p.start : p.end], _non_overlapping(by_paragraph.get(i, [])))
        for i, p in enumerate(norm.paragraphs)
        if p.repeat_of is None and p.end > p.start and doc.covers(*norm.raw_span(p.start, p.end))
    ]
    return examples, dropped


def blank_ner(labels: Sequence[str], config: Path = CONFIG_PATH) -> Language:
    """A fresh, untrained minimal pipeline (tokenizer + ner) from ``ner_config.cfg``."""
    nlp = spacy.util.load_model_from_config(load_config(config), auto_fill=True)
    ner = nlp.get_pipe("ner")
    for label in labels:
        ner.add_label(label)  # type: ignore[attr-defined]
    return nlp


def to_examples(nlp: Language, texts: Sequence[tuple[str, list[LocalSpan]]]) -> list[Example]:
    """spaCy training examples; char tokens make every span align exactly."""
    examples: list[Example] = []
    for text, spans in texts:
        doc = nlp.make_doc(text)
        entities = [
            s
            for s in spans
            if doc.char_span(s[0], s[1], label=s[2], alignment_mode="strict") is not None
        ]
        examples.append(Example.from_dict(doc, {"entities": entities}))
    return examples


def train_ner(
    docs: Sequence[GoldDoc], out: Path, settings: TrainSettings | None = None
) -> TrainReport:
    """Train on ``docs``' gold spans and save the minimal pipeline to ``out`` (atomically)."""
    settings = settings or TrainSettings()
    report = TrainReport()
    began = time.perf_counter()
    fix_random_seed(settings.seed)
    texts: list[tuple[str, list[LocalSpan]]] = []
    for doc in docs:
        doc_texts, dropped = paragraph_examples(doc, settings.labels)
        texts.extend(doc_texts)
        report.dropped += dropped
    sentences = [sentence for text in texts for sentence in split_sentences(text)]
    texts = thin_negatives(sentences, settings.negative_share, settings.seed)
    extra = augment(texts, settings.augment_copies, settings.seed)
    report.augmented = len(extra)
    nlp = blank_ner(settings.labels, settings.config)
    examples = to_examples(nlp, texts)
    report.sentences = len(examples)
    report.entities = Counter(e.label_ for ex in examples for e in ex.reference.ents)
    examples += to_examples(nlp, extra)
    _fit(nlp, examples, settings, report)
    report.seconds = time.perf_counter() - began
    report.size_bytes = save_atomically(nlp, out)
    return report


def _fit(
    nlp: Language, examples: list[Example], settings: TrainSettings, report: TrainReport
) -> None:
    optimizer = nlp.initialize(lambda: examples)
    if settings.init_tok2vec is not None:
        load_tok2vec(nlp, settings.init_tok2vec)
    shuffler = random.Random(settings.seed)
    order = list(examples)
    for epoch in range(settings.epochs):
        shuffler.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=settings.dropout, sgd=optimizer, losses=losses)
        report.losses.append(round(float(losses.get("ner", 0.0)), 3))
        logger.info("epoch %d/%d: ner loss %.1f", epoch + 1, settings.epochs, losses.get("ner", 0))


def load_tok2vec(nlp: Language, weights: Path) -> None:
    """Start the NER's character tok2vec from pretrained weights (``spacy pretrain`` output).

    The parser's ``tok2vec`` ref is Tok2Vec >> list2array >> Linear; pretraining trains and saves
    the inner Tok2Vec (embed + encode of ``ner_config.cfg``), so that is what is loaded.
    """
    tok2vec = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]  # type: ignore[attr-defined]
    tok2vec.from_bytes(weights.read_bytes())


def save_atomically(nlp: Language, out: Path) -> int:
    """Write the pipeline to a temporary folder beside ``out``, then swap it in; total bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    nlp.to_disk(staging)
    staging.chmod(0o755)
    size = sum(p.stat().st_size for p in staging.rglob("*") if p.is_file())
    old = out.with_name(f".{out.name}-old")
    if out.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
    return size
