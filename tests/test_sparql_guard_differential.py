"""Differential test of the guard against the engine: whatever Oxigraph runs with a SERVICE call
in it, the guard refuses.

The oracle is the engine itself: generated and mutated queries are run by pyoxigraph on a small
store, and a listener on 127.0.0.1 records every SERVICE call the engine makes. A query that
reached the listener must be one the guard refuses.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import ClassVar

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from policykg.sparql.guard import RefusedQueryError, check_query, could_name_service

XSD = "http://www.w3.org/2001/XMLSchema#"
EMPTY_RESULTS = b'{"head":{"vars":["x","y","z"]},"results":{"bindings":[]}}'


class Listener(http.server.BaseHTTPRequestHandler):
    """Stands in for an internal service: counts the calls and answers with no solutions."""

    calls: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Listener.calls.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
        self.end_headers()
        self.wfile.write(EMPTY_RESULTS)

    def do_GET(self) -> None:
        self.do_POST()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/probe"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    subject, predicate = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b")
    for value in (ox.Literal("1000", datatype=ox.NamedNode(XSD + "double")), ox.Literal("x>")):
        store.add(ox.Quad(subject, predicate, value))
    store.add(ox.Quad(subject, predicate, ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))))
    return store


def engine_calls_out(store: ox.Store, text: str) -> bool:
    """True if evaluating ``text`` made the engine call the listener."""
    before = len(Listener.calls)
    try:
        for _ in store.query(text):  # type: ignore[union-attr]
            pass
    except (SyntaxError, OSError, RuntimeError, ValueError, TypeError):
        pass
    return len(Listener.calls) > before


def guard_refuses(text: str) -> bool:
    try:
        check_query(text)
    except RefusedQueryError:
        return True
    return False


NOISE = [
    "",
    "FILTER(1<'x>'||true) ",
    "?s ?p 1e3",
    "?s ?p 1e3 . ",
    "?s ?p 1.5e+3",
    "?s ?p 'x>' . ",
    "# a comment with ' and <\n",
    "BIND('''a\\'' AS ?q) ",
    'BIND("\\"" AS ?r) ',
    "FILTER(?o < 'x>') ",
    "OPTIONAL { ?s ?p ?o } ",
]
SPELLINGS = ["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "SERVIC\\u0045"]
SEPARATORS = [" ", "", "\n", "\t", "#'\n", "# SERVICE\n"]
TRICKY = ["'", '"', "<", ">", "#", "\\", "{", "}", "1e3", " ", "\n", ".", "||", "(", ")", "'''"]


@st.composite
def queries(draw: st.DrawFn, url: str) -> str:
    """A SELECT with a SERVICE clause spelt and surrounded in ways lexers disagree on, mutated."""
    text = (
        "SELECT * WHERE { "
        + draw(st.sampled_from(NOISE))
        + draw(st.sampled_from(SEPARATORS))
        + draw(st.sampled_from(SPELLINGS))
        + draw(st.sampled_from(["", " SILENT"]))
        + draw(st.sampled_from(SEPARATORS))
        + f"<{url}>"
        + draw(st.sampled_from(SEPARATORS))
        + "{ ?x ?y ?z } }"
        + draw(st.sampled_from(["", "#'", " #'''", "\n"]))
    )
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(TRICKY)) + text[at:]
        else:
            text = text[:at] + text[at + 1 :]
    return text


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_whatever_the_engine_sends_out_the_guard_refuses(
    data: st.DataObject, store: ox.Store, listener_url: str
) -> None:
    text = data.draw(queries(listener_url))
    if engine_calls_out(store, text):
        event("the engine called the listener")
        assert could_name_service(text)
        assert guard_refuses(text), text


@pytest.mark.parametrize(
    "template",
    [
        "SELECT ?x WHERE {{ FILTER(1<'x>'||true) SERVICE <{url}> {{ ?x ?y ?z }} }}#'",
        "SELECT * {{ ?s ?p 1e3SERVICE <{url}> {{?x ?y ?z}} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?x ?y ?z }} }}",
    ],
)
def test_the_oracle_sees_the_reproductions(
    template: str, store: ox.Store, listener_url: str
) -> None:
    """The known bypasses do reach the listener through the engine, and the guard refuses them."""
    text = template.format(url=listener_url)
    assert engine_calls_out(store, text)
    assert guard_refuses(text)
