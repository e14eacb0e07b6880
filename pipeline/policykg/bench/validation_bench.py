"""SHACL validation of one graph by pyshacl and by the compiled shapes, in the same run.

The graph is parsed once with rdflib and read once as rows (what a build hands the compiled
shapes); each validator then checks all of it (every subject a possible focus node), ``repeat``
times, and the medians are compared. Their verdicts (shape,
path, constraint, focus node of every violation) must be equal.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from policykg.graph import shacl
from policykg.graph.shacl_native import part_violations_native
from policykg.graph.triples import rows_of
from policykg.graph.vocab import shapes_path


@dataclass(frozen=True, slots=True)
class ValidationFigures:
    """Median seconds of each validator on one graph, and whether their verdicts agree."""

    graph: Path
    triples: int
    pyshacl: float
    native: float
    violations: int
    same: bool

    @property
    def speedup(self) -> float:
        """pyshacl's time ÷ the compiled shapes' time."""
        return self.pyshacl / self.native


def _median(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _verdict(found: list[shacl.Violation]) -> list[tuple[str, str, str, str]]:
    return sorted((v.shape, v.path, v.constraint, v.focus) for v in found)


def bench_validation(graph_path: Path, *, repeat: int = 3) -> ValidationFigures:
    """Time pyshacl and the compiled shapes on the graph in ``graph_path``."""
    graph = Graph().parse(graph_path, format="turtle")
    shapes = shacl.load_shapes(shapes_path())
    rows = rows_of(graph)
    subjects = {row[0] for row in rows}

    def native() -> list[shacl.Violation]:
        found = part_violations_native(rows, subjects, shapes)
        assert found is not None, "the shapes use a term that is not compiled"
        return found

    theirs, ours = shacl.violations(graph), native()
    return ValidationFigures(
        graph_path,
        len(graph),
        _median(lambda: shacl.violations(graph), repeat),
        _median(native, repeat),
        len(theirs),
        _verdict(theirs) == _verdict(ours),
    )
