"""Where the statistical NER runs: the sentences that talk about firms, not whole reports.

The NER's job is names no rule knows, in enterprise contexts (企业, 公司, 龙头, 依托, 签约…);
elsewhere it adds false positives and costs most of the run time. It therefore reads only the
sentences (cut after 。！？；, as in training) that contain such a cue word — about a fifth of a
report's text. Each such sentence becomes a small Doc carrying the rule spans that lie inside it,
so the precision gate can still drop predictions that clash with a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from policykg.nlp.candidates import NER, Spot
from policykg.nlp.rules.components import TEXT_KEY, doc_text

STATISTICAL_PIPES = ("ner", "policykg_ner_gate")
ENTERPRISE_CONTEXT = re.compile(
    r"企业|公司|集团|厂商|龙头|依托|签约|落户|入驻|投产|引进|对接|合作|牵头|实施主体|链主"
)
RULES_KEY = "rules"
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*")


def statistical_pipes(nlp: Language) -> list[str]:
    """The statistical components present in ``nlp`` (empty for a rules-only pipeline)."""
    return [name for name in STATISTICAL_PIPES if name in nlp.pipe_names]


def firm_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` that contains an enterprise cue word."""
    return [
        (m.start(), m.end()) for m in _SENTENCE.finditer(text) if ENTERPRISE_CONTEXT.search(m[0])
    ]


def sentence_doc(nlp: Language, paragraph: Doc, start: int, end: int) -> Doc:
    """A Doc of ``paragraph``'s text[start:end] with the rule spans inside it (group "rules")."""
    text = doc_text(paragraph)[start:end]
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    inside = [
        (span.start_char - start, span.end_char - start, span.label_)
        for group in paragraph.spans.values()
        for span in group
        if start <= span.start_char and span.end_char <= end
    ]
    spans = [doc.char_span(s, e, label=label, alignment_mode="expand") for s, e, label in inside]
    doc.spans[RULES_KEY] = [span for span in spans if span is not None]
    return doc


def _apply(nlp: Language, names: list[str], docs: Iterable[Doc]) -> Iterator[Doc]:
    """Run the named components over ``docs`` (batched where the component can)."""
    stream: Iterable[Doc] = docs
    for name in names:
        proc = nlp.get_pipe(name)
        stream = proc.pipe(stream) if hasattr(proc, "pipe") else map(proc, stream)
    yield from stream


def ner_spots(nlp: Language, paragraphs: list[tuple[Doc, int]]) -> list[tuple[int, Spot]]:
    """Statistical predictions on the firm sentences of ``paragraphs`` (each a ruled Doc and the
    offset of its text in the document), as ``(paragraph position, spot)`` pairs."""
    names = statistical_pipes(nlp)
    if not names:
        return []
    where: list[tuple[int, int]] = []
    docs: list[Doc] = []
    for position, (paragraph, offset) in enumerate(paragraphs):
        for start, end in firm_sentences(doc_text(paragraph)):
            where.append((position, offset + start))
            docs.append(sentence_doc(nlp, paragraph, start, end))
    found: list[tuple[int, Spot]] = []
    for (position, offset), doc in zip(where, _apply(nlp, names, docs), strict=True):
        found += [
            (position, (offset + ent.start_char, offset + ent.end_char, ent.label_, NER))
            for ent in doc.ents
        ]
    return found
