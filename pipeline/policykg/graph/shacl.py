"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pyshacl, no inference).

:func:`check` raises :class:`~policykg.errors.OntologyError` with a short, grouped report: which
constraint, how many nodes, and a few of them by label, so a failing build says what to fix.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Graph, Node
from rdflib.namespace import RDF, SH, SKOS

from policykg.errors import OntologyError
from policykg.graph.vocab import shapes_path

logger = logging.getLogger(__name__)

EXAMPLES_PER_PROBLEM = 3


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One failed constraint on one focus node."""

    shape: str
    path: str
    constraint: str
    message: str
    focus: str


@lru_cache(maxsize=4)
def load_shapes(path: Path) -> Graph:
    """The shapes graph (parsed once per process)."""
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise OntologyError(f"{path}: cannot read the SHACL shapes: {exc}") from exc


def violations(
    data: Graph, shapes: Path | None = None, focus: Container[Node] | None = None
) -> list[Violation]:
    """Every SHACL violation of ``data`` (empty when the graph conforms); with ``focus``, only
    those whose focus node is in it."""
    shapes_graph = load_shapes(shapes or shapes_path())
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=False
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    results = report.subjects(RDF.type, SH.ValidationResult, unique=True)
    if focus is not None:
        results = (r for r in results if report.value(r, SH.focusNode) in focus)
    return sorted(_read_result(report, result, data) for result in results)


def _read_result(report: Graph, result: Node, data: Graph) -> Violation:
    def text(prop: Node) -> str:
        value = report.value(result, prop)  # type: ignore[arg-type]
        return "" if value is None else str(value)

    focus = report.value(result, SH.focusNode)  # type: ignore[arg-type]
    label = data.value(focus, SKOS.prefLabel) if focus is not None else None  # type: ignore[arg-type]
    shown = f"{focus} ({label})" if label is not None else str(focus)
    return Violation(
        shape=text(SH.sourceShape),
        path=text(SH.resultPath),
        constraint=text(SH.sourceConstraintComponent).rsplit("#", 1)[-1],
        message=text(SH.resultMessage),
        focus=shown,
    )


def format_report(found: list[Violation]) -> str:
    """Violations grouped by constraint and path: count, first message, a few example nodes."""
    groups: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for violation in found:
        groups[(violation.constraint, violation.path)].append(violation)
    lines = [f"the graph does not conform to the SHACL shapes ({len(found)} violations):"]
    for (constraint, path), items in sorted(groups.items()):
        where = f" on {path}" if path else ""
        lines.append(f"- {constraint}{where} [{len(items)} node(s)]: {items[0].message}")
        lines.extend(f"    e.g. {v.focus}" for v in items[:EXAMPLES_PER_PROBLEM])
    return "\n".join(lines)


def check(data: Graph, shapes: Path | None = None) -> None:
    """Raise :class:`OntologyError` with a grouped report unless ``data`` conforms."""
    found = violations(data, shapes)
    if found:
        raise OntologyError(format_report(found))
    logger.info("graph conforms to the SHACL shapes (%d triples)", len(data))
