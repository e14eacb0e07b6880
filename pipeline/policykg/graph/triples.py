"""The triples of one part of the graph as plain tuples, with no RDF library per triple.

The build writes close to a million triples for a corpus of 2.7 M characters; an rdflib ``Graph``
costs ≈ 25 µs per triple to fill (terms checked and hashed in Python, five indexes kept), a tuple
of strings about 0.3 µs. A :class:`Part` holds its triples as :data:`Row` tuples that sort in
``graph.ttl``'s order without a key function; ``turtle_spool`` hands them to Oxigraph as
N-Triples, and ``shacl_native`` checks them as they are. rdflib Graphs are made from rows
(:func:`to_rdflib`) only for small graphs: ``rdf.to_graph``, a violation's message, tests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import RDF

# (subject, predicate is not rdf:type, predicate, object text, object kind, datatype, language):
# kind is "B" (blank node), "L" (literal) or "U" (IRI), so the natural order of the tuples is
# subject, rdf:type first, predicate, object text, then kind, datatype and language. Datatype is
# "" for a plain or language-tagged string.
Row = tuple[str, bool, str, str, str, str, str]
IRI, LITERAL, BLANK = "U", "L", "B"


def plain(term: object) -> str:
    """A term's text as an exact ``str`` (rdflib's ``URIRef`` is a ``str`` that compares
    unequal to plain strings and hashes in Python)."""
    assert isinstance(term, str)
    return str.__str__(term)


TYPE = plain(RDF.type)


class Part:
    """The triples of one part, as a set (a triple added twice is one triple)."""

    __slots__ = ("_rows", "_single")

    def __init__(self) -> None:
        self._rows: set[Row] = set()
        self._single: dict[tuple[str, str], Row] = {}

    def iri(self, subject: str, predicate: str, obj: str) -> None:
        """Add ``subject predicate <obj>``."""
        self._rows.add((subject, predicate != TYPE, predicate, obj, IRI, "", ""))

    def literal(
        self, subject: str, predicate: str, text: str, datatype: str = "", language: str = ""
    ) -> None:
        """Add ``subject predicate "text"`` (typed or language-tagged when given)."""
        self._rows.add((subject, True, predicate, text, LITERAL, datatype, language))

    def only(self, subject: str, predicate: str, text: str, language: str) -> None:
        """Set the one value of ``subject predicate`` (a later call replaces an earlier one)."""
        self._single[(subject, predicate)] = (subject, True, predicate, text, LITERAL, "", language)

    def has_type(self, subject: str, cls: str) -> bool:
        """Whether ``subject rdf:type cls`` is in the part."""
        return (subject, False, TYPE, cls, IRI, "", "") in self._rows

    def add_row(self, row: Row) -> None:
        """Add a row as it is."""
        self._rows.add(row)

    def remove(self, predicate: str) -> None:
        """Drop every triple of ``predicate`` (tests break parts with it)."""
        predicate = plain(predicate)
        self._rows = {row for row in self._rows if row[2] != predicate}
        self._single = {k: row for k, row in self._single.items() if row[2] != predicate}

    def rows(self) -> list[Row]:
        """The triples, sorted: by subject, then each subject's few rows (on the corpus' 717 k
        rows 0.25–0.27 s, sorting them as one list 0.35–0.37 s)."""
        if self._single:
            self._rows.update(self._single.values())
            self._single.clear()
        by_subject: defaultdict[str, list[Row]] = defaultdict(list)
        for row in self._rows:
            by_subject[row[0]].append(row)
        found: list[Row] = []
        for subject in sorted(by_subject):
            same = by_subject[subject]
            if len(same) > 1:
                same.sort()
            found.extend(same)
        return found

    def __len__(self) -> int:
        return len(self._rows) + len(self._single)


def term_of(row: Row) -> Node:
    """The object of a row as an rdflib term."""
    text, kind, datatype, language = row[3], row[4], row[5], row[6]
    if kind == IRI:
        return URIRef(text)
    if kind == BLANK:
        return BNode(text)
    if language:
        return Literal(text, lang=language)
    return Literal(text, datatype=URIRef(datatype) if datatype else None)


def to_rdflib(rows: Iterable[Row], graph: Graph | None = None) -> Graph:
    """The rows as an rdflib Graph (``graph`` when given, filled)."""
    g = Graph() if graph is None else graph
    for row in rows:
        subject = BNode(row[0][2:]) if row[0].startswith("_:") else URIRef(row[0])
        g.add((subject, URIRef(row[2]), term_of(row)))
    return g


def subject_key(node: Node) -> str:
    """An rdflib subject as rows key it: its IRI, or ``_:id`` for a blank node."""
    return "_:" + plain(node) if isinstance(node, BNode) else plain(node)


def row_of(subject: Node, predicate: Node, obj: Node) -> Row:
    """An rdflib triple as a row (blank node subjects written ``_:id``)."""
    s = subject_key(subject)
    p = plain(predicate)
    if isinstance(obj, Literal):
        datatype = plain(obj.datatype) if obj.datatype is not None else ""
        return (s, p != TYPE, p, plain(obj), LITERAL, datatype, obj.language or "")
    return (s, p != TYPE, p, plain(obj), BLANK if isinstance(obj, BNode) else IRI, "", "")


def rows_of(graph: Iterable[tuple[Node, Node, Node]]) -> list[Row]:
    """An rdflib graph's triples as sorted rows."""
    return sorted(row_of(s, p, o) for s, p, o in graph)


PartRows = Part | Sequence[Row] | Graph


def rows_in(part: PartRows) -> Sequence[Row]:
    """A part's sorted rows, whether it came as a Part, as rows or as an rdflib Graph."""
    if isinstance(part, Part):
        return part.rows()
    if isinstance(part, Graph):
        return rows_of(part)
    return part


_SPECIAL = re.compile(r'["\\\n\r]')


def quoted(text: str) -> str:
    r"""A string literal's text between N-Triples quotes (escaped only where it must be; by
    ``str.replace``: on the corpus' 181 whole texts 0.008 s, ``str.translate`` 0.16 s).

    >>> print(quoted('他说"稳"\\n' + "\r\n"))
    他说\"稳\"\\n\r\n
    """
    if not _SPECIAL.search(text):
        return text
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("\n", "\\n").replace("\r", "\\r")


def ntriples(rows: Iterable[Row]) -> str:
    """The rows as N-Triples text, one line each (appended to one list and joined: with a
    generator ``turtle_of`` took 5 % longer on the corpus)."""
    lines: list[str] = []
    line = lines.append
    last, subject = None, ""
    for s, _, p, text, kind, datatype, language in rows:
        if s is not last:  # a subject's rows share its string: written once per run of them
            last, subject = s, s if s.startswith("_:") else f"<{s}>"
        if kind == IRI:
            line(f"{subject} <{p}> <{text}> .\n")
        elif kind == BLANK:
            line(f"{subject} <{p}> _:{text} .\n")
        elif language:
            line(f'{subject} <{p}> "{quoted(text)}"@{language} .\n')
        elif datatype:
            line(f'{subject} <{p}> "{quoted(text)}"^^<{datatype}> .\n')
        else:
            line(f'{subject} <{p}> "{quoted(text)}" .\n')
    return "".join(lines)


def object_row(obj: Node) -> Row:
    """A term as the object of a row (its subject and predicate left empty)."""
    return row_of(URIRef(""), URIRef(""), obj)
