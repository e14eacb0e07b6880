"""The value tests of the SHACL constraints ``shacl_native`` compiles, as pyshacl decides them.

Each ``*_test`` returns a predicate on one value node (``types`` gives a node's ``rdf:type``
values). They follow pyshacl's rules where SHACL leaves room (a literal whose lexical form does
not fit its datatype fails ``sh:datatype``; strings and numbers are never comparable), so the
compiled validator gives the same verdict (``tests/test_graph_shacl_native.py`` checks it on a
graph that violates each shape).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, datetime, time
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Literal, Node, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

Types = Callable[[Node], Collection[str]]  # a node's rdf:type values, as strings
ValueTest = Callable[[Node, Types], bool]

_ACTUAL_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}
_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


def _actual(value: Literal, datatype: Node) -> bool:
    expected = _ACTUAL_TYPES.get(datatype)
    return expected is None or isinstance(value.value, expected)


def datatype_test(datatype: Node) -> ValueTest:
    """``sh:datatype``: a literal of that datatype whose lexical form fits it."""

    def test(value: Node, types: Types) -> bool:
        if not isinstance(value, Literal):
            return False
        if value.datatype == datatype:
            return value.ill_typed is not True and _actual(value, datatype)
        if datatype == RDFS.Literal:
            return True
        if datatype == RDFS.Datatype:
            return value.datatype is not None
        if value.datatype is None and value.language is None and datatype == XSD.string:
            return _actual(value, datatype)
        if datatype == RDF.langString and value.language:
            return _actual(value, datatype)
        return False

    return test


def language_test(languages: Collection[str]) -> ValueTest:
    """``sh:languageIn``: a literal whose language tag matches one of ``languages``."""
    wanted = [lang.lower() for lang in languages]

    def test(value: Node, types: Types) -> bool:
        if not isinstance(value, Literal) or not value.language:
            return False
        tag = value.language.lower()
        return any(tag == lang or tag.startswith(lang + "-") for lang in wanted)

    return test


def length_test(bound: int, *, minimum: bool) -> ValueTest:
    """``sh:minLength`` / ``sh:maxLength`` of the string form (a blank node fails)."""

    def test(value: Node, types: Types) -> bool:
        if isinstance(value, BNode):
            return False
        size = len(str(value))
        return size >= bound if minimum else size <= bound

    return test


def pattern_test(pattern: str, flags: str = "") -> ValueTest:
    """``sh:pattern`` (with ``sh:flags``), searched in the string form."""
    compiled = re.compile(pattern, re.IGNORECASE if "i" in flags else 0)

    def test(value: Node, types: Types) -> bool:
        return not isinstance(value, BNode) and compiled.search(str(value)) is not None

    return test


def class_test(cls: Node) -> ValueTest:
    """``sh:class``: an IRI or blank node with that ``rdf:type``."""

    name = str(cls)

    def test(value: Node, types: Types) -> bool:
        return not isinstance(value, Literal) and name in types(value)

    return test


def node_kind_test(kind: Node) -> ValueTest:
    """``sh:nodeKind``."""
    allowed = _NODE_KINDS[kind]

    def test(value: Node, types: Types) -> bool:
        return isinstance(value, allowed)

    return test


def in_test(members: Collection[Node]) -> ValueTest:
    """``sh:in``: one of the members (term equality)."""
    allowed = list(members)

    def test(value: Node, types: Types) -> bool:
        return value in allowed

    return test


def range_test(bound: Literal, component: str) -> ValueTest:
    """``sh:minInclusive`` and its kin: a literal comparable with ``bound`` on the right side."""
    accept = {
        "MinInclusive": lambda c: c >= 0,
        "MinExclusive": lambda c: c > 0,
        "MaxInclusive": lambda c: c <= 0,
        "MaxExclusive": lambda c: c < 0,
    }[component]
    bound_is_string = isinstance(bound.value, str)
    bound_int = bound.value if type(bound.value) is int else None

    def test(value: Node, types: Types) -> bool:
        if not isinstance(value, Literal) or isinstance(value.value, str) != bound_is_string:
            return False
        if bound_int is not None and type(value.value) is int:  # the common case, without rdflib
            return bool(accept((value.value > bound_int) - (value.value < bound_int)))
        try:
            return bool(accept(compare_literal(value, bound)))
        except (TypeError, NotImplementedError):
            return False

    return test


def less_than(value: Node, other: Node, *, or_equal: bool) -> bool:
    """``sh:lessThan`` / ``sh:lessThanOrEquals`` on one pair of values (SPARQL's ``<``)."""
    if isinstance(value, Literal) and isinstance(other, Literal):
        left_int, right_int = value.value, other.value
        if type(left_int) is int and type(right_int) is int:  # offsets, counts: no rdflib call
            return left_int <= right_int if or_equal else left_int < right_int
    left, left_is_string = _comparable(value)
    right, right_is_string = _comparable(other)
    if left_is_string != right_is_string:
        return False
    try:
        return bool(left <= right if or_equal else left < right)  # type: ignore[operator]
    except TypeError:
        return False


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False
