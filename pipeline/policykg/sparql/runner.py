"""One query, start to end: run it locally or remotely and format the answer as asked."""

from __future__ import annotations

from pathlib import Path

from policykg.errors import QueryError
from policykg.sparql.client import query_endpoint
from policykg.sparql.execute import QuerySyntaxError, parse_results, run_query
from policykg.sparql.formats import ResultFormat, format_by_name
from policykg.sparql.guard import (
    UPDATE_SENT_AS_QUERY,
    RefusedQueryError,
    check_query,
    is_update_text,
    query_form,
)
from policykg.sparql.results import GraphResult, QueryResult, encode_result
from policykg.sparql.store import load_memory_store
from policykg.sparql.table import render_table

OUTPUT_NAMES = ("table", "json", "csv", "tsv")


def _solution_format(name: str) -> ResultFormat:
    fmt = format_by_name("json" if name == "table" else name, "solutions")
    if fmt is None:
        choices = ", ".join(OUTPUT_NAMES)
        raise QueryError(f"unknown output format {name!r} (choose {choices})")
    return fmt


def _graph_format(name: str) -> ResultFormat:
    fmt = format_by_name(name, "graph")
    return fmt if fmt is not None else format_by_name("ttl", "graph")  # type: ignore[return-value]


def format_answer(result: QueryResult, output: str) -> bytes:
    """Bytes to print: a table, a SPARQL results document, or RDF for CONSTRUCT/DESCRIBE."""
    if isinstance(result, GraphResult):
        return encode_result(result, _graph_format(output))
    if output == "table":
        return render_table(result).encode()
    return encode_result(result, _solution_format(output))


def answer_locally(
    text: str, graph: Path, output: str = "table", max_results: int | None = None
) -> bytes:
    """Run a read-only query on the graph file (loaded into memory) and format it."""
    _solution_format(output)
    check_query(text)
    store = load_memory_store(graph)
    try:
        result = run_query(store, text, max_results=max_results)
    except QuerySyntaxError:
        if is_update_text(text):  # the engine's query parser names no update: we do
            raise RefusedQueryError(UPDATE_SENT_AS_QUERY) from None
        raise
    return format_answer(result, output)


def answer_remotely(text: str, endpoint: str, output: str = "table") -> bytes:
    """Run a query on a SPARQL endpoint and format it like a local answer."""
    fmt = _solution_format(output)
    form = query_form(text)
    if form == "UPDATE":
        raise RefusedQueryError(UPDATE_SENT_AS_QUERY)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return query_endpoint(endpoint, text, _graph_format(output)).body
    answer = query_endpoint(endpoint, text, fmt)
    if output != "table":
        return answer.body
    return render_table(parse_results(answer.body, answer.media_type)).encode()
