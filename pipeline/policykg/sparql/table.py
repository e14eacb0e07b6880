"""A result as a text table for the terminal: IRIs shortened with the project's prefixes, and
each IRI column's label column (``?xLabel``, or ``?label`` for the first) moved before it and
given the room, the IRI cut short: people read the names."""

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


IRI_WIDTH = 18  # characters of an IRI column that has a label column beside it
LABEL_WIDTH = 14  # a label column is at least this wide (or as wide as its longest label)


def _is_iri_column(result: SelectResult, index: int) -> bool:
    return any(isinstance(row[index], ox.NamedNode) for row in result.rows)


def labels_first(result: SelectResult) -> tuple[list[int], set[int], set[int]]:
    """The column order with each label before its IRI, the labelled IRI columns, the labels."""
    names = list(result.variables)
    order: list[int] = []
    labelled: set[int] = set()
    labels: set[int] = set()
    for index, name in enumerate(names):
        if index in order:
            continue
        label = f"{name}Label" if f"{name}Label" in names else None
        if label is None and "label" in names and not labels and _is_iri_column(result, index):
            label = "label"
        if label is not None and _is_iri_column(result, index):
            position = names.index(label)
            if position not in order:
                order.append(position)
            labelled.add(index)
            labels.add(position)
        order.append(index)
    return order, labelled, labels


def _width(text: str) -> int:
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _table(result: SelectResult) -> Table:
    order, labelled, labels = labels_first(result)
    table = Table(show_lines=False, header_style="bold")
    for index in order:
        name = str(result.variables[index])
        if index in labelled:
            table.add_column(name, max_width=IRI_WIDTH, no_wrap=True, overflow="ellipsis")
        elif index in labels:
            longest = max((_width(short_term(row[index])) for row in result.rows), default=0)
            width = min(max(longest, len(name)), LABEL_WIDTH * 2)
            table.add_column(name, min_width=width, overflow="fold")
        else:
            table.add_column(name)
    for row in result.rows:
        table.add_row(*(short_term(row[index]) for index in order))
    return table


def render_table(result: QueryResult, *, width: int = 160) -> str:
    """A SELECT/ASK result as a text table ending with a row count."""
    if isinstance(result, AskResult):
        return f"{str(result.value).lower()}\n"
    if not isinstance(result, SelectResult):
        raise TypeError("a graph result has no table form; ask for ttl, nt or jsonld")
    table = _table(result)
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(table)
    note = " (truncated)" if result.truncated else ""
    return buffer.getvalue() + f"{len(result.rows)} row(s){note}\n"
