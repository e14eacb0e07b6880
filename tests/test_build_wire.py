"""The IR crosses the pipe to and from the workers pickled by its constructors
(``policykg.build.wire``): what comes out is equal to what went in, shared values stay shared,
and every wired type is rebuilt by its constructor, not field by field."""

from __future__ import annotations

import copyreg
import dataclasses
import pickle

import pytest
from tests.test_build_compact import result

from policykg.build import doc_parts, wire
from policykg.build.compact import compact
from policykg.graph.rdf import GraphParts
from policykg.graph.rdf_plan import KeptAmount, Plan
from policykg.graph.rdf_summary import EntityStats, Summary
from policykg.graph.shacl import Violation
from policykg.ir import Entity, EntityType, Extraction, Relation, RelationType, TextSpan


def test_a_document_result_comes_back_equal_with_its_shared_values() -> None:
    shared = compact(result())
    back = pickle.loads(pickle.dumps(shared, protocol=5))
    assert back == shared
    spans = [c.mention.sentence for c in back.candidates]
    assert spans[0] is spans[1]  # one object before, one object after


def test_a_documents_slice_of_the_plan_comes_back_equal() -> None:
    doc_result = result()
    entity = Entity(
        "enterprise/1",
        EntityType.ENTERPRISE,
        "高义钢铁",
        mentions=tuple(c.mention for c in doc_result.candidates[:1]),
    )
    relation = Relation(
        RelationType.UNDERTAKES, "enterprise/1", "project/2", (TextSpan("a.txt", 0, 4, "河北高义"),)
    )
    parts = GraphParts(Extraction((doc_result.doc,), (entity,), (relation,)))
    plan = parts.plan.for_document("a.txt")
    back = pickle.loads(pickle.dumps(plan, protocol=5))
    assert isinstance(back, Plan)
    assert back == plan
    violation = Violation("s", "p", "MinCount", "m", "f")
    assert pickle.loads(pickle.dumps(violation)) == violation


def test_every_wired_type_is_rebuilt_by_its_constructor() -> None:
    assert doc_parts.wire is wire  # the graph stage's types are registered by doc_parts
    for kind in (*wire.IR_TYPES, Plan, KeptAmount, EntityStats, Summary, Violation):
        assert copyreg.dispatch_table[kind] is not None, kind.__name__
    span = TextSpan("a.txt", 0, 4, "河北高义")
    reduced = copyreg.dispatch_table[TextSpan](span)
    assert reduced == (TextSpan, ("a.txt", 0, 4, "河北高义"))


def test_a_type_with_a_field_the_constructor_does_not_take_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Derived:
        a: int
        b: int = dataclasses.field(init=False, default=0)

    with pytest.raises(TypeError, match="constructor does not take"):
        wire.by_constructor(Derived)
