"""Stated quantities (investment 亿元/万元, capacity 万吨/KVA/MW…) and which project they belong to.

Pure functions over one paragraph's text. An amount belongs to a project when it is inside the
project's name (年产200万吨…, 2×36000KVA…), or when the text ties them: “总投资95.86亿元的…项目”
(amount right before the name, joined by 的) or “…项目，总投资12亿元” (投资 right after the name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"(?P<mult>{_NUMBER}\s*[×xX*]\s*)?(?P<value>{_NUMBER})\s*"
    r"(?P<unit>亿元|万元|万吨|吨|万千瓦|千瓦|KVA|kVA|MVA|MW|kW|KW|m3|m³|立方米|万平方米|平方米|万亩|亩|公里|千米)"
)
_KINDS = {
    "亿元": "investment",
    "万元": "investment",
    "万平方米": "area",
    "平方米": "area",
    "万亩": "area",
    "亩": "area",
    "公里": "length",
    "千米": "length",
}
_YUAN = {"亿元": 100_000_000, "万元": 10_000}
_BEFORE_LINK = re.compile(r"^的(?:\d+个|[一二三四五六七八九十]+个)?$")
_AFTER_LINK = re.compile(r"^[，,（(]?(?:总投资|计划投资|投资|估算投资)(?:约|达|为)?$")


@dataclass(frozen=True, slots=True)
class FoundAmount:
    """An amount in paragraph coordinates."""

    start: int
    end: int
    kind: str
    value: str
    unit: str


def find_amounts(text: str) -> list[FoundAmount]:
    """Every amount with a unit in ``text``: 1.5亿元, 200万吨, 2×36000KVA (value 72000)."""
    found: list[FoundAmount] = []
    for match in _AMOUNT.finditer(text):
        unit = match.group("unit")
        value = match.group("value")
        if match.group("mult"):
            factor = re.match(_NUMBER, match.group("mult"))
            value = _decimal(float(factor.group()) * float(value)) if factor else value
        found.append(
            FoundAmount(match.start(), match.end(), _KINDS.get(unit, "capacity"), value, unit)
        )
    return found


def _decimal(number: float) -> str:
    text = f"{number:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def value_in_yuan(value: str, unit: str) -> str | None:
    """The amount in yuan as a decimal string, for 亿元/万元 amounts; else ``None``."""
    factor = _YUAN.get(unit)
    return None if factor is None else _decimal(float(value) * factor)


def amounts_of(text: str, start: int, end: int, amounts: list[FoundAmount]) -> list[FoundAmount]:
    """The amounts that belong to the project named by ``text[start:end]``."""
    mine: list[FoundAmount] = []
    for amount in amounts:
        inside = start <= amount.start and amount.end <= end
        before = amount.end <= start and bool(_BEFORE_LINK.match(text[amount.end : start]))
        after = amount.start >= end and bool(_AFTER_LINK.match(text[end : amount.start]))
        if inside or (amount.kind == "investment" and (before or after)):
            mine.append(amount)
    return mine
