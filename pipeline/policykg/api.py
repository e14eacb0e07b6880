"""policykg from Python, for notebooks: extract a text or file, build a folder, open a graph, run
a saved or written query and get rows, show a view inline. ``import policykg`` loads none of
this until it is used (``policykg.extract`` etc. are looked up here on first access), so the
command line stays quick.

>>> import policykg
>>> graph = policykg.open_graph("out/graph.ttl")  # doctest: +SKIP
>>> graph.query("enterprise-projects")             # doctest: +SKIP
"""

from __future__ import annotations

import html
import importlib
import json
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph as ox

    from policykg.sparql.results import Term

Record = dict[str, Any]
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC: dict[str, type] = {
    XSD + "integer": int,
    XSD + "int": int,
    XSD + "long": int,
    XSD + "double": float,
    XSD + "float": float,
    XSD + "decimal": Decimal,
}


def extract(source: str | Path) -> list[Record]:
    """The document's metadata, then the entities and relations found in a file (a ``Path``, or a ``str`` naming an
    existing file) or in a text given as a ``str`` — the records ``policykg extract`` prints."""
    from policykg.nlp.extract import extract_batch
    from policykg.nlp.jsonl import dump_extraction
    from policykg.text.sources import read_batch

    if isinstance(source, Path) or (
        len(source) < 4096 and "\n" not in source and Path(source).is_file()
    ):
        batch = read_batch([Path(source)])
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "text.txt"
            path.write_text(str(source), encoding="utf-8")
            batch = read_batch([path])
    if batch.failures:
        raise ValueError("; ".join(f"{name}: {reason}" for name, reason in batch.failures))
    return [json.loads(line) for line in dump_extraction(extract_batch(batch))]


def build_graph(folder: str | Path, out: str | Path = "out") -> Graph:
    """Build ``out/graph.ttl`` from the documents in ``folder`` (as ``policykg build``)."""
    from policykg.build.run import build as run

    result = run(Path(folder), Path(out))
    if result.failures:
        names = ", ".join(name for name, _ in result.failures)
        raise ValueError(f"could not read or extract: {names} (the others are in the graph)")
    return Graph(result.graph_path)


def open_graph(path: str | Path = "out/graph.ttl") -> Graph:
    """A graph file (Turtle, N-Triples…) to query and draw."""
    found = Path(path)
    if not found.is_file():
        raise FileNotFoundError(f"{found}: no such graph (build one with policykg.build_graph)")
    return Graph(found)


def saved_queries() -> dict[str, str]:
    """The saved queries' names and titles (``policykg query NAME`` runs one)."""
    from policykg.sparql.saved import load_saved_queries

    return {q.name: q.title for q in load_saved_queries()}


def _value(term: Term | None) -> Any:
    """A literal as a Python number when it is typed as one, else its text; an IRI as its text."""
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    kind = NUMERIC.get(datatype.value) if datatype is not None else None
    return kind(_text(term)) if kind else _text(term)


def _text(term: object) -> str:
    return str(getattr(term, "value", term))


def as_table(records: list[Record], columns: list[str]) -> Any:
    """A pandas DataFrame when pandas is installed, the list of dicts otherwise."""
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        return records
    return pandas.DataFrame.from_records(records, columns=columns)


@dataclass
class Graph:
    """One graph file, loaded into an in-memory pyoxigraph store on first use."""

    path: Path
    _store: ox.Store | None = field(default=None, repr=False, compare=False)

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            from policykg.sparql.store import load_memory_store

            self._store = load_memory_store(self.path)
        return self._store

    def query(self, query: str) -> Any:
        """Run a saved query (by name, see ``saved_queries()``) or SPARQL text. SELECT gives rows
        — a pandas DataFrame, or a list of dicts without pandas —, ASK a bool, CONSTRUCT a list
        of (subject, predicate, object) strings."""
        from policykg.sparql.execute import run_query
        from policykg.sparql.results import AskResult, SelectResult
        from policykg.sparql.saved import resolve_query_source

        text = query if any(c in query for c in " \n{") else resolve_query_source(query).text
        result = run_query(self.store, text)
        if isinstance(result, AskResult):
            return result.value
        if isinstance(result, SelectResult):
            names = list(result.variables)
            rows = [{n: _value(t) for n, t in zip(names, row, strict=True)} for row in result.rows]
            return as_table(rows, names)
        return [(_text(t.subject), _text(t.predicate), _text(t.object)) for t in result.triples]

    def view(self, name: str = "company_projects", **params: str | int) -> View:
        """A network or document view (see ``policykg viz --help``), shown inline in Jupyter."""
        from policykg.views import render_view

        page = render_view(self.store, name, {k: str(v) for k, v in params.items()})
        return View(name, page)


@dataclass(frozen=True)
class View:
    """A view's self-contained HTML page; Jupyter shows it in a sandboxed frame."""

    name: str
    html: str = field(repr=False)
    height: int = 640

    def _repr_html_(self) -> str:
        return (
            f'<iframe title="policykg {html.escape(self.name)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(self.html, quote=True)}"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page as a standalone HTML file (as ``policykg viz -o``)."""
        from policykg.views import write_view

        return write_view(self.html, Path(path))
