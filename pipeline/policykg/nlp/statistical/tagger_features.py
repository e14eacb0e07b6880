"""What the character taggers of names read: each sentence's characters and their features.

A tagger (``name_tagger``) reads the sentences of a report one at a time (``SENTENCE``), only
those worth it (``WORTH_TAGGING``: a firm word, a project word or a 、…等 list). Each character is
described by the characters around it and by what the general word dictionary says about them:
where the dictionary's longest words start and end, their word classes, and whether a
line-of-business word or a legal suffix follows (``char_features``). Both the firm tagger and the
project tagger read the same features, so a sentence is described once for both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.nlp.rules.lexicon import word_entries
from policykg.nlp.rules.vocabulary import INDUSTRY_WORDS
from policykg.nlp.statistical.ner_targets import ENTERPRISE_CONTEXT

SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_SUFFIX = re.compile(r"公司|集团")
WORTH_TAGGING = re.compile(
    ENTERPRISE_CONTEXT.pattern
    + r"|项目|工程|基地|产业园|工厂|生产线|开工|建成|竣工|落地|达产|量产|上市|开业|封顶"
    + r"|、[^、]{1,12}等"
)
# The sentences of those that may hold a project's name: a project, works or building word. On
# the dev folds' 92 city reports they are 7,551 of the 11,692 sentences worth tagging and hold
# all 902 gold project names those hold (2026-12-07); the project tagger reads only these.
PROJECT_WORDS = re.compile(
    r"项目|工程|基地|园|厂|生产线|开工|建成|竣工|投产|封顶|通车|建设|改造|扩建|新建|续建"
    r"|高铁|铁路|高速|机场|港|枢纽|电站|水库|大道|公路|隧道|桥"
)
_SUFFIX_REACH = 8  # a legal suffix this close after a character: it may be inside a name
_INDUSTRY_REACH = 6
_PAD = "#"
_KEPT_MARKS = "、，“”（）《》"


def _kind(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "h"
    if ch.isdigit():
        return "d"
    if ch.isascii() and ch.isalpha():
        return "l"
    return ch if ch in _KEPT_MARKS else "p"


_WORD_PLACES = {2: ("B", "E"), 3: ("B", "M", "E"), 4: ("B", "M", "M", "E")}


@lru_cache(maxsize=1)
def _long_word_heads() -> frozenset[str]:
    """The first two characters of the dictionary's words of three and four characters: where
    no such pair starts, only a two-character word can (the segmentation tries no longer one)."""
    return frozenset(w[:2] for w in word_entries() if len(w) in (3, 4))


def _segment(text: str) -> tuple[list[str], list[str]]:
    """Greedy longest-word segmentation with the dictionary's words of 2–4 characters: each
    character's place in its word (B, M, E, or S when no word covers it) and the word's class."""
    entries = word_entries()
    heads = _long_word_heads()
    size = len(text)
    places, tags = ["S"] * size, [""] * size
    i = 0
    while i < size - 1:
        for n in (4, 3, 2) if text[i : i + 2] in heads else (2,):
            entry = entries.get(text[i : i + n]) if i + n <= size else None
            if entry is not None:
                places[i : i + n] = _WORD_PLACES[n]
                tags[i : i + n] = (entry[1],) * n
                i += n
                break
        else:
            i += 1
    return places, tags


def _starts_of(text: str, pattern: re.Pattern[str]) -> list[bool]:
    """Whether one of the words ``pattern`` (a lookahead) matches starts at each position."""
    flags = [False] * len(text)
    for m in pattern.finditer(text):
        flags[m.start()] = True
    return flags


def _soon(flags: list[bool], reach: int, first: int) -> list[bool]:
    """For each position i, whether a flag is set in i+first … i+reach."""
    at = [i for i, f in enumerate(flags) if f]
    out = [False] * len(flags)
    for j in at:
        for i in range(max(0, j - reach), j - first + 1):
            out[i] = True
    return out


@lru_cache(maxsize=1)
def _industry_words() -> re.Pattern[str]:
    """A lookahead for the line-of-business words of 2+ characters (科技, 新材料, 物流…)."""
    words = sorted({w for w in INDUSTRY_WORDS if len(w) > 1}, key=len, reverse=True)
    return re.compile("(?=" + "|".join(map(re.escape, words)) + ")")


def char_features(text: str) -> list[tuple[str, ...]]:
    """The features of each character of one sentence, one tuple per character with the same
    columns in each (the flags are features with a value): the character and its neighbours
    two either side, the pairs it ends and starts, its word place and class and theirs around
    it, its kind and its neighbours', and whether a line word starts here or soon and a legal
    suffix soon. Built position by position: a column-wise build and a zip took 18–20 % longer
    (19,489 corpus sentences, the same features)."""
    padded = _PAD * 2 + text + _PAD * 2
    table = {ch: _kind(ch) for ch in set(padded)}
    kinds = [table[ch] for ch in padded]
    places, tags = _segment(text)
    industry = _starts_of(text, _industry_words())
    suffix = [False] * len(text)
    for m in _SUFFIX.finditer(text):
        suffix[m.start()] = True
    ind_soon = _soon(industry, _INDUSTRY_REACH, 1)
    sfx_soon = _soon(suffix, _SUFFIX_REACH, 0)
    edge = [_PAD, *places, _PAD]
    return [
        (
            "b",
            "c=" + padded[i + 2],
            "c-1=" + padded[i + 1],
            "c+1=" + padded[i + 3],
            "c-2=" + padded[i],
            "c+2=" + padded[i + 4],
            "bl=" + padded[i + 1 : i + 3],
            "br=" + padded[i + 2 : i + 4],
            "seg=" + places[i],
            "tag=" + tags[i],
            "segtag=" + places[i] + tags[i],
            "k=" + kinds[i + 2],
            "kl=" + kinds[i + 1] + kinds[i + 2] + kinds[i + 3],
            "seg-1=" + edge[i],
            "seg+1=" + edge[i + 2],
            "ind_here=1" if industry[i] else "ind_here=0",
            "ind_soon=1" if ind_soon[i] else "ind_soon=0",
            "sfx_soon=1" if sfx_soon[i] else "sfx_soon=0",
        )
        for i in range(len(text))
    ]


def bio_spans(labels: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of each B-I* run of ``labels`` (an I without a B starts nothing)."""
    spans, start = [], None
    for i, label in enumerate([*labels, "O"]):
        if label != "I" and start is not None:
            spans.append((offset + start, offset + i))
            start = None
        if label == "B":
            start = i
    return spans
