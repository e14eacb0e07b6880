"""jieba's word dictionary (``jieba/dict.txt``: word, frequency, part-of-speech tag), read once
per process for everything that asks it about words: document metadata (which division names
are also plain words) and the rules' lexicon (``nlp.rules.lexicon``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def jieba_words() -> dict[str, tuple[int, str]]:
    """Every word of the dictionary → (frequency, tag); lines without a tag are left out."""
    entries: dict[str, tuple[int, str]] = {}
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            entries[parts[0]] = (int(parts[1]), parts[2])
    return entries
