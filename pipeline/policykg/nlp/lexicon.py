"""A general Chinese lexicon (jieba's dictionary) to tell common words from trade names.

A trade name before an industry word (高义钢铁, 银盛科技) is rarely a common word; a phrase like
深化农业 or 高端装备 starts with one (深化 is a verb, 高端 an adjective-noun). jieba ships a
dictionary of 349k words with frequencies and part-of-speech tags; it is read once, keeping only
frequent words that are not proper nouns.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources

logger = logging.getLogger(__name__)

MIN_FREQUENCY = 50
ALWAYS_COMMON = 500  # so frequent that a proper-noun tag is more likely a tagging slip (保健 nr)
PROPER_TAGS = ("nr", "nrfg", "nrt", "ns", "nt", "nz")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent 2–4 character words of the jieba dictionary that are not proper nouns."""
    words: set[str] = set()
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3 or not 2 <= len(parts[0]) <= 4:
            continue
        frequency = int(parts[1])
        if frequency >= ALWAYS_COMMON or (
            frequency >= MIN_FREQUENCY and parts[2] not in PROPER_TAGS
        ):
            words.add(parts[0])
    logger.debug("lexicon: %d common words", len(words))
    return frozenset(words)


def is_common_word(text: str) -> bool:
    """True when ``text`` as a whole is a common word (运输, 邮政, 建材)."""
    return text in common_words()


def starts_with_common_word(text: str) -> bool:
    """True when ``text`` is, or begins with, a common (non-proper) word of 2–4 characters."""
    words = common_words()
    return any(text[:n] in words for n in (4, 3, 2) if len(text) >= n)
