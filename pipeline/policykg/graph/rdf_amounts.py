"""Stated amounts as typed RDF: investments as ``schema:MonetaryAmount``, the rest as
``schema:QuantitativeValue``, each pointing at the phrase that states it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from rdflib.namespace import XSD

from policykg.graph.rdf_text import add_phrase
from policykg.graph.triples import TYPE, Part, plain
from policykg.graph.vocab import AMOUNT_PROPERTIES, KG, SCHEMA
from policykg.ir import Amount, SourceDoc

logger = logging.getLogger(__name__)

DECIMAL = plain(XSD.decimal)
_PROPERTIES = {kind: (plain(p), plain(c)) for kind, (p, c) in AMOUNT_PROPERTIES.items()}
_MONETARY, _VALUE, _UNIT = plain(SCHEMA.MonetaryAmount), plain(SCHEMA.value), plain(SCHEMA.unitText)
_CURRENCY, _IN_YUAN, _EVIDENCE = plain(SCHEMA.currency), plain(KG.valueInYuan), plain(KG.evidence)

# Chinese magnitude prefixes of a money unit: 亿元 = 10^8 yuan.
MAGNITUDES: dict[str, int] = {
    "": 1,
    "十": 10,
    "百": 100,
    "千": 1_000,
    "万": 10_000,
    "十万": 100_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
    "十亿": 1_000_000_000,
    "百亿": 10_000_000_000,
    "千亿": 100_000_000_000,
    "万亿": 1_000_000_000_000,
}
# Currency names, longest first so 美元 wins over 元.
CURRENCIES: tuple[tuple[str, str], ...] = (
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("日元", "JPY"),
    ("人民币", "CNY"),
    ("元", "CNY"),
)


def decimal_of(value: str) -> Decimal | None:
    """The value as a finite Decimal, or None when it is not a plain decimal number.

    >>> decimal_of("2.50"), decimal_of("两")
    (Decimal('2.50'), None)
    """
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def decimal_literal(number: Decimal) -> str:
    """The lexical form of an xsd:decimal, canonical (no exponent, no trailing zeros, always a
    point), which is what Turtle writers and Oxigraph produce, so it survives a round trip.

    >>> decimal_literal(Decimal("2.50")), decimal_literal(Decimal("3E+8"))
    ('2.5', '300000000.0')
    """
    text = format(number.normalize(), "f")
    if "." not in text:
        text += ".0"
    return text


def money_unit(unit: str) -> tuple[str, int | None]:
    """Currency code and magnitude of a money unit: ``亿元`` -> ("CNY", 10**8).

    >>> money_unit("亿元"), money_unit("万美元"), money_unit("亿")
    (('CNY', 100000000), ('USD', 10000), ('CNY', 100000000))
    """
    compact = unit.strip()
    for name, code in CURRENCIES:
        if compact.endswith(name):
            return code, MAGNITUDES.get(compact[: -len(name)])
    return "CNY", MAGNITUDES.get(compact)


def add_amount_node(g: Part, docs: Mapping[str, SourceDoc], node: str, amount: Amount) -> None:
    """The amount node: its class, value, unit, currency and the phrase that states it.

    The owner's link to it and the choice between two readings of one span are made by
    ``rdf_plan.kept_amounts`` (amounts whose value is not a number never reach here).
    """
    number = decimal_of(amount.value)
    if number is None:
        raise ValueError(f"{amount.span.doc}: amount {amount.value!r} is not a number")
    cls = amount_property(amount)[1]
    g.iri(node, TYPE, cls)
    g.literal(node, _VALUE, decimal_literal(number), datatype=DECIMAL)
    g.literal(node, _UNIT, amount.unit)
    g.iri(node, _EVIDENCE, add_phrase(g, docs, amount.span))
    if cls == _MONETARY:
        add_currency(g, node, number, amount.unit)


def amount_property(amount: Amount) -> tuple[str, str]:
    """The property linking the owner to the amount, and the amount's class."""
    return _PROPERTIES.get(amount.kind, _PROPERTIES["other"])


def add_currency(g: Part, node: str, number: Decimal, unit: str) -> None:
    """``schema:currency`` and, for yuan with a known magnitude, ``kg:valueInYuan``."""
    code, magnitude = money_unit(unit)
    g.literal(node, _CURRENCY, code)
    if code == "CNY" and magnitude is not None:
        g.literal(node, _IN_YUAN, decimal_literal(number * magnitude), datatype=DECIMAL)
