"""The SHACL shapes compiled once into Python checks, run on a part in one pass over its triples.

pyshacl re-reads the shapes and walks the data graph through rdflib for every part (≈ 57 µs
per triple on the real corpus); these checks read a part's rows (``graph.triples``) as they are,
and make rdflib terms only to word a violation. The shapes stay the contract: :func:`compile_shapes` reads
``ontology/shapes.ttl`` and refuses any term it does not implement
(:class:`NotCompilableError`), and then the caller falls back to pyshacl; what it accepts it
checks with the same verdict as pyshacl: the same focus nodes, paths, constraint components and
messages (tested shape by shape in ``tests/test_graph_shacl_native.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection as RDFList
from rdflib.namespace import RDF, RDFS, SH, SKOS

from policykg.graph import shacl_rules as rules
from policykg.graph.shacl import Violation
from policykg.graph.shacl_messages import generic_message
from policykg.graph.triples import (
    BLANK,
    IRI,
    TYPE,
    Row,
    object_row,
    plain,
    rows_of,
    subject_key,
    term_of,
    to_rdflib,
)

_IGNORED = {RDF.type, RDFS.comment, RDFS.label, SH.name, SH.description}
_RANGES = {
    SH.minInclusive: "MinInclusive",
    SH.minExclusive: "MinExclusive",
    SH.maxInclusive: "MaxInclusive",
    SH.maxExclusive: "MaxExclusive",
}


class NotCompilableError(Exception):
    """A shape uses a SHACL term this module does not implement."""


@dataclass(slots=True)
class Check:
    """One shape: how it finds focus nodes (node shapes) and what it asks of their values."""

    shape: Node
    path: URIRef | None
    message: str
    shapes: Graph
    values: list[tuple[str, rules.ValueTest, Node]] = field(default_factory=list)
    min_count: Literal | None = None
    max_count: Literal | None = None
    has_value: list[tuple[Node, tuple[str, str, str, str]]] = field(default_factory=list)
    pairs: list[tuple[str, URIRef]] = field(default_factory=list)
    properties: list[Check] = field(default_factory=list)
    target_classes: frozenset[Node] = frozenset()
    target_subjects_of: frozenset[Node] = frozenset()
    key: str | None = None  # the path as the string PartIndex keys predicates by
    counts: tuple[int, int] = (0, 0)  # min_count and max_count as numbers, where given


def _value_test(shapes: Graph, shape: Node, term: Node, value: Node) -> rules.ValueTest | None:
    if term == SH.datatype:
        return rules.datatype_test(value)
    if term == SH["class"]:
        return rules.class_test(value)
    if term == SH.nodeKind:
        return rules.node_kind_test(value)
    if term == SH.languageIn:
        return rules.language_test([str(x) for x in RDFList(shapes, value)])
    if term in (SH.minLength, SH.maxLength):
        return rules.length_test(int(value), minimum=term == SH.minLength)  # type: ignore[call-overload]
    if term == SH.pattern:
        flags = next(iter(shapes.objects(shape, SH.flags)), "")
        return rules.pattern_test(str(value), str(flags))
    if term == SH["in"]:
        return rules.in_test([object_row(member) for member in RDFList(shapes, value)])
    if isinstance(term, URIRef) and term in _RANGES and isinstance(value, Literal):
        return rules.range_test(value, _RANGES[term])
    return None


def _component(term: Node) -> str:
    name = str(term).rsplit("#", 1)[-1]
    return name[0].upper() + name[1:] + "ConstraintComponent"


def _or_test(shapes: Graph, members: list[Node]) -> rules.ValueTest:
    alternatives: list[list[rules.ValueTest]] = []
    for member in members:
        tests = []
        for term, value in shapes.predicate_objects(member):
            if term in _IGNORED or term == SH.message:
                continue
            member_test = _value_test(shapes, member, term, value)
            if member_test is None:
                raise NotCompilableError(f"sh:or member uses {term}")
            tests.append(member_test)
        alternatives.append(tests)

    def any_member(value: Row, types: rules.Types) -> bool:
        return any(all(t(value, types) for t in tests) for tests in alternatives)

    return any_member


def compile_shape(shapes: Graph, shape: Node) -> Check:
    """One shape (and the property shapes under it) as a :class:`Check`."""
    path = next(iter(shapes.objects(shape, SH.path)), None)
    if path is not None and not isinstance(path, URIRef):
        raise NotCompilableError(f"shape {shape}: only plain predicate paths are compiled")
    message = str(next(iter(shapes.objects(shape, SH.message)), ""))
    check = Check(shape, path, message, shapes)
    check.key = None if path is None else str.__str__(path)
    for term, value in shapes.predicate_objects(shape):
        if term in _IGNORED or term in (SH.path, SH.message, SH.flags):
            continue
        test = _value_test(shapes, shape, term, value)
        if test is not None:
            check.values.append((_component(term), test, value))
        elif term == SH["or"]:
            members = list(RDFList(shapes, value))
            check.values.append(("OrConstraintComponent", _or_test(shapes, members), value))
        elif term in (SH.minCount, SH.maxCount) and isinstance(value, Literal):
            setattr(check, "min_count" if term == SH.minCount else "max_count", value)
        elif term == SH.hasValue:
            check.has_value.append((value, rules.term_key(object_row(value))))
        elif term in (SH.lessThan, SH.lessThanOrEquals) and isinstance(value, URIRef):
            check.pairs.append((_component(term), value))
        elif term == SH.property:
            check.properties.append(compile_shape(shapes, value))
        elif term == SH.targetClass:
            check.target_classes |= {value}
        elif term == SH.targetSubjectsOf:
            check.target_subjects_of |= {value}
        else:
            raise NotCompilableError(f"shape {shape}: {term} is not compiled")
    low, high = check.min_count, check.max_count
    check.counts = (
        low.value if low is not None else 0,
        high.value if high is not None else 0,
    )
    return check


@lru_cache(maxsize=4)
def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Every shape that has targets, compiled (raises :class:`NotCompilableError`)."""
    roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    if any((root, RDF.type, RDFS.Class) in shapes for root in roots):
        raise NotCompilableError("implicit class targets are not compiled")
    compiled = [compile_shape(shapes, root) for root in sorted(roots, key=str)]
    return tuple(c for c in compiled if c.target_classes or c.target_subjects_of)


