"""SHACL one part of the graph at a time, with the same verdict as on the whole graph.

Why a part is enough: every shape in ``ontology/shapes.ttl`` finds its focus nodes by the
node's own triples (``sh:targetClass``, ``sh:targetSubjectsOf``), follows only plain predicate
paths forwards, and looks at a value node only for its ``rdf:type`` (``sh:class``, also inside
``sh:or``). So a focus node is judged on its own triples plus the types of the nodes they point
at. ``rdf.graph_parts`` keeps each subject's triples in one part; :class:`TypeIndex` supplies
the types of nodes that live in other parts, and only the part's own subjects count as focus
nodes (a node present only through its types is judged in its own part). :func:`check_local`
refuses shapes that would break this argument (an inverse or sequence path, ``sh:node``,
``sh:property`` inside ``sh:or``, ``sh:targetObjectsOf``, ``sh:targetNode``, SPARQL constraints…), so a future
shape cannot silently be checked on too little data. Parts come as sorted rows
(``graph.triples``); rdflib Graphs are taken too (tests) and read as rows.

Each part is checked by the shapes compiled into Python (``shacl_native``, same verdict as
pyshacl, tested shape by shape); pyshacl checks it when the shapes use a term that is not
compiled.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from policykg.errors import OntologyError
from policykg.graph.shacl import Violation, format_report, load_shapes, violations
from policykg.graph.shacl_native import node_of, part_violations_native
from policykg.graph.shacl_rules import node_key
from policykg.graph.triples import IRI, LITERAL, TYPE, PartRows, Row, plain, rows_in, to_rdflib
from policykg.graph.vocab import shapes_path

logger = logging.getLogger(__name__)

# What a shape may say about its focus node and its values, given the part it sees.
LOCAL_SHAPE_TERMS = frozenset(
    {RDF.type, RDFS.comment, RDFS.label, SH.name, SH.description, SH.message, SH.severity}
    | {SH.targetClass, SH.targetSubjectsOf, SH.property, SH.path, SH["or"]}
    | {SH.minCount, SH.maxCount, SH.datatype, SH.languageIn, SH.minLength, SH.maxLength}
    | {SH.pattern, SH.flags, SH["class"], SH.hasValue, SH["in"], SH.nodeKind, SH.uniqueLang}
    | {SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive}
    | {SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint}
)
# What a member of an sh:or may say about a value node: its type and its own form only.
VALUE_SHAPE_TERMS = frozenset(
    {SH["class"], SH.datatype, SH.nodeKind, SH.hasValue, SH["in"], SH.pattern, SH.flags}
    | {SH.minLength, SH.maxLength, SH.languageIn, RDFS.comment, SH.message}
)


def check_local(shapes: Graph) -> None:
    """Raise :class:`OntologyError` unless every shape can be checked one part at a time."""
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    shape_nodes |= set(shapes.objects(None, SH.property))
    for shape in shape_nodes:
        for predicate, value in shapes.predicate_objects(shape):
            if predicate not in LOCAL_SHAPE_TERMS:
                raise OntologyError(f"shape {shape}: {predicate} cannot be checked part by part")
            if predicate == SH.path and not isinstance(value, URIRef):
                raise OntologyError(
                    f"shape {shape}: only plain predicate paths can be checked part by part"
                )
            if predicate == SH["or"]:
                for member in Collection(shapes, value):
                    for term in shapes.predicates(member):
                        if term not in VALUE_SHAPE_TERMS:
                            raise OntologyError(
                                f"shape {shape}: sh:or member uses {term}, which cannot be checked part by part"
                            )


class TypeIndex:
    """The ``rdf:type`` values of every subject of the graph, gathered part by part."""

    def __init__(self) -> None:
        self._types: dict[str, tuple[str, ...]] = {}
        self._shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.keep: set[str] | None = None  # when set, the only subjects whose types are recorded

    def subset(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The types of ``keys`` (an empty tuple for a node without any), to send to a worker."""
        return {key: self._types.get(key, ()) for key in keys}

    def merge(self, types: dict[str, tuple[str, ...]]) -> None:
        """Add types gathered elsewhere (by :meth:`of_rows` in a worker)."""
        keep = self.keep
        for subject, found in types.items():
            if keep is not None and subject not in keep:
                continue
            key = tuple(sorted(set(found) | set(self._types.get(subject, ()))))
            self._types[subject] = self._shared.setdefault(key, key)

    @staticmethod
    def of_rows(rows: Sequence[Row]) -> dict[str, tuple[str, ...]]:
        """The types of the subjects of ``rows``."""
        found: dict[str, list[str]] = {}
        for row in rows:
            if row[2] == TYPE:
                found.setdefault(row[0], []).append(row[3])
        return {subject: tuple(types) for subject, types in found.items()}

    def add(self, part: PartRows) -> None:
        """Record the types of the subjects of ``part``."""
        self.merge(self.of_rows(rows_in(part)))

    def knows(self, node: str) -> bool:
        """Whether the types of ``node`` were recorded."""
        return node in self._types

    @staticmethod
    def targets(rows: Sequence[Row], paths: frozenset[str]) -> set[str]:
        """The nodes ``rows`` point at by ``paths`` (whose types a check may borrow)."""
        return {node_key(row) for row in rows if row[2] in paths and row[4] != LITERAL}

    def missing(self, rows: Sequence[Row], subjects: set[str], paths: frozenset[str]) -> set[str]:
        """The nodes ``rows`` point at by ``paths`` that this index has never heard of."""
        targets = {node_key(row) for row in rows if row[2] in paths and row[4] != LITERAL}
        return targets - subjects - self._types.keys()

    def stubs(self, rows: Sequence[Row], subjects: set[str], paths: frozenset[str]) -> list[Row]:
        """Type rows of the nodes ``rows`` point at by ``paths`` that are subjects of other
        parts."""
        targets = {node_key(row) for row in rows if row[2] in paths and row[4] != LITERAL}
        return [
            (target, False, TYPE, type_, IRI, "", "")
            for target in sorted(targets - subjects)
            for type_ in self._types.get(target, ())
        ]


