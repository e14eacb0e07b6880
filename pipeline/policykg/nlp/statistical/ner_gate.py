"""A precision gate after the statistical NER: drop predicted names that are ordinary phrases.

Trained on a few hundred names, the NER learns that list items (“A、B等…”) are enterprises and
then also tags lists of ordinary things (土地资源、存量资金, 智慧环保). Such phrases are made of
common words, while brand names are not: a brand's head is rare or no word at all (高义钢铁 →
高/义/钢铁, 青汇康 → 青/汇/康). The gate segments each predicted name with jieba's dictionary
(no HMM, so unknown strings fall apart into characters) and drops it when every piece is a common
multi-character word; it also drops spans that begin with a conjunction or preposition, contain
punctuation, are shorter than three characters (two-character brands are left to the rules,
which need a strong cue) or longer than a short name, end in the head of a non-enterprise institution (社区,
大学, 医院…) or continue into one (华东|师范大学), and predictions that clash with a rule span
(the rules know the boundaries where they fire). Measured in EVAL.md.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from policykg.nlp.rules.components import doc_text

logger = logging.getLogger(__name__)

GATE_PIPE = "policykg_ner_gate"
COMMON_WORD_FREQ = 100  # jieba dictionary count from which a word is ordinary vocabulary
MIN_NAME_CHARS = 3  # two-character predictions were mostly ordinary words (研学, 鱼菜, 点燃)
MAX_NAME_CHARS = 8  # longer names are legal names (有限公司…), which the rules find
_NAME = re.compile(r"[\u3400-\u9fffA-Za-z0-9]+")
_LEADING_FUNCTION = tuple("及和与等的在对从向为把被或并将以")
_INSTITUTION_HEADS = ("社区", "大学", "学院", "学校", "医院", "中学", "小学", "村委", "师范")


@lru_cache(maxsize=1)
def _tokenizer() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.check_initialized()
    return tokenizer


def is_common_phrase(name: str) -> bool:
    """True when ``name`` segments into two or more common words and nothing else."""
    tokenizer = _tokenizer()
    pieces = tokenizer.lcut(name, HMM=False)  # type: ignore[attr-defined]
    freq = tokenizer.FREQ  # type: ignore[attr-defined]
    return len(pieces) >= 2 and all(
        len(p) >= 2 and freq.get(p, 0) >= COMMON_WORD_FREQ for p in pieces
    )


def keep_name(name: str, following: str) -> bool:
    """Whether a predicted enterprise name survives the gate (``following``: text after it)."""
    if not MIN_NAME_CHARS <= len(name) <= MAX_NAME_CHARS or not _NAME.fullmatch(name):
        return False
    if name.startswith(_LEADING_FUNCTION):
        return False
    if name.endswith(_INSTITUTION_HEADS) or following.startswith(_INSTITUTION_HEADS):
        return False
    return not is_common_phrase(name)


def clashes_with_rules(start: int, end: int, label: str, rules: list[tuple[int, int, str]]) -> bool:
    """True when a rule span of the same type overlaps, or any rule span is crossed.

    Rules find boundaries from structure (suffixes, list punctuation), so where one fired the NER
    has nothing to add; a prediction nested inside a rule span of another type (an enterprise
    inside a project name) is kept.
    """
    for r_start, r_end, r_label in rules:
        if r_end <= start or end <= r_start:
            continue
        nested = r_start <= start and end <= r_end
        if r_label == label or not nested:
            return True
    return False


@Language.component(GATE_PIPE)
def ner_gate(doc: Doc) -> Doc:
    """Keep only the entities that pass :func:`keep_name` and do not clash with rule spans."""
    ents = doc.ents
    if not ents:
        return doc
    text = doc_text(doc)
    rules = [(s.start_char, s.end_char, s.label_) for group in doc.spans.values() for s in group]
    kept = [
        ent
        for ent in ents
        if keep_name(
            text[ent.start_char : ent.end_char].replace(" ", ""),
            text[ent.end_char : ent.end_char + 4],
        )
        and not clashes_with_rules(ent.start_char, ent.end_char, ent.label_, rules)
    ]
    if len(kept) != len(ents):
        doc.ents = kept
    return doc
