"""The compiled SHACL checks give pyshacl's verdict: same focus nodes, paths, shapes and
constraint components, on graphs that violate every shape of ``ontology/shapes.ttl``."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from policykg.graph import shacl
from policykg.graph.rdf import to_graph
from policykg.graph.shacl_native import (
    NotCompilableError,
    compile_shape,
    compile_shapes,
    part_violations_native,
    subjects_of,
)
from policykg.graph.shacl_parts import TypeIndex, class_paths
from policykg.graph.vocab import KG, RELATION_PROPERTIES, shapes_path


def load_parts_tests() -> ModuleType:
    """``test_graph_parts`` (tests are imported by path, not as a package)."""
    path = Path(__file__).with_name("test_graph_parts.py")
    spec = importlib.util.spec_from_file_location("policykg_test_graph_parts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PARTS = load_parts_tests()
SHAPES = shacl.load_shapes(shapes_path())
Key = tuple[str, str, str, str, str]


def keys(found: list[shacl.Violation]) -> list[Key]:
    """Shape, path, constraint, focus and message (pyshacl words an ``sh:in`` violation with
    the members in set order, which varies between runs: that message is left out)."""
    return sorted(
        (v.shape, v.path, v.constraint, v.focus, "" if v.constraint.startswith("In") else v.message)
        for v in found
    )


def both(graph: Graph) -> tuple[list[Key], list[Key]]:
    """pyshacl's verdict and ours. pyshacl raises where SHACL says "cannot be compared, so a
    violation" (a string against a number in sh:lessThanOrEquals): there ours must report it."""
    native = part_violations_native(graph, set(graph.subjects()), SHAPES)
    assert native is not None
    try:
        theirs = keys(shacl.violations(graph))
    except (TypeError, ReportableRuntimeError):
        assert any(v.constraint.startswith("LessThan") for v in native)
        return keys(native), keys(native)
    return theirs, keys(native)


def literal_mutations(value: Literal) -> Iterator[Node]:
    yield Literal(-1)
    yield Literal(0)
    yield Literal("", lang="zh")
    yield Literal("x", lang="en")
    yield Literal("abc", datatype=XSD.integer)  # ill-typed
    yield Literal(str(value))  # same text, plain string
    yield Literal("2024-13", datatype=XSD.gYearMonth)


def mutations(graph: Graph) -> Iterator[Graph]:
    """For each class of subject and each predicate, its first triple removed, doubled, or with
    its object replaced (literals by other literals, nodes by a literal or a document)."""
    document = next(graph.subjects(RDF.type, KG.Document))
    seen: set[tuple[frozenset[Node], Node]] = set()
    for s, p, o in sorted(graph):
        kind = (frozenset(graph.objects(s, RDF.type)), p)
        if kind in seen:
            continue
        seen.add(kind)
        replacements: list[Node | None] = [None]
        if isinstance(o, Literal):
            replacements += list(literal_mutations(o))
        else:
            replacements += [Literal("x"), document, BNode()]
        for replacement in replacements:
            broken = Graph()
            broken += graph
            broken.remove((s, p, o))
            if replacement is not None:
                broken.add((s, p, replacement))
            yield broken
        doubled = Graph()
        doubled += graph
        doubled.add((s, p, Literal("second", lang="zh") if isinstance(o, Literal) else document))
        yield doubled
        if p in RELATION_PROPERTIES.values():  # a relation from a node of the wrong class
            wrong = Graph()
            wrong += graph
            wrong.add((document, p, o))
            yield wrong


@pytest.mark.slow
def test_every_mutation_gets_the_verdict_of_pyshacl() -> None:
    graph = to_graph(PARTS.joined_cases())
    assert both(graph) == ([], [])
    shapes_hit: set[str] = set()
    components: set[str] = set()
    for broken in mutations(graph):
        theirs, ours = both(broken)
        assert ours == theirs
        shapes_hit |= {key[0] for key in theirs}
        components |= {key[2] for key in theirs}
    roots = {
        str(c.shape): {str(c.shape)} | {str(p.shape) for p in c.properties}
        for c in compile_shapes(SHAPES)
    }
    missed = {root for root, members in roots.items() if not members & shapes_hit}
    assert not missed  # every shape was violated at least once
    used = {
        str(term).rsplit("#", 1)[-1]
        for term in SHAPES.predicates()
        if str(term).startswith(str(SH))
        and term not in (SH.path, SH.property, SH.message, SH.targetClass, SH.targetSubjectsOf)
    }
    assert {c.removesuffix("ConstraintComponent").lower() for c in components} >= {
        u.lower() for u in used
    }, used


def test_a_part_is_judged_with_its_borrowed_types_like_pyshacl() -> None:
    parts = list(PARTS.graph_parts(PARTS.joined_cases(), size=PARTS.PART_SIZE))
    types = TypeIndex()
    for part in parts:
        types.add(part)
    for part in PARTS.copies(parts):
        subjects = set(part.subjects())
        part.remove((next(iter(sorted(subjects))), None, None))
        subjects = set(part.subjects())
        for triple in list(types.stubs(part, subjects, class_paths(SHAPES))):
            part.add(triple)
        native = part_violations_native(part, subjects, SHAPES)
        assert native is not None
        assert keys(native) == keys(shacl.violations(part, focus=subjects))


def test_terms_that_are_not_compiled_are_refused() -> None:
    shapes = Graph().parse(
        data=f"""@prefix sh: <{SH}> . @prefix kg: <{KG}> .
        <urn:s> a sh:NodeShape ; sh:targetClass kg:Project ;
            sh:property [ sh:path kg:partOf ; sh:uniqueLang true ] .""",
        format="turtle",
    )
    with pytest.raises(NotCompilableError, match="uniqueLang"):
        compile_shape(shapes, URIRef("urn:s"))
    assert part_violations_native(Graph(), set(), shapes) is None


def test_subclasses_in_the_data_send_the_part_to_pyshacl() -> None:
    part = Graph()
    part.add((KG.Special, RDFS.subClassOf, KG.Project))
    assert part_violations_native(part, set(part.subjects()), SHAPES) is None


def test_removed_triples_leave_no_focus_node_behind() -> None:
    part = Graph()
    enterprise, project = URIRef("urn:e"), URIRef("urn:p")
    part.add((enterprise, RDF.type, KG.Project))
    part.add((enterprise, KG.undertakes, project))
    part.remove((enterprise, KG.undertakes, project))  # rdflib keeps an empty index entry
    found = part_violations_native(part, {enterprise}, SHAPES)
    assert found is not None
    assert keys(found) == keys(shacl.violations(part, focus={enterprise}))
    assert not any("undertake" in v.message for v in found)
    assert subjects_of(part) == {enterprise}
    part.remove((enterprise, None, None))
    assert subjects_of(part) == set()
