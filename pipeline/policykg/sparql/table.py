"""A result as a text table for the terminal (IRIs shortened with the project's prefixes)."""

from __future__ import annotations

import io

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from policykg.sparql.results import COMMON_PREFIXES, AskResult, QueryResult, SelectResult, Term


def short_term(term: Term | None) -> str:
    """``kg:Project`` for a known namespace, the lexical value for a literal, '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in COMMON_PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def render_table(result: QueryResult, *, width: int = 160) -> str:
    """A SELECT/ASK result as a text table ending with a row count."""
    if isinstance(result, AskResult):
        return f"{str(result.value).lower()}\n"
    if not isinstance(result, SelectResult):
        raise TypeError("a graph result has no table form; ask for ttl, nt or jsonld")
    table = Table(*result.variables, show_lines=False, header_style="bold")
    for row in result.rows:
        table.add_row(*(short_term(term) for term in row))
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(table)
    note = " (truncated)" if result.truncated else ""
    return buffer.getvalue() + f"{len(result.rows)} row(s){note}\n"
