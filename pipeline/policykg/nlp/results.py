"""Turning merged spans of one document into IR: candidates, relation candidates, raw offsets."""

from __future__ import annotations

from dataclasses import dataclass

from policykg.ir import (
    Amount,
    Candidate,
    DocResult,
    EntityRef,
    EntityType,
    Mention,
    RelationCandidate,
    SourceDoc,
    TextSpan,
)
from policykg.nlp.candidates import GLOSSARY, Spot
from policykg.nlp.resolve.amounts import FoundAmount, amounts_of, find_amounts
from policykg.nlp.resolve.relations import FoundRelation, find_relations, sentence_at, sentences
from policykg.nlp.terms.glossary.record import GlossaryEntry
from policykg.text.normalize import NormText

PROJECT = EntityType.PROJECT.value
MAX_CHUNK = 3000
_SENTENCE_ENDS = "。！？；"


@dataclass(frozen=True, slots=True)
class ParagraphFindings:
    """The merged spans of a document's paragraphs (doc coordinates) and its glossary."""

    norm: NormText
    spots: dict[int, list[Spot]]
    glossary: tuple[GlossaryEntry, ...]


def raw_span(doc: SourceDoc, norm: NormText, start: int, end: int) -> TextSpan:
    """The raw ``TextSpan`` of the normalised stretch ``norm.text[start:end]``."""
    raw_start, raw_end = norm.raw_span(start, end)
    return TextSpan(doc.name, raw_start, raw_end, doc.raw[raw_start:raw_end])


def _amount(doc: SourceDoc, norm: NormText, offset: int, found: FoundAmount) -> Amount:
    span = raw_span(doc, norm, offset + found.start, offset + found.end)
    return Amount(found.kind, found.value, found.unit, span)


def _candidates(doc: SourceDoc, norm: NormText, index: int, spots: list[Spot]) -> list[Candidate]:
    para = norm.paragraphs[index]
    text = norm.text[para.start : para.end]
    bounds = sentences(text)
    amounts = find_amounts(text) if any(s[2] == PROJECT for s in spots) else []
    result: list[Candidate] = []
    for start, end, label, source in spots:
        rel_start, rel_end = start - para.start, end - para.start
        sent = sentence_at(bounds, rel_start)
        mention = Mention(
            raw_span(doc, norm, start, end),
            str(source),
            raw_span(doc, norm, para.start + sent[0], para.start + sent[1]),
        )
        mine: tuple[Amount, ...] = ()
        if label == PROJECT:
            found = amounts_of(text, rel_start, rel_end, amounts)
            mine = tuple(_amount(doc, norm, para.start, a) for a in found)
        result.append(Candidate(EntityType(label), norm.text[start:end], mention, amounts=mine))
    return result


def _relation(
    doc: SourceDoc, norm: NormText, offset: int, found: FoundRelation
) -> RelationCandidate:
    def ref(spot: Spot) -> EntityRef:
        return EntityRef(EntityType(spot[2]), norm.text[offset + spot[0] : offset + spot[1]])

    evidence = raw_span(doc, norm, offset + found.evidence[0], offset + found.evidence[1])
    return RelationCandidate(
        found.type, ref(found.subject), ref(found.object), evidence, found.rule
    )


def chunks(text: str, start: int, end: int, size: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """``text[start:end]`` cut after sentence ends into pieces of at most ``size`` characters.

    A paragraph can be a whole report when the source has no line breaks, and spaCy's zh
    tokenizer is quadratic in the length of what it is given.
    """
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > size:
        cut = max(text.rfind(ch, pos, pos + size) for ch in _SENTENCE_ENDS) + 1
        cut = cut if cut > pos else pos + size
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, end))
    return pieces


def _relations(
    doc: SourceDoc, norm: NormText, index: int, spots: list[Spot]
) -> list[RelationCandidate]:
    """Relations of one paragraph, read piece by piece when it is very long."""
    para = norm.paragraphs[index]
    found: list[RelationCandidate] = []
    for start, end in chunks(norm.text, para.start, para.end):
        mine = [(s - start, e - start, lab, src) for s, e, lab, src in spots if start <= s < end]
        text = norm.text[start:end]
        found += [_relation(doc, norm, start, r) for r in find_relations(text, mine)]
    return found


def _glossary_candidates(
    doc: SourceDoc, norm: NormText, entries: tuple[GlossaryEntry, ...]
) -> list[Candidate]:
    result: list[Candidate] = []
    for entry in entries:
        span = raw_span(doc, norm, entry.term_start, entry.term_end)
        sentence = raw_span(doc, norm, entry.term_start, entry.def_end)
        mention = Mention(span, str(GLOSSARY), sentence)
        chars = _raw_chars(doc, norm, entry)
        definition = "".join(chars) if chars else entry.definition
        parts = tuple(_raw_part(part, entry.definition, chars) for part in entry.parts)
        result.append(Candidate(EntityType.ABBREVIATION, entry.term, mention, definition, parts))
    return result


def _raw_chars(doc: SourceDoc, norm: NormText, entry: GlossaryEntry) -> list[str]:
    """Each character of ``entry.definition`` as the source writes it (its half-width , ; ( )
    kept): the raw character it was normalised from; ``[]`` when they cannot be aligned."""
    chars: list[str] = []
    wanted = entry.definition
    for pos in range(entry.def_start, min(entry.def_end, len(norm.text))):
        if len(chars) < len(wanted) and norm.text[pos] == wanted[len(chars)]:
            chars.append(doc.raw[norm.to_raw[pos]])
    return chars if len(chars) == len(wanted) else []


def _raw_definition(doc: SourceDoc, norm: NormText, entry: GlossaryEntry) -> str:
    """The definition as the source writes it (see :func:`_raw_chars`)."""
    chars = _raw_chars(doc, norm, entry)
    return "".join(chars) if chars else entry.definition


def _raw_part(part: str, definition: str, chars: list[str]) -> str:
    """A part as the source writes it, when it is a stretch of the definition."""
    at = definition.find(part) if chars else -1
    return "".join(chars[at : at + len(part)]) if at >= 0 else part


def _shifted(spots: list[Spot], delta: int) -> list[Spot]:
    return [(s + delta, e + delta, label, source) for s, e, label, source in spots]


def build_result(doc: SourceDoc, findings: ParagraphFindings) -> DocResult:
    """The document's ``DocResult``: candidates, relations, and its repeated paragraphs."""
    norm = findings.norm
    candidates = _glossary_candidates(doc, norm, findings.glossary)
    relations: list[RelationCandidate] = []
    repeated: list[TextSpan] = []
    for index, spots in sorted(findings.spots.items()):
        candidates += _candidates(doc, norm, index, spots)
        relations += _relations(doc, norm, index, spots)
    for index, para in enumerate(norm.paragraphs):
        if para.repeat_of is None:
            continue
        repeated.append(raw_span(doc, norm, para.start, para.end))
        original = norm.paragraphs[para.repeat_of]
        copied = _shifted(findings.spots.get(para.repeat_of, []), para.start - original.start)
        candidates += _candidates(doc, norm, index, copied)
    candidates.sort(key=lambda c: (c.mention.span.start, c.mention.span.end, c.type.value))
    return DocResult(doc, tuple(candidates), tuple(relations), tuple(repeated))