def subjects_of(part: Graph) -> set[Node]:
    """The subjects of an rdflib graph."""
    return set(part.subjects())


_SUBCLASS = plain(RDFS.subClassOf)
_SUBJECT, _PREDICATE = itemgetter(0), itemgetter(2)
_LABEL = SKOS.prefLabel


class PartIndex:
    """A part's rows by subject and predicate (keys are plain strings), read once."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = rows
        self.props: dict[str, dict[str, list[Row]]] = {}
        for subject, subject_rows in groupby(rows, _SUBJECT):  # rows come sorted: few groups
            props = self.props.setdefault(subject, {})
            for predicate, same in groupby(subject_rows, _PREDICATE):
                found = props.get(predicate)
                if found is None:
                    props[predicate] = list(same)
                else:
                    found.extend(same)
        self.has_subclasses = any(_SUBCLASS in props for props in self.props.values())
        self._types: dict[str, frozenset[str]] = {}
        self._graph: Graph | None = None

    @property
    def graph(self) -> Graph:
        """The part as an rdflib Graph, made on the first violation (to word it)."""
        if self._graph is None:
            self._graph = to_rdflib(self.rows)
        return self._graph

    @graph.setter
    def graph(self, graph: Graph) -> None:
        self._graph = graph

    def types(self, node: str) -> frozenset[str]:
        """The ``rdf:type`` values of ``node`` (its key), as strings."""
        found = self._types.get(node)
        if found is None:
            rows = self.props.get(node, {}).get(TYPE, ())
            found = self._types[node] = frozenset(row[3] for row in rows)
        return found


def node_of(key: str) -> Node:
    """A subject key as an rdflib term."""
    return BNode(key[2:]) if key.startswith("_:") else URIRef(key)


def _violation(
    index: PartIndex, check: Check, component: str, param: Node, focus: str, value: Node
) -> Violation:
    node = node_of(focus)
    label = index.graph.value(node, _LABEL)
    message = check.message or generic_message(
        component, param, check.shapes, index.graph, check.path, node, value
    )
    return Violation(
        shape=str(check.shape),
        path="" if check.path is None else str(check.path),
        constraint=component,
        message=message,
        focus=f"{node} ({label})" if label is not None else str(node),
    )


def focus_row(focus: str) -> Row:
    """The focus node as a value (for a shape without a path)."""
    if focus.startswith("_:"):
        return ("", True, "", focus[2:], BLANK, "", "")
    return ("", True, "", focus, IRI, "", "")


def flattened(checks: Iterable[Check]) -> tuple[Check, ...]:
    """``checks`` and the property shapes under them, depth first, without those that ask
    nothing of a focus node themselves (a node shape that only holds property shapes): run one
    after the other, not by recursion (5 % of the checks' time on the corpus)."""
    found: list[Check] = []
    stack = list(reversed(list(checks)))
    while stack:
        check = stack.pop()
        found.append(check)
        stack.extend(reversed(check.properties))
    return tuple(c for c in found if c.values or c.has_value or c.pairs or _counts(c))


def _counts(check: Check) -> bool:
    return check.min_count is not None or check.max_count is not None


def evaluate(
    index: PartIndex, check: Check, focus: str, props: dict[str, list[Row]], out: list[Violation]
) -> None:
    """Add to ``out`` the violations of ``check`` itself (not of the property shapes under it,
    see :func:`flattened`) on one focus node (its key), whose rows by predicate are ``props``."""
    path = check.key
    values = [focus_row(focus)] if path is None else props.get(path, _EMPTY)
    if values and check.values:
        types = index.types
        for component, test, param in check.values:
            for value in values:
                if not test(value, types):
                    out.append(_violation(index, check, component, param, focus, term_of(value)))
    if check.min_count is not None and len(values) < check.counts[0]:
        out.append(_violation(index, check, _MIN_COUNT, check.min_count, focus, node_of(focus)))
    if check.max_count is not None and len(values) > check.counts[1]:
        out.append(_violation(index, check, _MAX_COUNT, check.max_count, focus, node_of(focus)))
    if check.has_value:
        present = {rules.term_key(value) for value in values}
        for wanted, key in check.has_value:
            if key not in present:
                out.append(_violation(index, check, _HAS_VALUE, wanted, focus, node_of(focus)))
    for component, other in check.pairs:
        or_equal = component.startswith("LessThanOrEquals")
        for value in values:
            for bound in props.get(str.__str__(other), []):
                if not rules.less_than(value, bound, or_equal=or_equal):
                    out.append(_violation(index, check, component, other, focus, term_of(value)))


_EMPTY: list[Row] = []
_MIN_COUNT = "MinCountConstraintComponent"
_MAX_COUNT = "MaxCountConstraintComponent"
_HAS_VALUE = "HasValueConstraintComponent"


@lru_cache(maxsize=4)
def _dispatch(shapes: Graph) -> tuple[dict[str, list[Check]], dict[str, list[Check]]]:
    """The compiled shapes by the class and by the predicate that make a node their focus."""
    by_class: dict[str, list[Check]] = defaultdict(list)
    by_predicate: dict[str, list[Check]] = defaultdict(list)
    for check in compile_shapes(shapes):
        for cls in check.target_classes:
            by_class[str(cls)].append(check)
        for predicate in check.target_subjects_of:
            by_predicate[str(predicate)].append(check)
    return dict(by_class), dict(by_predicate)


def part_violations_native(
    part: Graph | Sequence[Row], focus: Collection[Node] | Collection[str], shapes: Graph
) -> list[Violation] | None:
    """The violations whose focus node is in ``focus`` (rdflib terms, or keys for rows), or None
    when the shapes or the part need pyshacl (a term not compiled, ``rdfs:subClassOf`` in the
    data)."""
    try:
        by_class, by_predicate = _dispatch(shapes)
    except NotCompilableError:
        return None
    keys = [subject_key(n) if isinstance(n, Node) else n for n in focus]
    index = PartIndex(rows_of(part) if isinstance(part, Graph) else part)
    if isinstance(part, Graph):
        index.graph = part  # its labels and messages read as pyshacl reads them
    if index.has_subclasses:
        return None
    found: list[Violation] = []
    # Nodes of one kind have the same types and predicates: their checks are looked up once.
    chosen: dict[tuple[frozenset[str], tuple[str, ...]], tuple[Check, ...]] = {}
    for node in keys:
        props = index.props.get(node)
        if props is None:
            continue
        kind = (index.types(node), tuple(props))
        checks = chosen.get(kind)
        if checks is None:
            by_id = {id(c): c for t in kind[0] for c in by_class.get(t, ())}
            by_id.update((id(c), c) for p in props for c in by_predicate.get(p, ()))
            checks = chosen[kind] = flattened(by_id.values())
        for check in checks:
            evaluate(index, check, node, props, found)
    return sorted(found)
