"""Decide whether a SPARQL request may run, on the tree a real SPARQL 1.1 parser makes of it.

The parser is rdflib's (pyparsing, the W3C grammar). A query is refused when its tree holds a
SERVICE pattern; an update when it holds LOAD or SERVICE; any text the parser cannot read is
refused too (fail closed), with the parser's message. No hand-written lexer is involved: an
earlier one disagreed with the engine on quotes and numbers, and SERVICE slipped through.

One shortcut, exact rather than heuristic: the engine (Oxigraph) matches keywords ASCII
case-insensitively, so a text whose ASCII-lowercased bytes contain neither ``service`` nor a
``\\u`` escape cannot name SERVICE at all, and a query text can never run an update or LOAD
(``Store.query`` parses queries only). Such texts skip the ~3 ms parse; every other text is
parsed. The differential test in ``tests/test_sparql_guard_differential.py`` checks the claim
against the engine itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from policykg.errors import QueryError

QUERY_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
MAX_BRACKETS = 2000  # '{' plus '(' in one request; deeper nesting can exhaust the engine's stack


class RefusedQueryError(QueryError):
    """This server does not run the request: 403 (update, SERVICE, LOAD) or 400 (unreadable)."""

    def __init__(self, reason: str, *, status: int = 403) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class RequestShape:
    """What a request is: its form (SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE) and operations."""

    form: str
    operations: frozenset[str]

    @property
    def is_update(self) -> bool:
        return self.form == "UPDATE"

    @property
    def uses_service(self) -> bool:
        return "ServiceGraphPattern" in self.operations


def could_name_service(text: str) -> bool:
    """False only when no spelling of SERVICE the engine accepts can occur in ``text``."""
    folded = text.encode("utf-8", "surrogatepass").lower()  # lowercases ASCII bytes only
    return b"service" in folded or b"\\u" in folded


def check_nesting(text: str) -> None:
    """Refuse (400) a request with more brackets than any sensible query needs."""
    brackets = text.count("{") + text.count("(")
    if brackets > MAX_BRACKETS:
        raise RefusedQueryError(
            f"the request has {brackets} brackets; at most {MAX_BRACKETS} are accepted "
            "(deeper nesting or longer UNION chains can exhaust the engine)",
            status=400,
        )


def _nodes(tree: object) -> Iterator[CompValue]:
    """Every named node of a parse tree, walked without recursion."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)  # type: ignore[arg-type]


def _shape(form: str, tree: object) -> RequestShape:
    return RequestShape(form, frozenset(node.name for node in _nodes(tree)))


def _unreadable(kind: str, exc: BaseException) -> RefusedQueryError:
    if isinstance(exc, RecursionError):
        return RefusedQueryError(f"bad {kind}: it nests too deeply to be parsed", status=400)
    return RefusedQueryError(f"bad {kind}: {exc}", status=400)


def parse_update_shape(text: str) -> RequestShape:
    """The parsed shape of an update; raises :class:`RefusedQueryError` (400) if unreadable."""
    check_nesting(text)
    try:
        tree = parseUpdate(text)
    except Exception as exc:  # fail closed, whatever the parser raised
        raise _unreadable("update", exc) from exc
    return _shape("UPDATE", tree)


def parse_query_shape(text: str) -> RequestShape:
    """The parsed shape of a query (an update is recognised and reported as UPDATE)."""
    check_nesting(text)
    try:
        _prologue, query = parseQuery(text)
    except Exception as exc:  # fail closed, whatever the parser raised
        if is_update_text(text):
            return RequestShape("UPDATE", frozenset())
        raise _unreadable("query", exc) from exc
    return _shape(QUERY_FORMS.get(query.name, query.name), query)


def is_update_text(text: str) -> bool:
    """True when the text parses as a SPARQL update (used to explain a refusal)."""
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


UPDATE_SENT_AS_QUERY = (
    "this is a SPARQL update; send it as an update (POST update=…), "
    "and only to a server started with --allow-update"
)


def check_query(text: str, *, allow_service: bool = False) -> RequestShape | None:
    """Accept a read-only query; raise :class:`RefusedQueryError` for anything else.

    Returns the parsed shape, or None when the text was accepted by the exact shortcut
    (no SERVICE can occur in it, see the module notes) without parsing.
    """
    check_nesting(text)
    if not allow_service and not could_name_service(text):
        return None
    shape = parse_query_shape(text)
    if shape.is_update:
        raise RefusedQueryError(UPDATE_SENT_AS_QUERY)
    if shape.uses_service and not allow_service:
        raise RefusedQueryError(
            "SERVICE (federated query) is disabled: this server never calls other endpoints"
        )
    return shape


def check_update(text: str) -> RequestShape:
    """Accept an update without LOAD or SERVICE (both make the server fetch from the network)."""
    shape = parse_update_shape(text)
    for name, word in (("Load", "LOAD"), ("ServiceGraphPattern", "SERVICE")):
        if name in shape.operations:
            raise RefusedQueryError(
                f"{word} is disabled: updates may not fetch data from the network"
            )
    return shape


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE; UNKNOWN when rdflib cannot read the text."""
    try:
        return parse_query_shape(text).form
    except RefusedQueryError:
        return "UNKNOWN"
