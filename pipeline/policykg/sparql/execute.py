"""Run a SPARQL query on a pyoxigraph store and collect a (possibly capped) result."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from policykg.errors import QueryError
from policykg.sparql.results import AskResult, GraphResult, QueryResult, SelectResult


class QuerySyntaxError(QueryError):
    """The engine's parser rejected the query; the message is the parser's."""


def _default_graph(
    uris: Sequence[str],
) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None:
    return [ox.NamedNode(uri) for uri in uris] if uris else None


def _named_graphs(uris: Sequence[str]) -> list[ox.NamedNode | ox.BlankNode] | None:
    return [ox.NamedNode(uri) for uri in uris] if uris else None


def collect_solutions(solutions: ox.QuerySolutions, max_results: int | None) -> SelectResult:
    variables = tuple(var.value for var in solutions.variables)
    limit = None if max_results is None else max_results + 1
    # A solution iterates over its values in the order of ``variables``, None where unbound
    # (checked on pyoxigraph 0.5); much cheaper than one lookup by name per cell.
    rows = [tuple(solution) for solution in itertools.islice(solutions, limit)]
    truncated = max_results is not None and len(rows) > max_results
    return SelectResult(variables, tuple(rows[:max_results] if truncated else rows), truncated)


def collect_triples(triples: Iterable[ox.Triple], max_results: int | None) -> GraphResult:
    limit = None if max_results is None else max_results + 1
    kept = list(itertools.islice(triples, limit))
    truncated = max_results is not None and len(kept) > max_results
    return GraphResult(tuple(kept[:max_results] if truncated else kept), truncated)


def run_query(
    store: ox.Store,
    text: str,
    *,
    max_results: int | None = None,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
) -> QueryResult:
    """Evaluate ``text`` on ``store``; keep at most ``max_results`` rows or triples."""
    try:
        answer = store.query(
            text,
            default_graph=_default_graph(default_graph_uris),
            named_graphs=_named_graphs(named_graph_uris),
        )
    except SyntaxError as exc:
        raise QuerySyntaxError(f"bad query: {exc}") from exc
    if isinstance(answer, ox.QueryBoolean):
        return AskResult(bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        return collect_solutions(answer, max_results)
    return collect_triples(answer, max_results)


def parse_results(data: bytes, media_type: str) -> QueryResult:
    """Read a SPARQL results document (as sent by a remote endpoint) back into a result."""
    fmt = ox.QueryResultsFormat.from_media_type(media_type.split(";")[0].strip())
    if fmt is None:
        raise QueryError(f"cannot read results of media type {media_type!r}")
    parsed = ox.parse_query_results(data, fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return AskResult(bool(parsed))
    return collect_solutions(parsed, None)
