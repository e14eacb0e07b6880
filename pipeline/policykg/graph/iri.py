"""Minting IRIs: one pure function, :func:`mint`, and a named helper per kind of node.

IRIs are plain ``str`` (the build writes millions of them; rdflib callers wrap them in
``URIRef``). They keep Chinese letters readable (IRIs allow them) and percent-encode everything else that is
not an unreserved ASCII character, so any file name or label gives a valid, deterministic IRI,
and two different inputs never give the same one.

>>> str(doc_iri("000_c00127774768d764.txt"))
'https://w3id.org/policykg/doc/000_c00127774768d764'
>>> str(mention_iri("2023年 绛县.txt", 10, 14))
'https://w3id.org/policykg/doc/2023年%20绛县/m/10-14'
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import PurePath

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


def mint(*segments: str) -> str:
    """The IRI under the policykg base made of these path segments, each encoded.

    >>> str(mint("id", "enterprise", "d316174913ed"))
    'https://w3id.org/policykg/id/enterprise/d316174913ed'
    """
    if not segments or any(not s for s in segments):
        raise ValueError(f"empty IRI segment in {segments!r}")
    return BASE + "/".join(encode_segment(s) for s in segments)


def doc_stem(doc_name: str) -> str:
    """The file name without its last extension: the document's local name."""
    stem = PurePath(doc_name).stem
    return stem or doc_name


@lru_cache(maxsize=1 << 16)
def entity_iri(entity_id: str) -> str:
    """``id:<type>/<hash>`` for an ``ir.entity_id``.

    >>> str(entity_iri("enterprise/d316174913ed"))
    'https://w3id.org/policykg/id/enterprise/d316174913ed'
    """
    return mint("id", *entity_id.split("/"))


@lru_cache(maxsize=4096)
def doc_iri(doc_name: str) -> str:
    """``doc:<stem>``: the document (made once per document name: every node of a document
    starts with it)."""
    return mint("doc", doc_stem(doc_name))


def text_iri(doc_name: str) -> str:
    """``doc:<stem>/text``: the document's decoded text (a ``nif:Context``)."""
    return doc_iri(doc_name) + "/text"


def mention_iri(doc_name: str, start: int, end: int) -> str:
    """``doc:<stem>/m/<start>-<end>``: a phrase of the text (a mention or an amount)."""
    return f"{doc_iri(doc_name)}/m/{start:d}-{end:d}"  # digits and "-" need no encoding


def sentence_iri(doc_name: str, start: int, end: int) -> str:
    """``doc:<stem>/s/<start>-<end>``: a sentence of the text."""
    return f"{doc_iri(doc_name)}/s/{start:d}-{end:d}"


def amount_iri(doc_name: str, start: int, end: int) -> str:
    """``doc:<stem>/a/<start>-<end>``: the amount stated at that place of the text."""
    return f"{doc_iri(doc_name)}/a/{start:d}-{end:d}"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


def concept_iri(label: str) -> str:
    """``id:concept/<hash>``: a glossary part such as 稳就业, shared by every abbreviation naming it.

    >>> str(concept_iri("稳就业")) == str(concept_iri("稳就业"))
    True
    """
    return mint("id", "concept", _digest("concept", label))


def assertion_iri(relation_type: str, subject_id: str, object_id: str) -> str:
    """``id:assertion/<hash>``: the reified relation between two entities."""
    return mint("id", "assertion", _digest(relation_type, subject_id, object_id))
