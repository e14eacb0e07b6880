"""Minting IRIs: one pure function, :func:`mint`, and a named helper per kind of node.

IRIs keep Chinese letters readable (IRIs allow them) and percent-encode everything else that is
not an unreserved ASCII character, so any file name or label gives a valid, deterministic IRI,
and two different inputs never give the same one.

>>> str(doc_iri("000_c00127774768d764.txt"))
'https://w3id.org/policykg/doc/000_c00127774768d764'
>>> str(mention_iri("2023年 绛县.txt", 10, 14))
'https://w3id.org/policykg/doc/2023年%20绛县/m/10-14'
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from rdflib import URIRef

from policykg.graph.vocab import BASE

_UNRESERVED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")


def encode_segment(segment: str) -> str:
    """One path segment: letters and digits (any script) and ``-._~`` kept, the rest %-encoded.

    >>> encode_segment("六稳/六保 ?")
    '六稳%2F六保%20%3F'
    """
    out: list[str] = []
    for char in segment:
        if char in _UNRESERVED or (not char.isascii() and char.isalnum()):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def mint(*segments: str) -> URIRef:
    """The IRI under the policykg base made of these path segments, each encoded.

    >>> str(mint("id", "enterprise", "d316174913ed"))
    'https://w3id.org/policykg/id/enterprise/d316174913ed'
    """
    if not segments or any(not s for s in segments):
        raise ValueError(f"empty IRI segment in {segments!r}")
    return URIRef(BASE + "/".join(encode_segment(s) for s in segments))


def doc_stem(doc_name: str) -> str:
    """The file name without its last extension: the document's local name."""
    stem = PurePath(doc_name).stem
    return stem or doc_name


def entity_iri(entity_id: str) -> URIRef:
    """``id:<type>/<hash>`` for an ``ir.entity_id``.

    >>> str(entity_iri("enterprise/d316174913ed"))
    'https://w3id.org/policykg/id/enterprise/d316174913ed'
    """
    return mint("id", *entity_id.split("/"))


def doc_iri(doc_name: str) -> URIRef:
    """``doc:<stem>``: the document."""
    return mint("doc", doc_stem(doc_name))


def text_iri(doc_name: str) -> URIRef:
    """``doc:<stem>/text``: the document's decoded text (a ``nif:Context``)."""
    return mint("doc", doc_stem(doc_name), "text")


def mention_iri(doc_name: str, start: int, end: int) -> URIRef:
    """``doc:<stem>/m/<start>-<end>``: a phrase of the text (a mention or an amount)."""
    return mint("doc", doc_stem(doc_name), "m", f"{start}-{end}")


def sentence_iri(doc_name: str, start: int, end: int) -> URIRef:
    """``doc:<stem>/s/<start>-<end>``: a sentence of the text."""
    return mint("doc", doc_stem(doc_name), "s", f"{start}-{end}")


def amount_iri(doc_name: str, start: int, end: int) -> URIRef:
    """``doc:<stem>/a/<start>-<end>``: the amount stated at that place of the text."""
    return mint("doc", doc_stem(doc_name), "a", f"{start}-{end}")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


def concept_iri(label: str) -> URIRef:
    """``id:concept/<hash>``: a glossary part such as 稳就业, shared by every abbreviation naming it.

    >>> str(concept_iri("稳就业")) == str(concept_iri("稳就业"))
    True
    """
    return mint("id", "concept", _digest("concept", label))


def assertion_iri(relation_type: str, subject_id: str, object_id: str) -> URIRef:
    """``id:assertion/<hash>``: the reified relation between two entities."""
    return mint("id", "assertion", _digest(relation_type, subject_id, object_id))
