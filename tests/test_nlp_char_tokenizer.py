"""Our character tokenizer makes exactly the tokens of spaCy's ``zh`` char segmenter."""

from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.nlp.char_tokenizer import CharTokenizer
from policykg.nlp.pipeline import build_nlp
from policykg.text.normalize import normalize

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_SPACY_CHAR = spacy.blank("zh")  # segmenter "char" is spaCy's default for zh
_OURS = CharTokenizer(_SPACY_CHAR.vocab)


def _tokens(doc: spacy.tokens.Doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


def test_default_pipeline_uses_it() -> None:
    assert isinstance(build_nlp(with_ner=False).tokenizer, CharTokenizer)


def test_same_tokens_on_every_seed_paragraph() -> None:
    paragraphs = [
        p
        for path in sorted(SEEDS.glob("*.txt"))
        for p in normalize(path.read_text("utf-8")).text.split("\n")
    ]
    assert len(paragraphs) > 500
    for text in paragraphs:
        assert _tokens(_OURS(text)) == _tokens(_SPACY_CHAR(text)), text


_CHARS = st.sampled_from([*"新绛县高义钢铁项目，、。“”ab1２ ", " ", "  ", "\t", "\u3000", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=40).map("".join))
def test_same_tokens_with_any_white_space(text: str) -> None:
    ours = _OURS(text)
    assert _tokens(ours) == _tokens(_SPACY_CHAR(text))
    assert ours.text == text