@lru_cache(maxsize=4)
def class_paths(shapes: Graph) -> frozenset[str]:
    """The paths whose values a shape checks by class (``sh:class``, also inside ``sh:or``):
    the only nodes whose types a part must borrow."""
    found: set[str] = set()
    for shape, path in shapes.subject_objects(SH.path):
        members = [shape] + [
            member for alt in shapes.objects(shape, SH["or"]) for member in Collection(shapes, alt)
        ]
        if any((member, SH["class"], None) in shapes for member in members):
            found.add(plain(path))
    return frozenset(found)


def part_violations(
    part: PartRows, types: TypeIndex, shapes: Path | None = None, *, native: bool = True
) -> list[Violation]:
    """The violations whose focus node is a subject of ``part``, with the types of the nodes it
    points at borrowed from ``types``: by the compiled shapes (``native``) when they can, else by
    pyshacl."""
    rows = rows_in(part)
    subjects = {row[0] for row in rows}
    shapes_graph = load_shapes(shapes or shapes_path())
    stubs = types.stubs(rows, subjects, class_paths(shapes_graph))
    seen = sorted([*rows, *stubs]) if stubs else rows
    found = part_violations_native(seen, subjects, shapes_graph) if native else None
    if found is not None:
        return found
    return violations(to_rdflib(seen), shapes, focus={node_of(s) for s in subjects})


class PartChecker:
    """Validates parts as their neighbours' types become known; raises once, at the end."""

    def __init__(self, shapes: Path | None = None, *, native: bool = True) -> None:
        self.shapes = shapes
        self.native = native
        check_local(load_shapes(shapes or shapes_path()))
        self.types = TypeIndex()
        self.found: list[Violation] = []
        self.checked = 0

    def check(self, part: PartRows) -> None:
        """Validate ``part`` (the parts it points into must have been indexed)."""
        rows = rows_in(part)
        self.checked += len(rows)
        self.found.extend(part_violations(rows, self.types, self.shapes, native=self.native))

    def raise_if_any(self) -> int:
        """Raise one grouped :class:`OntologyError` if any part failed; else the triples checked."""
        if self.found:
            raise OntologyError(format_report(sorted(self.found)))
        logger.info("graph conforms to the SHACL shapes (%d triples, in parts)", self.checked)
        return self.checked


def check_parts(parts: Iterable[PartRows], types: TypeIndex, shapes: Path | None = None) -> int:
    """Validate every part against ``types`` (of all parts); raise one grouped error if any
    fails, else return the number of triples checked (without the borrowed type triples)."""
    checker = PartChecker(shapes)
    checker.types = types
    for part in parts:
        checker.check(part)
    return checker.raise_if_any()
