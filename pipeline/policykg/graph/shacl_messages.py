"""The message of a violation whose shape has no ``sh:message``, worded as pyshacl words it, so a
failing build reads the same whichever validator found the problem. Made only on a violation."""

from __future__ import annotations

from pyshacl.rdfutil.stringify import stringify_node
from rdflib import Graph, Literal, Node

_RANGE_WORDS = {
    "MinInclusive": ">=",
    "MinExclusive": ">",
    "MaxInclusive": "<=",
    "MaxExclusive": "<",
}


def _items(shapes: Graph, node: Node) -> list[str]:
    return [stringify_node(shapes, item) for item in shapes.items(node)]


def _safe(data: Graph, node: Node) -> str:
    try:
        return stringify_node(data, node)
    except (LookupError, ValueError):
        return str(node)


def _value_message(name: str, param: Node, shapes: Graph, data: Graph, value: Node) -> str | None:
    """Messages that speak of one value node; None for the others."""
    simple = {
        "Class": "Value does not have class {}",
        "Datatype": "Value is not Literal with datatype {}",
        "NodeKind": "Value is not of Node Kind {}",
        "LanguageIn": "String language is not in {}",
    }
    if name in simple:
        return simple[name].format(stringify_node(shapes, param))
    if name in ("MinLength", "MaxLength"):
        sign = ">=" if name == "MinLength" else "<="
        return f"String length not {sign} {stringify_node(data, param)}"
    if name == "Pattern":
        return (
            f"Value does not match pattern '{param.value if isinstance(param, Literal) else param}'"
        )
    if name == "In":
        return f"Value {_safe(data, value)} not in list {_items(shapes, param)}"
    if name in _RANGE_WORDS:
        return f"Value is not {_RANGE_WORDS[name]} {stringify_node(shapes, param)}"
    if name == "Or":
        listed = " , ".join(_items(shapes, param))
        return f"Node {_safe(data, value)} must conform to one or more shapes in {listed}"
    return None


def generic_message(
    component: str,
    param: Node,
    shapes: Graph,
    data: Graph,
    path: Node | None,
    focus: Node,
    value: Node,
) -> str:
    """pyshacl's wording of ``component`` (with its parameter ``param``) on ``focus``/``value``."""
    name = component.removesuffix("ConstraintComponent")
    said = _value_message(name, param, shapes, data, value)
    if said is not None:
        return said
    where = _safe(data, focus) + (f"->{stringify_node(shapes, path)}" if path is not None else "")
    if name in ("MinCount", "MaxCount"):
        word = "Less" if name == "MinCount" else "More"
        return (
            f"{word} than {param.value if isinstance(param, Literal) else param} values on {where}"
        )
    if name == "HasValue":
        wanted = [stringify_node(shapes, param)]
        if path is None:
            return f"Node {_safe(data, focus)} value is not a in the set of values: {wanted}"
        return f"Node {where} does not contain a value in the set: {wanted}"
    if name in ("LessThan", "LessThanOrEquals"):
        sign = "<=" if name == "LessThan" else "<"
        other = stringify_node(shapes, param)
        return f"Value of {_safe(data, focus)}->{other} {sign} {_safe(data, value)}"
    return f"{name} not met on {where}"
