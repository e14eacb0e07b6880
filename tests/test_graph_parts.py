"""The graph in parts: disjoint subjects, the same Turtle bytes, the same SHACL verdict.

The golden cases are joined into one extraction of four documents and cut into small parts, so
every kind of part (document, shared, glossary parts, entities, assertions) occurs several times.
"""

from __future__ import annotations

import importlib.util
from array import array
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH, SKOS

from policykg.errors import OntologyError
from policykg.graph import shacl
from policykg.graph.rdf import graph_parts, to_graph
from policykg.graph.shacl_parts import TypeIndex, check_local, check_parts, part_violations
from policykg.graph.triples import Row, rows_of
from policykg.graph.turtle import sorted_turtle
from policykg.graph.turtle_spool import TurtleSpool, subject_blocks
from policykg.graph.vocab import KG, RELATION_PROPERTIES, shapes_path
from policykg.ir import Extraction

PART_SIZE = 4


def load_golden() -> ModuleType:
    """``test_graph_golden`` (tests are imported by path, not as a package)."""
    path = Path(__file__).with_name("test_graph_golden.py")
    spec = importlib.util.spec_from_file_location("policykg_test_graph_golden", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN = load_golden()


def joined_cases() -> Extraction:
    cases = [GOLDEN.case_extraction(GOLDEN.CASES / name) for name in GOLDEN.CASE_NAMES]
    return Extraction(
        tuple(d for c in cases for d in c.docs),
        tuple(e for c in cases for e in c.entities),
        tuple(r for c in cases for r in c.relations),
    )


def copies(parts: list[Graph]) -> list[Graph]:
    result = []
    for part in parts:
        fresh = Graph()
        fresh += part
        result.append(fresh)
    return result


def comparable(found: list[shacl.Violation]) -> list[shacl.Violation]:
    """Violations as compared: pyshacl lists the members of an ``sh:in`` in its message in set
    order, which varies from run to run, so that one message is left out."""
    return sorted(
        replace(v, message="") if v.constraint == "InConstraintComponent" else v for v in found
    )


def verdicts(parts: list[Graph]) -> tuple[list[shacl.Violation], list[shacl.Violation]]:
    """SHACL on the joined graph, and part by part (with types borrowed from the others)."""
    whole = Graph()
    types = TypeIndex()
    for part in parts:
        whole += part
        types.add(part)
    by_parts = sorted(v for part in copies(parts) for v in part_violations(part, types))
    return shacl.violations(whole), by_parts


def test_parts_have_disjoint_subjects_and_join_to_the_graph() -> None:
    extraction = joined_cases()
    parts = list(graph_parts(extraction, size=PART_SIZE))
    owners = Counter(s for part in parts for s in set(part.subjects()))
    assert owners and max(owners.values()) == 1
    joined = Graph()
    for part in parts:
        joined += part
    assert set(joined) == set(to_graph(extraction))
    assert len(parts) > len(extraction.docs) + 3


def test_spooled_turtle_has_the_bytes_of_sorted_turtle(tmp_path: Path) -> None:
    extraction = joined_cases()
    with TurtleSpool(tmp_path) as spool:
        for part in graph_parts(extraction, size=PART_SIZE):
            spool.add(part)
        spool.write(tmp_path / "graph.ttl")
    assert (tmp_path / "graph.ttl").read_bytes() == sorted_turtle(to_graph(extraction))
    assert spool.triples == len(to_graph(extraction))
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_a_subject_in_two_parts_is_refused(tmp_path: Path) -> None:
    part = next(graph_parts(joined_cases()))
    with TurtleSpool(tmp_path) as spool:
        spool.add(part)
        spool.add(part)
        with pytest.raises(RuntimeError, match="two parts"):
            spool.write(tmp_path / "graph.ttl")


def test_parts_whose_subjects_interleave_are_merged_in_order(tmp_path: Path) -> None:
    rows = rows_of(to_graph(joined_cases()))
    subjects = sorted({row[0] for row in rows})
    parts: list[list[Row]] = [[], [], []]  # every third subject in one part: every run overlaps
    for row in rows:
        parts[subjects.index(row[0]) % 3].append(row)
    with TurtleSpool(tmp_path) as spool:
        spool.add(parts[1])
        spool.add(parts[0][:0])  # an empty part adds nothing
        blocks = subject_blocks(parts[0])  # blocks out of order are sorted when spooled
        reversed_blocks = blocks.pieces()[::-1]
        spool.add_blocks(
            replace(
                blocks,
                subjects=[subject for subject, _ in reversed_blocks],
                data=b"".join(block for _, block in reversed_blocks),
                lengths=array("Q", [len(block) for _, block in reversed_blocks]),
            )
        )
        spool.add(parts[2])
        spool.write(tmp_path / "graph.ttl")
    assert (tmp_path / "graph.ttl").read_bytes() == sorted_turtle(to_graph(joined_cases()))
    assert spool.triples == len(rows)


def kind(part: Graph) -> str:
    """Which function of ``rdf`` made the part, told by the classes in it."""
    types = set(part.objects(None, RDF.type))
    for cls, name in ((KG.Document, "document"), (KG.Assertion, "assertion")):
        if cls in types:
            return name
    if SKOS.ConceptScheme in types:
        return "shared"
    return "entities" if types - {SKOS.Concept} else "concepts"


Corruption = tuple[int, tuple[Node, Node, Node], Node | None]


def corruptions(parts: list[Graph]) -> list[Corruption]:
    """For each kind of part and predicate, its first triple: removed, or pointed at a literal;
    a relation is also pointed at a document (a node of another part, of the wrong class)."""
    document = next(s for part in parts for s in part.subjects(RDF.type, KG.Document))
    seen: set[tuple[str, Node]] = set()
    found: list[Corruption] = []
    for index, part in enumerate(parts):
        for s, p, o in sorted(part):
            if (kind(part), p) in seen:
                continue
            seen.add((kind(part), p))
            found.append((index, (s, p, o), None))
            if isinstance(o, URIRef) and p != RDF.type:
                found.append((index, (s, p, o), Literal("x")))
            if p in RELATION_PROPERTIES.values():
                found.append((index, (s, p, o), document))
    return found


@pytest.mark.slow
def test_every_violation_is_found_part_by_part() -> None:
    parts = list(graph_parts(joined_cases(), size=PART_SIZE))
    assert verdicts(parts) == ([], [])
    caught_in: set[str] = set()
    for index, (s, p, o), replacement in corruptions(parts):
        broken = copies(parts)
        broken[index].remove((s, p, o))
        if replacement is not None:
            broken[index].add((s, p, replacement))
        whole, by_parts = verdicts(broken)
        assert comparable(whole) == comparable(by_parts), (s, p, o, replacement)
        if whole:
            caught_in.add(kind(parts[index]))
    assert caught_in == {"document", "assertion", "shared", "entities", "concepts"}


def test_check_parts_reports_like_the_whole_graph_check() -> None:
    parts = list(graph_parts(joined_cases(), size=PART_SIZE))
    types = TypeIndex()
    for part in parts:
        types.add(part)
    assert check_parts(copies(parts), types) == sum(len(p) for p in parts)
    broken = copies(parts)
    broken[-1].remove((None, KG.evidence, None))  # the last part holds assertions
    with pytest.raises(OntologyError, match="evidence"):
        check_parts(broken, types)


def test_the_shapes_can_be_checked_part_by_part() -> None:
    check_local(Graph().parse(shapes_path(), format="turtle"))


@pytest.mark.parametrize(
    "shape",
    [
        "[ sh:path [ sh:inversePath kg:undertakes ] ; sh:minCount 1 ]",
        "[ sh:path kg:undertakes ; sh:node kgs:Other ]",
        "[ sh:path kg:locatedIn ; sh:or ( [ sh:property [ sh:path kg:x ; sh:minCount 1 ] ] ) ]",
    ],
)
def test_shapes_that_need_other_parts_are_refused(shape: str) -> None:
    shapes = Graph().parse(
        data=f"""@prefix sh: <{SH}> . @prefix kg: <{KG}> . @prefix kgs: <urn:shapes#> .
        kgs:S a sh:NodeShape ; sh:targetClass kg:Project ; sh:property {shape} .""",
        format="turtle",
    )
    with pytest.raises(OntologyError, match="part"):
        check_local(shapes)


def test_a_target_by_object_is_refused() -> None:
    shapes = Graph().parse(
        data=f"""@prefix sh: <{SH}> . @prefix kg: <{KG}> .
        <urn:s> a sh:NodeShape ; sh:targetObjectsOf kg:undertakes ; sh:class kg:Project .""",
        format="turtle",
    )
    with pytest.raises(OntologyError, match="targetObjectsOf"):
        check_local(shapes)
