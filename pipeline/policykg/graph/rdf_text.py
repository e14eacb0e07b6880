"""Documents and their text as RDF: ``kg:Document``, the NIF context, phrases and sentences.

Anchors are always cut from the raw decoded text, so ``SUBSTR(isString, begin+1, end-begin)``
equals ``nif:anchorOf`` by construction; an offset outside the text is an error, not a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from rdflib.namespace import DCTERMS, PROV, XSD

from policykg.errors import OntologyError
from policykg.graph import iri
from policykg.graph.triples import TYPE, Part, plain
from policykg.graph.vocab import DOCUMENT_CLASSES, KG, NIF
from policykg.ir import DocMeta, SourceDoc, TextSpan

logger = logging.getLogger(__name__)

ZH = "zh"
INTEGER = plain(XSD.integer)
DATE_FORMATS = (
    ("%Y-%m-%d", plain(XSD.date)),
    ("%Y-%m", plain(XSD.gYearMonth)),
    ("%Y", plain(XSD.gYear)),
)
_DOCUMENT_TYPES = tuple(map(plain, (DOCUMENT_CLASSES[0], *DOCUMENT_CLASSES[1])))
_FILE_NAME, _SHA256, _ENCODING = plain(KG.fileName), plain(KG.sha256), plain(KG.encoding)
_LANGUAGE, _SPATIAL = plain(DCTERMS.language), plain(DCTERMS.spatial)
_TITLE, _ISSUED, _YEAR = plain(DCTERMS.title), plain(DCTERMS.issued), plain(KG.year)
_META = ((plain(KG.kind), "kind"), (plain(KG.speaker), "speaker"), (plain(KG.meeting), "meeting"))
CONTEXT, PHRASE, SENTENCE = plain(NIF.Context), plain(NIF.Phrase), plain(NIF.Sentence)
IS_STRING, SOURCE_URL = plain(NIF.isString), plain(NIF.sourceUrl)
BEGIN, END, ANCHOR = plain(NIF.beginIndex), plain(NIF.endIndex), plain(NIF.anchorOf)
REFERENCE_CONTEXT, DERIVED_FROM = plain(NIF.referenceContext), plain(PROV.wasDerivedFrom)


def add_document(g: Part, doc: SourceDoc, place: str | None) -> str:
    """The document node with its metadata, and its text as a ``nif:Context``."""
    node = iri.doc_iri(doc.name)
    for type_ in _DOCUMENT_TYPES:
        g.iri(node, TYPE, type_)
    g.literal(node, _FILE_NAME, doc.name)
    g.literal(node, _SHA256, doc.sha256)
    g.literal(node, _ENCODING, doc.encoding)
    g.literal(node, _LANGUAGE, "zh")
    add_meta(g, node, doc.meta)
    if place is not None:
        g.iri(node, _SPATIAL, place)
    add_context(g, doc)
    return node


def add_meta(g: Part, node: str, meta: DocMeta) -> None:
    """Title, date, year, kind, speaker and meeting, where known."""
    if meta.title:
        g.literal(node, _TITLE, meta.title, language=ZH)
    issued = date_literal(meta.date) if meta.date else None
    if issued is not None:
        g.literal(node, _ISSUED, meta.date or "", datatype=issued)
    elif meta.date:
        logger.warning(
            "%s: date %r is not a valid YYYY-MM-DD, YYYY-MM or YYYY; left out", meta.name, meta.date
        )
    if meta.year is not None:
        g.literal(node, _YEAR, str(int(meta.year)), datatype=INTEGER)
    for prop, field in _META:
        value = getattr(meta, field)
        if value:
            g.literal(node, prop, value, language=ZH)


def date_literal(value: str) -> str | None:
    """The datatype of a date: ``2022-01-25`` xsd:date, ``2024-02`` xsd:gYearMonth, ``2024``
    xsd:gYear; None for anything else, including impossible dates such as 2023-02-30.

    >>> date_literal("2024-02").endswith("gYearMonth")
    True
    >>> date_literal("2023-02-30") is None, date_literal("2024年2月") is None
    (True, True)
    """
    for pattern, datatype in DATE_FORMATS:
        try:
            datetime.strptime(value, pattern)
        except ValueError:
            continue
        if len(value) == len(datetime(2000, 1, 1).strftime(pattern)):
            return datatype
    return None


def add_context(g: Part, doc: SourceDoc) -> str:
    """``doc:<stem>/text``: the whole raw text, offsets 0..len."""
    node = iri.text_iri(doc.name)
    g.iri(node, TYPE, CONTEXT)
    g.literal(node, IS_STRING, doc.raw)
    g.literal(node, BEGIN, "0", datatype=INTEGER)
    g.literal(node, END, str(len(doc.raw)), datatype=INTEGER)
    g.iri(node, SOURCE_URL, iri.doc_iri(doc.name))
    return node


def source_of(docs: Mapping[str, SourceDoc], span: TextSpan) -> SourceDoc:
    """The document a span points into, after checking the span lies inside its text."""
    doc = docs.get(span.doc)
    if doc is None:
        raise OntologyError(f"{span.doc}: span {span.start}-{span.end} names an unknown document")
    if not 0 <= span.start < span.end <= len(doc.raw):
        raise OntologyError(
            f"{span.doc}: span {span.start}-{span.end} lies outside the text (length {len(doc.raw)})"
        )
    return doc


def add_string(g: Part, node: str, cls: str, doc: SourceDoc, span: TextSpan) -> str:
    """A NIF string (phrase or sentence) of ``doc``: class, offsets, anchor, context."""
    if g.has_type(node, cls):  # many mentions share a sentence: write it once
        return node
    g.iri(node, TYPE, cls)
    g.literal(node, BEGIN, str(span.start), datatype=INTEGER)
    g.literal(node, END, str(span.end), datatype=INTEGER)
    g.literal(node, ANCHOR, doc.raw[span.start : span.end])
    g.iri(node, REFERENCE_CONTEXT, iri.text_iri(doc.name))
    return node


def add_phrase(g: Part, docs: Mapping[str, SourceDoc], span: TextSpan) -> str:
    """``doc:<stem>/m/<start>-<end>`` a ``nif:Phrase``."""
    doc = source_of(docs, span)
    node = iri.mention_iri(doc.name, span.start, span.end)
    return add_string(g, node, PHRASE, doc, span)


def add_sentence(g: Part, docs: Mapping[str, SourceDoc], span: TextSpan) -> str:
    """``doc:<stem>/s/<start>-<end>`` a ``nif:Sentence``, with ``prov:wasDerivedFrom`` its document."""
    doc = source_of(docs, span)
    node = iri.sentence_iri(doc.name, span.start, span.end)
    add_string(g, node, SENTENCE, doc, span)
    g.iri(node, DERIVED_FROM, iri.doc_iri(doc.name))
    return node
