"""Result formats: their names, media types, and content negotiation on an Accept header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ResultKind = Literal["solutions", "graph"]


@dataclass(frozen=True)
class ResultFormat:
    """One serialisation we can write: ``name`` for the CLI, ``media_type`` for HTTP."""

    name: str
    media_type: str
    kind: ResultKind
    aliases: tuple[str, ...] = ()


SOLUTION_FORMATS = (
    ResultFormat("json", "application/sparql-results+json", "solutions", ("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", "solutions", ("application/xml",)),
    ResultFormat("csv", "text/csv", "solutions"),
    ResultFormat("tsv", "text/tab-separated-values", "solutions"),
)
GRAPH_FORMATS = (
    ResultFormat("ttl", "text/turtle", "graph", ("application/x-turtle",)),
    ResultFormat("nt", "application/n-triples", "graph", ("text/plain",)),
    ResultFormat("jsonld", "application/ld+json", "graph", ("application/json",)),
    ResultFormat("rdfxml", "application/rdf+xml", "graph", ("application/xml",)),
)
_NAME_ALIASES = {"turtle": "ttl", "ntriples": "nt", "json-ld": "jsonld", "sparql-results": "json"}


def formats_for(kind: ResultKind) -> tuple[ResultFormat, ...]:
    return SOLUTION_FORMATS if kind == "solutions" else GRAPH_FORMATS


def format_by_name(name: str, kind: ResultKind) -> ResultFormat | None:
    """The format called ``name`` (``json``, ``csv``, ``ttl``, …) or given by a media type."""
    wanted = _NAME_ALIASES.get(name.lower(), name.lower())
    for fmt in formats_for(kind):
        if wanted in (fmt.name, fmt.media_type, *fmt.aliases):
            return fmt
    return None


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    ranges: list[tuple[str, float, int]] = []
    for position, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((pieces[0].lower(), quality, position))
    ranges.sort(key=lambda item: (-item[1], item[2]))
    return [(media, quality) for media, quality, _ in ranges if quality > 0]


def negotiate(accept: str | None, kind: ResultKind) -> ResultFormat | None:
    """The best format for an Accept header; the first (default) one if none was asked for."""
    choices = formats_for(kind)
    if not accept or not accept.strip():
        return choices[0]
    for media, _ in parse_accept(accept):
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            for fmt in choices:
                if media == "*/*" or fmt.media_type.startswith(prefix + "/"):
                    return fmt
        for fmt in choices:
            if media == fmt.media_type or media in fmt.aliases:
                return fmt
    return None
