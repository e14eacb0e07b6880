"""The value tests of the SHACL constraints ``shacl_native`` compiles, as pyshacl decides them.

Each ``*_test`` returns a predicate on one value node, given as the object of a
:data:`~policykg.graph.triples.Row` (``types`` gives a node's ``rdf:type`` values). They follow
pyshacl's rules where SHACL leaves room (a literal whose lexical form does not fit its datatype
fails ``sh:datatype``; strings and numbers are never comparable), so the compiled validator gives
the same verdict (``tests/test_graph_shacl_native.py`` checks it on a graph that violates each
shape). Strings and integers, nearly every literal of a build, are judged without rdflib; any
other typed literal is made an rdflib ``Literal`` (once per lexical form) to be judged as rdflib
reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

from pyshacl.rdfutil.compare import compare_literal
from rdflib import Literal, Node, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from policykg.graph.triples import BLANK, IRI, LITERAL, Row, plain

Types = Callable[[str], Collection[str]]  # a node's rdf:type values, as strings
ValueTest = Callable[[Row, Types], bool]

_ACTUAL_TYPES: dict[str, type | tuple[type, ...]] = {
    plain(XSD.string): (str, bytes),
    plain(RDF.langString): (str, bytes),
    plain(XSD.integer): int,
    plain(XSD.float): float,
    plain(XSD.decimal): Decimal,
    plain(XSD.boolean): bool,
    plain(XSD.date): date,
    plain(XSD.time): time,
    plain(XSD.dateTime): datetime,
}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: IRI,
    SH.BlankNode: BLANK,
    SH.Literal: LITERAL,
    SH.BlankNodeOrIRI: BLANK + IRI,
    SH.BlankNodeOrLiteral: BLANK + LITERAL,
    SH.IRIOrLiteral: IRI + LITERAL,
}
_INTEGER, _STRING, _LANG_STRING = plain(XSD.integer), plain(XSD.string), plain(RDF.langString)
_ANY_LITERAL, _DATATYPE = plain(RDFS.Literal), plain(RDFS.Datatype)


def node_key(value: Row) -> str:
    """The key of an IRI or blank node value, as subjects are keyed (``_:id`` for blanks)."""
    return "_:" + value[3] if value[4] == BLANK else value[3]


@lru_cache(maxsize=1 << 14)
def _literal(text: str, datatype: str, language: str) -> Literal:
    if language:
        return Literal(text, lang=language)
    return Literal(text, datatype=URIRef(datatype) if datatype else None)


def literal_of(value: Row) -> Literal:
    """A literal value as rdflib reads it."""
    return _literal(value[3], value[5], value[6])


def python_value(value: Row) -> object:
    """The value rdflib gives a literal (None when its lexical form does not fit its type)."""
    if not value[5]:
        return value[3]
    if value[5] == _INTEGER:
        try:
            return int(value[3])  # what rdflib does for xsd:integer
        except ValueError:
            return None
    return literal_of(value).value


def _well_typed(value: Row, datatype: str) -> bool:
    if datatype == _INTEGER:
        return python_value(value) is not None
    literal = literal_of(value)
    expected = _ACTUAL_TYPES.get(datatype)
    return literal.ill_typed is not True and (
        expected is None or isinstance(literal.value, expected)
    )


def datatype_test(datatype: Node) -> ValueTest:
    """``sh:datatype``: a literal of that datatype whose lexical form fits it."""
    wanted = plain(datatype)

    def test(value: Row, types: Types) -> bool:
        if value[4] != LITERAL:
            return False
        if value[5] == wanted:
            return _well_typed(value, wanted)
        if wanted == _ANY_LITERAL:
            return True
        if wanted == _DATATYPE:
            return bool(value[5])
        if not value[5]:  # rdflib gives a plain or tagged string no datatype, and its text
            return wanted == (_LANG_STRING if value[6] else _STRING)
        return False

    return test


def language_test(languages: Collection[str]) -> ValueTest:
    """``sh:languageIn``: a literal whose language tag matches one of ``languages``."""
    wanted = [lang.lower() for lang in languages]

    def test(value: Row, types: Types) -> bool:
        if value[4] != LITERAL or not value[6]:
            return False
        tag = value[6].lower()
        return any(tag == lang or tag.startswith(lang + "-") for lang in wanted)

    return test


def length_test(bound: int, *, minimum: bool) -> ValueTest:
    """``sh:minLength`` / ``sh:maxLength`` of the string form (a blank node fails)."""

    def test(value: Row, types: Types) -> bool:
        if value[4] == BLANK:
            return False
        size = len(value[3])
        return size >= bound if minimum else size <= bound

    return test


def pattern_test(pattern: str, flags: str = "") -> ValueTest:
    """``sh:pattern`` (with ``sh:flags``), searched in the string form."""
    compiled = re.compile(pattern, re.IGNORECASE if "i" in flags else 0)

    def test(value: Row, types: Types) -> bool:
        return value[4] != BLANK and compiled.search(value[3]) is not None

    return test


def class_test(cls: Node) -> ValueTest:
    """``sh:class``: an IRI or blank node with that ``rdf:type``."""

    name = str(cls)

    def test(value: Row, types: Types) -> bool:
        return value[4] != LITERAL and name in types(node_key(value))

    return test


def node_kind_test(kind: Node) -> ValueTest:
    """``sh:nodeKind``."""
    allowed = _NODE_KINDS[kind]

    def test(value: Row, types: Types) -> bool:
        return value[4] in allowed

    return test


def term_key(value: Row) -> tuple[str, str, str, str]:
    """What makes two terms equal: kind, text, datatype and language."""
    return (value[4], value[3], value[5], value[6].lower())


def in_test(members: Collection[Row]) -> ValueTest:
    """``sh:in``: one of the members (term equality)."""
    allowed = {term_key(member) for member in members}

    def test(value: Row, types: Types) -> bool:
        return term_key(value) in allowed

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

    def test(value: Row, types: Types) -> bool:
        if value[4] != LITERAL:
            return False
        number = python_value(value)
        if isinstance(number, str) != bound_is_string:
            return False
        if bound_int is not None and type(number) is int:  # the common case, without rdflib
            return bool(accept((number > bound_int) - (number < bound_int)))
        try:
            return bool(accept(compare_literal(literal_of(value), bound)))
        except (TypeError, NotImplementedError):
            return False

    return test


def less_than(value: Row, other: Row, *, or_equal: bool) -> bool:
    """``sh:lessThan`` / ``sh:lessThanOrEquals`` on one pair of values (SPARQL's ``<``)."""
    if value[4] == LITERAL and other[4] == LITERAL:
        left_int, right_int = python_value(value), python_value(other)
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


def _comparable(value: Row) -> tuple[object, bool]:
    if value[4] == IRI:
        return value[3], True
    if value[4] == LITERAL:
        number = python_value(value)
        if isinstance(number, str):
            return number, True
        return literal_of(value), False
    return value[3], False
