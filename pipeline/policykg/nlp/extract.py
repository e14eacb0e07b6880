"""From a decoded document to its candidates and relation candidates (``DocResult``).

Steps: normalise (keeping the map to raw offsets) → run the rule components per paragraph through
``nlp.pipe`` (never a whole report: rules and spans are paragraph-sized) and the statistical NER on
the sentences about firms (``ner_targets``) → add the document-level
findings (专栏 items, glossary entries, uses of known terms, the document's own place names):
these are the candidates → the character taggers of the types the decision model judges in
this report read the document once (``name_tagger``: with the shipped model, firms and projects
in every report) and propose the names they find likely → the trained decision model drops the
candidates it rejects, reading the taggers' view of each firm and project candidate
(``decide``) → merge with priorities
→ document evidence (place-like names, verbs read as brands) → propagate enterprise names within
the document → relations and amounts → raw offsets. Verbatim repeated paragraphs are not
processed again: their spans are copied from the paragraph they repeat and they are listed in
``DocResult.repeated_paragraphs``.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from policykg.ir import DocResult, EntityType, Extraction, SourceDoc
from policykg.nlp.candidates import (
    COLUMN_ITEM,
    FIRM_TAGGER,
    KNOWN_TERM,
    LIST_ENTERPRISE,
    MARKED_TERM,
    META_PLACE,
    NER,
    PROJECT_OWNER,
    PROPAGATE,
    TERM_USE,
    RuleId,
    Spot,
    from_span_id,
)
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.resolve.batch import resolve_batch
from policykg.nlp.resolve.doc_evidence import drop_place_like, drop_verb_brands
from policykg.nlp.resolve.merge import merge_spots
from policykg.nlp.resolve.propagate import name_pattern, propagate, propagate_at_boundaries
from policykg.nlp.results import ParagraphFindings, build_result, chunks
from policykg.nlp.rules.columns import find_column_items
from policykg.nlp.rules.components import TEXT_KEY
from policykg.nlp.statistical.boundaries import with_variants, without_variants
from policykg.nlp.statistical.decide import Decider, shipped_decider
from policykg.nlp.statistical.name_tagger import (
    TaggerReading,
    Taggers,
    read_document,
    shipped_taggers,
)
from policykg.nlp.statistical.ner_targets import ner_spots, statistical_pipes
from policykg.nlp.terms.finder import find_term_uses
from policykg.nlp.terms.glossary.parse import parse_glossary
from policykg.nlp.terms.glossary.record import GlossaryEntry
from policykg.nlp.terms.known import Known, shipped_known_terms
from policykg.text.normalize import NormText, normalize
from policykg.text.sources import Batch

logger = logging.getLogger(__name__)

ENTERPRISE = EntityType.ENTERPRISE.value
ABBREVIATION = EntityType.ABBREVIATION.value
PLACE = EntityType.PLACE.value


def doc_spots(sdoc: Doc, offset: int) -> list[Spot]:
    """Every span of a processed paragraph (all span groups and ``doc.ents``), in doc coordinates."""
    spots: list[Spot] = []
    for group in sdoc.spans.values():
        for span in group:
            source = from_span_id(span.id_)
            spots.append((offset + span.start_char, offset + span.end_char, span.label_, source))
    for ent in sdoc.ents:
        spots.append((offset + ent.start_char, offset + ent.end_char, ent.label_, NER))
    return spots


def _make_doc(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def _run_pipeline(norm: NormText, nlp: Language) -> dict[int, list[Spot]]:
    """Rules on every paragraph; the statistical NER only on the sentences that talk about firms
    (see ``ner_targets``)."""
    todo = [
        (_make_doc(nlp, norm.text[s:e]), (index, s))
        for index, p in enumerate(norm.paragraphs)
        if p.repeat_of is None and p.end > p.start
        for s, e in chunks(norm.text, p.start, p.end)
    ]
    ruled = list(nlp.pipe(todo, as_tuples=True, disable=statistical_pipes(nlp)))
    found: dict[int, list[Spot]] = {}
    for sdoc, (index, offset) in ruled:
        found.setdefault(index, []).extend(doc_spots(sdoc, offset))
    paragraphs = [(sdoc, offset) for sdoc, (_, offset) in ruled]
    for position, spot in ner_spots(nlp, paragraphs):
        found[ruled[position][1][0]].append(spot)
    return found


def _document_spots(
    doc: SourceDoc,
    norm: NormText,
    found: dict[int, list[Spot]],
    glossary: tuple[GlossaryEntry, ...],
    known: Known,
) -> list[Spot]:
    """专栏 items, glossary terms and later uses of the document's terms, uses of the terms
    other reports quote or other reports' gold marks (``known``), the document's place names."""
    text = norm.text
    spots: list[Spot] = [
        (item.title_start, item.title_end, EntityType.PROJECT.value, COLUMN_ITEM)
        for item in find_column_items(text, norm.paragraphs)
    ]
    terms = {  # the document's own terms: what a rule read, not what is only proposed
        text[s:e]
        for group in found.values()
        for s, e, label, source in group
        if label == ABBREVIATION and not source.needs_decision
    }
    terms.update(entry.term for entry in glossary)
    spots += [
        (s, e, ABBREVIATION, _term_source(term, terms, known))
        for s, e, term in find_term_uses(text, terms | known.every)
    ]
    places = [n for n in (doc.meta.place, doc.meta.city, doc.meta.province) if n]
    spots += propagate_at_boundaries(text, name_pattern(places), PLACE, META_PLACE)
    return spots


def _term_source(term: str, own: set[str], known: Known) -> RuleId:
    """Who proposes a bare use of a term: the document's own terms first, then the terms other
    reports quote, then those only the training gold marks."""
    if term in own:
        return TERM_USE
    return KNOWN_TERM if term in known.quoted else MARKED_TERM


def _by_paragraph(norm: NormText, spots: Iterable[Spot]) -> dict[int, list[Spot]]:
    starts = [p.start for p in norm.paragraphs]
    grouped: dict[int, list[Spot]] = {}
    for spot in spots:
        index = bisect.bisect_right(starts, spot[0]) - 1
        if index >= 0 and spot[1] <= norm.paragraphs[index].end:
            grouped.setdefault(index, []).append(spot)
    return grouped


# Rules that cut a name out of something else (a project's head, an item of 等企业) with no
# mark of a firm in the name itself: alone, they do not spread a name over the document.
_CUTTING_RULES = frozenset({PROJECT_OWNER.name, LIST_ENTERPRISE.name})


# A kept tagger name this long is spread over its document (dev folds, 2026-12-07: Enterprise
# 0.628 → 0.632, drawn sentences 0.616 → 0.621; every kept tagger name: 0.615; those kept
# twice: 0.619; of four characters or more: 0.631 and 0.621)
_SPREAD_TAGGED_LEAST = 3


def _spreadable_names(norm: NormText, merged: dict[int, list[Spot]]) -> set[str]:
    """The firm names spread over the document: those two rules found, one rule that is not a
    cutting rule, or the firm tagger when the decision model kept the name and it has at least
    ``_SPREAD_TAGGED_LEAST`` characters. A name only a cutting rule found (投用 or 深汕 cut from
    a project's head) would spread its error to every use: on the dev folds c1, c2, c3 and
    hebei, spreads of names one rule alone found were 11 right and 28 wrong, of names two rules
    found 6 right and 1 wrong (2026-12-07); a short kept tagger name (华为, 中船) spreads as
    badly. Another statistical guess is never spread."""
    rules: dict[str, set[str]] = {}
    tagged: set[str] = set()
    for spots in merged.values():
        for s, e, label, source in spots:
            if label != ENTERPRISE:
                continue
            if source == FIRM_TAGGER and e - s >= _SPREAD_TAGGED_LEAST:
                tagged.add(norm.text[s:e])
            elif source.by_rule and not source.needs_decision:
                rules.setdefault(norm.text[s:e], set()).add(source.name)
    by_rules = {name for name, by in rules.items() if len(by) >= 2 or not by <= _CUTTING_RULES}
    return by_rules | tagged


def _propagate_enterprises(norm: NormText, merged: dict[int, list[Spot]]) -> dict[int, list[Spot]]:
    pattern = name_pattern(_spreadable_names(norm, merged))
    result: dict[int, list[Spot]] = {}
    for index, spots in merged.items():
        para = norm.paragraphs[index]
        named = {(s, e) for s, e, label, _ in spots if label == ENTERPRISE}
        extra = [  # each other use of a spread name (a named one keeps what found it)
            (para.start + s, para.start + e, label, source)
            for s, e, label, source in propagate(
                norm.text[para.start : para.end], pattern, ENTERPRISE, PROPAGATE
            )
            if (para.start + s, para.start + e) not in named
        ]
        result[index] = merge_spots(spots + extra)
    return result


def tagger_reading(
    norm: NormText,
    candidates: dict[int, list[Spot]],
    taggers: Taggers | str | None,
    labels: Iterable[str] | None = None,
) -> TaggerReading | None:
    """What the character taggers (``"shipped"``: the shipped ones, if any) of the types among
    ``labels`` (None: every tagger) read in the document: their proposals, and their scores of the candidates of
    their types; None without a tagger of those types."""
    if taggers == "shipped":
        taggers = shipped_taggers()
    reading = taggers.reading(labels) if isinstance(taggers, Taggers) else []
    if not reading:
        return None
    bounds = {
        index: (p.start, p.end)
        for index, p in enumerate(norm.paragraphs)
        if p.repeat_of is None and p.end > p.start
    }
    return read_document(reading, norm.text, bounds, candidates)


def with_tagger_proposals(
    candidates: dict[int, list[Spot]], reading: TaggerReading | None
) -> dict[int, list[Spot]]:
    """The candidates with the spans the taggers propose, which only the decision model may
    keep (without one they are dropped with the other proposals)."""
    if reading is None:
        return candidates
    extra = reading.proposed
    return {
        i: candidates.get(i, []) + extra.get(i, []) for i in sorted(set(candidates) | set(extra))
    }


@dataclass(frozen=True, slots=True)
class Proposed:
    """What the rules and the NER propose for one document, before any decision."""

    norm: NormText
    glossary: tuple[GlossaryEntry, ...]
    candidates: dict[int, list[Spot]]  # paragraph index -> typed spans (normalised offsets)


def propose(doc: SourceDoc, nlp: Language, known: Known | None = None) -> Proposed:
    """Stage 1, candidates: every span the rule components, the NER and the document-level
    finders propose, per paragraph (overlaps kept). ``known``: the terms other reports quote or
    other reports' gold marks (default: the shipped table, ``terms.known``)."""
    norm = normalize(doc.raw)
    found = _run_pipeline(norm, nlp)
    glossary = parse_glossary(norm.text)
    known = shipped_known_terms() if known is None else known
    extra = _by_paragraph(norm, _document_spots(doc, norm, found, glossary, known))
    candidates = {
        index: with_variants(norm.text, found.get(index, []) + extra.get(index, []))
        for index in sorted(set(found) | set(extra))
        if norm.paragraphs[index].repeat_of is None
    }
    return Proposed(norm, glossary, candidates)


def extract_doc(
    doc: SourceDoc,
    nlp: Language,
    decider: Decider | str | None = "shipped",
    known: Known | None = None,
    tagger: Taggers | str | None = "shipped",
) -> DocResult:
    """Candidates → the tagger's proposals → decide → merge → document evidence → propagate →
    relations and amounts (raw offsets).

    ``decider`` is the trained decision model (default: the shipped one, if any; None keeps
    every candidate); ``known`` the terms other reports quote (default: the shipped table);
    ``tagger`` the character taggers of firm and project names (default: the shipped ones, if
    any; None: no tagger). A tagger reads only when the model judges its type in this report,
    its rules' candidates or its proposals (``Decider.for_place``): elsewhere its proposals
    would all be dropped and its scores unread."""
    proposed = propose(doc, nlp, known)
    norm, glossary, candidates = proposed.norm, proposed.glossary, proposed.candidates
    model = shipped_decider() if decider == "shipped" else decider
    if isinstance(model, Decider):
        judge = model.for_place(doc.meta.place)
        reading = tagger_reading(norm, candidates, tagger, judge.judged_types())
        candidates = with_tagger_proposals(candidates, reading)
        candidates = judge.filter(norm.text, candidates, reading.scores if reading else None)
    else:
        candidates = without_variants(candidates)
    merged = {index: merge_spots(spots) for index, spots in candidates.items()}
    merged = drop_verb_brands(norm.text, drop_place_like(norm.text, merged))
    merged = _propagate_enterprises(norm, merged)
    findings = ParagraphFindings(norm=norm, spots=merged, glossary=glossary)
    return build_result(doc, findings)


def extract_batch(
    batch: Batch,
    *,
    nlp: Language | None = None,
    decider: Decider | str | None = "shipped",
    known: Known | None = None,
    tagger: Taggers | str | None = "shipped",
) -> Extraction:
    """Extract every document of ``batch`` and resolve entities across them."""
    nlp = build_nlp() if nlp is None else nlp
    results = []
    failures = list(batch.failures)
    for doc in batch.docs:
        logger.info("extracting %s", doc.name)
        results.append(extract_doc(doc, nlp, decider, known, tagger))
    entities, relations = resolve_batch(results)
    return Extraction(batch.docs, entities, relations, tuple(failures))
