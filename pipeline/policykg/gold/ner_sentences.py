"""Cut training paragraphs into sentences and thin out the sentences that name nothing.

The NER sees a few characters of context either side, so sentence examples lose nothing and
train faster than long paragraphs (专栏 tables are one paragraph of hundreds of characters).
Sentences without any entity are still needed (they teach what is *not* a name) but dominate
report text; a fixed share of them is kept, chosen with a seeded generator.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

LocalSpan = tuple[int, int, str]
Paragraph = tuple[str, list[LocalSpan]]
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def split_sentences(paragraph: Paragraph) -> list[Paragraph]:
    """The paragraph's sentences, cut after 。！？； unless a span runs across the cut."""
    text, spans = paragraph
    cuts = [
        m.end()
        for m in _SENTENCE_END.finditer(text)
        if not any(s < m.end() < e for s, e, _ in spans)
    ]
    pieces: list[Paragraph] = []
    start = 0
    for end in [*cuts, len(text)]:
        if end > start and text[start:end].strip():
            inside = [(s - start, e - start, label) for s, e, label in spans if start <= s < end]
            pieces.append((text[start:end], inside))
        start = end
    return pieces


def thin_negatives(sentences: Sequence[Paragraph], keep: float, seed: int) -> list[Paragraph]:
    """All sentences with a span, and about ``keep`` of those without one."""
    rng = random.Random(seed)
    return [s for s in sentences if s[1] or rng.random() < keep]
