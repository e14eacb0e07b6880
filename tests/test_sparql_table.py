"""The terminal table puts each IRI's label before it, keeps labels whole, cuts IRIs short."""

from __future__ import annotations

import pyoxigraph as ox

from policykg.sparql.results import SelectResult
from policykg.sparql.table import labels_first, render_table

ID = "https://w3id.org/policykg/id/"
LONG = "山西高义钢铁有限公司能源管控中心建设项目"


def _result() -> SelectResult:
    row = (
        ox.NamedNode(ID + "enterprise/d3161749152a4c0f9"),
        ox.Literal("高义钢铁"),
        ox.NamedNode(ID + "project/a7c9123b2b48aa"),
        ox.Literal(LONG),
        ox.Literal("3"),
    )
    names = ("enterprise", "label", "project", "projectLabel", "documents")
    return SelectResult(names, (row,))


def test_each_label_column_moves_before_its_iri() -> None:
    order, labelled, labels = labels_first(_result())
    assert order == [1, 0, 3, 2, 4]
    assert labelled == {0, 2} and labels == {1, 3}


def test_a_literal_column_keeps_its_place_and_bare_label_pairs_once() -> None:
    result = SelectResult(("n", "label", "e"), ((ox.Literal("1"), ox.Literal("x"), None),))
    assert labels_first(result)[0] == [0, 1, 2]


def test_table_shows_labels_whole_and_iris_cut() -> None:
    text = render_table(_result(), width=100)
    header = next(line for line in text.splitlines() if "label" in line)
    assert header.index("label") < header.index("enterprise")
    assert header.index("projectLabel") < header.index("project ")
    cells = [line.split("│") for line in text.splitlines() if line.startswith("│")]
    assert len(cells) > 1  # the label wrapped onto a second line …
    assert "".join(c[3].strip() for c in cells) == LONG  # … and nothing of it was cut
    assert "d3161749152a4c0f9" not in text and "id:enterprise/" in text
