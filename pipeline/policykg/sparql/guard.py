"""Inspect a SPARQL request before any engine sees it: its form, and whether it may run.

The request is tokenised the way the SPARQL grammar does it (codepoint escapes first, then
comments, strings, IRIs, prefixed names and variables), so a keyword counts only where the
parser would read it as a keyword: ``SERVICE`` inside a string, an IRI, a comment or a name such
as ``ex:SERVICE`` is not a federated query, and ``\\u0053ERVICE`` is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.errors import QueryError

_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN_LOCAL_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'
               |"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w.:-]|%[0-9A-Fa-f]{2}|"""
    + _PN_LOCAL_ESCAPE
    + r""")*)
    | (?P<bnode>_:[\w.-]+)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
PROLOGUE_KEYWORDS = frozenset({"PREFIX", "BASE"})


class RefusedQueryError(QueryError):
    """The request is well formed but this server does not run it (update, SERVICE…)."""

    def __init__(self, reason: str, *, status: int = 403) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class RequestShape:
    """What a SPARQL request is: its form (SELECT, ASK, …, or UPDATE) and its keywords."""

    form: str
    keywords: frozenset[str]

    @property
    def is_update(self) -> bool:
        return self.form == "UPDATE"

    @property
    def uses_service(self) -> bool:
        return "SERVICE" in self.keywords


def unescape_codepoints(text: str) -> str:
    """Apply SPARQL's ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes, which precede all parsing."""

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT_ESCAPE.sub(replace, text)


def keywords(text: str) -> list[str]:
    """The bare words of a request, upper-cased, in order (names, strings and IRIs excluded)."""
    words = []
    for match in _TOKEN.finditer(unescape_codepoints(text)):
        if match.lastgroup == "word":
            words.append(match.group().upper())
    return words


def inspect_request(text: str) -> RequestShape:
    """Classify a request by its first keyword after the prologue."""
    words = keywords(text)
    form = "UNKNOWN"
    for word in words:
        if word in PROLOGUE_KEYWORDS:
            continue
        if word in QUERY_FORMS:
            form = word
        elif word in UPDATE_KEYWORDS:
            form = "UPDATE"
        break
    return RequestShape(form=form, keywords=frozenset(words))


def check_query(text: str, *, allow_service: bool = False) -> RequestShape:
    """Accept a read-only query; raise :class:`RefusedQueryError` for anything else."""
    shape = inspect_request(text)
    if shape.is_update:
        raise RefusedQueryError(
            "this is a SPARQL update; send it as an update (POST update=…), "
            "and only to a server started with --allow-update"
        )
    if shape.uses_service and not allow_service:
        raise RefusedQueryError(
            "SERVICE (federated query) is disabled: this server never calls other endpoints"
        )
    return shape


def check_update(text: str) -> RequestShape:
    """Accept an update without LOAD or SERVICE (both make the server fetch from the network)."""
    shape = inspect_request(text)
    if shape.form in QUERY_FORMS:
        raise RefusedQueryError("this is a query, not an update: send it as query=…", status=400)
    for word in ("LOAD", "SERVICE"):
        if word in shape.keywords:
            raise RefusedQueryError(
                f"{word} is disabled: updates may not fetch data from the network"
            )
    return shape
