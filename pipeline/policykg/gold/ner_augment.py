"""Mention replacement: extra training paragraphs where enterprise names are swapped for new ones.

With a few dozen annotated enterprises the NER would otherwise memorise their characters. Each
augmented copy of a paragraph replaces every Enterprise span by a made-up name: a new head
(two characters drawn from the heads of the training names, or from any character of the
training text) joined to the tail of a training name (its characters after the head, e.g. an
industry word or a legal suffix). The model thus has to rely on the context and the shape of
the name, which is what carries over to unseen documents. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

LocalSpan = tuple[int, int, str]
Paragraph = tuple[str, list[LocalSpan]]
ENTERPRISE = "Enterprise"
HEAD_LEN = 2
MAX_TRIES = 20
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _enterprise_names(paragraphs: Sequence[Paragraph]) -> list[str]:
    return [
        re.sub(r"\s+", "", text[s:e])
        for text, spans in paragraphs
        for s, e, label in spans
        if label == ENTERPRISE
    ]


@dataclass(frozen=True, slots=True)
class NamePools:
    """What made-up names are built from, all taken from the training paragraphs."""

    head_chars: tuple[str, ...]  # characters of the heads of training names
    tails: tuple[str, ...]  # what follows the head: industry words, legal suffixes
    every_char: tuple[str, ...]  # every Han character of the training text
    known_heads: frozenset[str]  # heads of training names, never reused whole


def name_pools(paragraphs: Sequence[Paragraph]) -> NamePools:
    """The pools of the training paragraphs (sorted, so the result does not depend on order)."""
    names = [n for n in _enterprise_names(paragraphs) if len(n) > HEAD_LEN]
    return NamePools(
        tuple(sorted({ch for n in names for ch in n[:HEAD_LEN] if _HAN.match(ch)})),
        tuple(sorted({n[HEAD_LEN:] for n in names})),
        tuple(sorted({ch for text, _ in paragraphs for ch in _HAN.findall(text)})),
        frozenset(n[:HEAD_LEN] for n in names),
    )


def _new_name(rng: random.Random, pools: NamePools) -> str:
    """A made-up name whose head is not the head of a training name (a few tries)."""
    head = ""
    for _ in range(MAX_TRIES):
        source = pools.head_chars if pools.head_chars and rng.random() < 0.5 else pools.every_char
        head = "".join(rng.choice(source) for _ in range(HEAD_LEN))
        if head not in pools.known_heads:
            break
    return head + rng.choice(pools.tails)


def replace_enterprises(paragraph: Paragraph, rng: random.Random, pools: NamePools) -> Paragraph:
    """A copy of ``paragraph`` with every Enterprise span renamed and all offsets shifted."""
    text, spans = paragraph
    pieces: list[str] = []
    shifted: list[LocalSpan] = []
    cursor = offset = 0
    for start, end, label in sorted(spans):
        pieces.append(text[cursor:start])
        name = _new_name(rng, pools) if label == ENTERPRISE else text[start:end]
        shifted.append((start + offset, start + offset + len(name), label))
        pieces.append(name)
        offset += len(name) - (end - start)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), shifted


def augment(paragraphs: Sequence[Paragraph], copies: int, seed: int) -> list[Paragraph]:
    """``copies`` renamed versions of every paragraph that names an enterprise."""
    pools = name_pools(paragraphs)
    if copies <= 0 or not pools.tails:
        return []
    rng = random.Random(seed)
    return [
        replace_enterprises(paragraph, rng, pools)
        for paragraph in paragraphs
        if any(label == ENTERPRISE for _, _, label in paragraph[1])
        for _ in range(copies)
    ]
