"""Where a view reads from: a pyoxigraph Store, an rdflib Graph, or a Turtle file, and the
SELECT helper every view query goes through."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib

from policykg.views.spec import ViewError, read_query

log = logging.getLogger(__name__)

GraphSource = ox.Store | rdflib.Graph | Path | str
Row = dict[str, str]


def as_store(source: GraphSource) -> ox.Store:
    """A pyoxigraph Store holding ``source`` (returned as is when it already is one)."""
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    if isinstance(source, rdflib.Graph):
        data = source.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        return store
    path = Path(source)
    if not path.is_file():
        raise ViewError(f"{path}: graph file not found")
    try:
        store.bulk_load(path=str(path), format=_format_of(path))
    except (SyntaxError, ValueError, OSError) as exc:
        raise ViewError(f"{path}: cannot load the graph: {exc}") from exc
    return store


def _format_of(path: Path) -> ox.RdfFormat:
    by_suffix = {".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS}
    return by_suffix.get(path.suffix.lower(), ox.RdfFormat.TURTLE)


def _term_value(term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return term.value
    return str(term)


def select(
    store: ox.Store, query: str, bindings: dict[str, ox.NamedNode] | None = None
) -> list[Row]:
    """Rows of a SELECT query as ``{variable: value}``; unbound variables are left out."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in (bindings or {}).items()
    }
    try:
        solutions = store.query(query, substitutions=substitutions)
    except SyntaxError as exc:
        raise ViewError(f"view query does not parse: {exc}") from exc
    if not isinstance(solutions, ox.QuerySolutions):
        raise ViewError("view queries must be SELECT queries")
    names = [v.value for v in solutions.variables]
    rows: list[Row] = []
    for solution in solutions:
        row = {n: _term_value(solution[n]) for n in names if solution[n] is not None}
        rows.append(row)
    return rows


def select_named(
    store: ox.Store, name: str, bindings: dict[str, ox.NamedNode] | None = None
) -> list[Row]:
    """Run ``viz/<name>.rq``."""
    return select(store, read_query(name), bindings)


def select_for_nodes(store: ox.Store, name: str, nodes: Iterable[str]) -> list[Row]:
    """Run ``viz/<name>.rq`` with ``?node`` bound to each of ``nodes``: a VALUES block is put
    first in its WHERE clause, so OPTIONAL parts keep nodes that lack them."""
    iris = [str(ox.NamedNode(n)) for n in nodes if _is_iri(n)]
    if not iris:
        return []
    query = read_query(name)
    if "WHERE {" not in query:
        raise ViewError(f"viz/{name}.rq: expected a 'WHERE {{' to bind ?node in")
    values = "\n  VALUES ?node { " + " ".join(iris) + " }\n"
    return select(store, query.replace("WHERE {", "WHERE {" + values, 1))


def _is_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return ":" in value
