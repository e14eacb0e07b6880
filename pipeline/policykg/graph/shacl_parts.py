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
shape cannot silently be checked on too little data.

Each part is checked by the shapes compiled into Python (``shacl_native``, same verdict as
pyshacl, tested shape by shape); pyshacl checks it when the shapes use a term that is not
compiled.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from policykg.errors import OntologyError
from policykg.graph.shacl import Violation, format_report, load_shapes, violations
from policykg.graph.shacl_native import part_violations_native, subjects_of
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
        self._types: dict[Node, tuple[Node, ...]] = {}
        self._shared: dict[tuple[Node, ...], tuple[Node, ...]] = {}

    def add(self, part: Graph) -> None:
        """Record the types of the subjects of ``part``."""
        found: dict[Node, set[Node]] = {}
        for subject, type_ in part.subject_objects(RDF.type):
            found.setdefault(subject, set()).add(type_)
        for subject, types in found.items():
            key = tuple(sorted(types | set(self._types.get(subject, ())), key=str))
            self._types[subject] = self._shared.setdefault(key, key)

    def stubs(
        self, part: Graph, subjects: set[Node], paths: frozenset[Node]
    ) -> Iterator[tuple[Node, Node, Node]]:
        """Type triples of the nodes ``part`` points at by ``paths`` that are subjects of
        other parts."""
        targets = {o for p in paths for o in part.objects(None, p)} - subjects  # type: ignore[arg-type]
        for target in targets:
            for type_ in self._types.get(target, ()):
                yield (target, RDF.type, type_)


@lru_cache(maxsize=4)
def class_paths(shapes: Graph) -> frozenset[Node]:
    """The paths whose values a shape checks by class (``sh:class``, also inside ``sh:or``):
    the only nodes whose types a part must borrow."""
    found: set[Node] = set()
    for shape, path in shapes.subject_objects(SH.path):
        members = [shape] + [
            member for alt in shapes.objects(shape, SH["or"]) for member in Collection(shapes, alt)
        ]
        if any((member, SH["class"], None) in shapes for member in members):
            found.add(path)
    return frozenset(found)


def part_violations(
    part: Graph, types: TypeIndex, shapes: Path | None = None, *, native: bool = True
) -> list[Violation]:
    """The violations whose focus node is a subject of ``part`` (``part`` gains type stubs), by
    the compiled shapes (``native``) when they can, else by pyshacl."""
    subjects = subjects_of(part)
    shapes_graph = load_shapes(shapes or shapes_path())
    stubs = list(types.stubs(part, subjects, class_paths(shapes_graph)))
    for triple in stubs:
        part.add(triple)
    found = part_violations_native(part, subjects, shapes_graph) if native else None
    return violations(part, shapes, focus=subjects) if found is None else found


class PartChecker:
    """Validates parts as their neighbours' types become known; raises once, at the end."""

    def __init__(self, shapes: Path | None = None, *, native: bool = True) -> None:
        self.shapes = shapes
        self.native = native
        check_local(load_shapes(shapes or shapes_path()))
        self.types = TypeIndex()
        self.found: list[Violation] = []
        self.checked = 0

    def check(self, part: Graph) -> None:
        """Validate ``part`` (the parts it points into must have been indexed)."""
        self.checked += len(part)
        self.found.extend(part_violations(part, self.types, self.shapes, native=self.native))

    def raise_if_any(self) -> int:
        """Raise one grouped :class:`OntologyError` if any part failed; else the triples checked."""
        if self.found:
            raise OntologyError(format_report(sorted(self.found)))
        logger.info("graph conforms to the SHACL shapes (%d triples, in parts)", self.checked)
        return self.checked


def check_parts(parts: Iterable[Graph], types: TypeIndex, shapes: Path | None = None) -> int:
    """Validate every part against ``types`` (of all parts); raise one grouped error if any
    fails, else return the number of triples checked (without the borrowed type triples)."""
    checker = PartChecker(shapes)
    checker.types = types
    for part in parts:
        checker.check(part)
    return checker.raise_if_any()
