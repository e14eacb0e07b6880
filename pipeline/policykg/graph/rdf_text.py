"""Documents and their text as RDF: ``kg:Document``, the NIF context, phrases and sentences.

Anchors are always cut from the raw decoded text, so ``SUBSTR(isString, begin+1, end-begin)``
equals ``nif:anchorOf`` by construction; an offset outside the text is an error, not a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from policykg.errors import OntologyError
from policykg.graph import iri
from policykg.graph.vocab import DOCUMENT_CLASSES, KG, NIF
from policykg.ir import DocMeta, SourceDoc, TextSpan

logger = logging.getLogger(__name__)

ZH = "zh"
DATE_FORMATS = (("%Y-%m-%d", XSD.date), ("%Y-%m", XSD.gYearMonth), ("%Y", XSD.gYear))


def add_document(g: Graph, doc: SourceDoc, place: URIRef | None) -> URIRef:
    """The document node with its metadata, and its text as a ``nif:Context``."""
    node = iri.doc_iri(doc.name)
    cls, supers = DOCUMENT_CLASSES
    for type_ in (cls, *supers):
        g.add((node, RDF.type, type_))
    g.add((node, KG.fileName, Literal(doc.name)))
    g.add((node, KG.sha256, Literal(doc.sha256)))
    g.add((node, KG.encoding, Literal(doc.encoding)))
    g.add((node, DCTERMS.language, Literal("zh")))
    add_meta(g, node, doc.meta)
    if place is not None:
        g.add((node, DCTERMS.spatial, place))
    add_context(g, doc)
    return node


def add_meta(g: Graph, node: URIRef, meta: DocMeta) -> None:
    """Title, date, year, kind, speaker and meeting, where known."""
    if meta.title:
        g.add((node, DCTERMS.title, Literal(meta.title, lang=ZH)))
    issued = date_literal(meta.date) if meta.date else None
    if issued is not None:
        g.add((node, DCTERMS.issued, issued))
    elif meta.date:
        logger.warning(
            "%s: date %r is not a valid YYYY-MM-DD, YYYY-MM or YYYY; left out", meta.name, meta.date
        )
    if meta.year is not None:
        g.add((node, KG.year, Literal(meta.year, datatype=XSD.integer)))
    for prop, value in (
        (KG.kind, meta.kind),
        (KG.speaker, meta.speaker),
        (KG.meeting, meta.meeting),
    ):
        if value:
            g.add((node, prop, Literal(value, lang=ZH)))


def date_literal(value: str) -> Literal | None:
    """``2022-01-25`` as xsd:date, ``2024-02`` as xsd:gYearMonth, ``2024`` as xsd:gYear;
    None for anything else, including impossible dates such as 2023-02-30.

    >>> date_literal("2024-02").datatype.endswith("gYearMonth")
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
            return Literal(value, datatype=datatype)
    return None


def add_context(g: Graph, doc: SourceDoc) -> URIRef:
    """``doc:<stem>/text``: the whole raw text, offsets 0..len."""
    node = iri.text_iri(doc.name)
    g.add((node, RDF.type, NIF.Context))
    g.add((node, NIF.isString, Literal(doc.raw)))
    g.add((node, NIF.beginIndex, Literal(0, datatype=XSD.integer)))
    g.add((node, NIF.endIndex, Literal(len(doc.raw), datatype=XSD.integer)))
    g.add((node, NIF.sourceUrl, iri.doc_iri(doc.name)))
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


def add_string(g: Graph, node: URIRef, cls: URIRef, doc: SourceDoc, span: TextSpan) -> URIRef:
    """A NIF string (phrase or sentence) of ``doc``: class, offsets, anchor, context."""
    if (node, RDF.type, cls) in g:  # many mentions share a sentence: write it once
        return node
    g.add((node, RDF.type, cls))
    g.add((node, NIF.beginIndex, Literal(span.start, datatype=XSD.integer)))
    g.add((node, NIF.endIndex, Literal(span.end, datatype=XSD.integer)))
    g.add((node, NIF.anchorOf, Literal(doc.raw[span.start : span.end])))
    g.add((node, NIF.referenceContext, iri.text_iri(doc.name)))
    return node


def add_phrase(g: Graph, docs: Mapping[str, SourceDoc], span: TextSpan) -> URIRef:
    """``doc:<stem>/m/<start>-<end>`` a ``nif:Phrase``."""
    doc = source_of(docs, span)
    node = iri.mention_iri(doc.name, span.start, span.end)
    return add_string(g, node, NIF.Phrase, doc, span)


def add_sentence(g: Graph, docs: Mapping[str, SourceDoc], span: TextSpan) -> URIRef:
    """``doc:<stem>/s/<start>-<end>`` a ``nif:Sentence``, with ``prov:wasDerivedFrom`` its document."""
    doc = source_of(docs, span)
    node = iri.sentence_iri(doc.name, span.start, span.end)
    add_string(g, node, NIF.Sentence, doc, span)
    g.add((node, PROV.wasDerivedFrom, iri.doc_iri(doc.name)))
    return node
