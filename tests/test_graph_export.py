"""Every export format round-trips: what is read back is what the graph says."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from typer.testing import CliRunner

from policykg.cli import app
from policykg.errors import InputError
from policykg.graph.export import FORMATS, export, to_dataset
from policykg.graph.network import newest_date, to_networkx
from policykg.graph.outputs import serialize_graph
from policykg.graph.tables import EntityRow, RelationRow, entity_rows, relation_rows
from policykg.graph.vocab import KG, NIF, SHARED_GRAPH

CASES = Path(__file__).parent / "data" / "cases"


@pytest.fixture(scope="module")
def graph() -> Graph:
    """The three golden graphs together: three documents, every entity and relation type."""
    g = Graph()
    for case in ("glossary", "project_amounts", "park_slogan"):
        g.parse(CASES / case / "expected.ttl", format="turtle")
    return g


@pytest.fixture()
def graph_file(graph: Graph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(serialize_graph(graph), encoding="utf-8")
    (tmp_path / "extraction.jsonl").write_text('{"kind":"entity"}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_round_trip(graph: Graph, graph_file: Path, fmt: str, parser: str) -> None:
    out = graph_file.parent / f"export.{fmt}"
    export(graph_file, fmt, out)
    assert isomorphic(Graph().parse(out, format=parser), graph)
    first = out.read_bytes()
    export(graph_file, fmt, out)
    assert out.read_bytes() == first


def test_trig_has_one_named_graph_per_document_and_a_shared_one(
    graph: Graph, graph_file: Path
) -> None:
    out = graph_file.parent / "export.trig"
    export(graph_file, "trig", out)
    dataset = Dataset()
    dataset.parse(out, format="trig")
    names = {g.identifier for g in dataset.graphs() if len(g)}
    documents = set(graph.subjects(RDF.type, KG.Document))
    assert names == documents | {SHARED_GRAPH}
    union = Graph()
    for named in dataset.graphs():
        for triple in named:
            union.add(triple)
    assert isomorphic(union, graph)
    for document in documents:
        own = dataset.graph(document)
        assert (document, RDF.type, KG.Document) in own
        assert len(set(own.subjects(RDF.type, NIF.Context))) == 1
    assert set(dataset.graph(SHARED_GRAPH).subjects(RDF.type, KG.Enterprise))


def test_trig_partition_is_lossless_in_memory(graph: Graph) -> None:
    total = sum(len(g) for g in to_dataset(graph).graphs())
    assert total == len(graph)


def test_graphml_round_trips_with_joined_lists(graph: Graph, graph_file: Path) -> None:
    out = graph_file.parent / "export.graphml"
    export(graph_file, "graphml", out)
    back = nx.read_graphml(out, force_multigraph=True)
    expected = to_networkx(graph)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))
    labels = {d["label"] for _, d in back.nodes(data=True)}
    assert "六稳" in labels and "山西恒强化工有限公司" in labels
    assert any(" | " in d["parts"] for _, d in back.nodes(data=True))


def test_gexf_round_trips_and_is_dated_by_the_data(graph: Graph, graph_file: Path) -> None:
    out = graph_file.parent / "export.gexf"
    export(graph_file, "gexf", out)
    back = nx.read_gexf(out)
    expected = to_networkx(graph)
    assert set(back.nodes) == set(expected.nodes)
    assert {back.nodes[n]["label"] for n in back} == {
        d["label"] for _, d in expected.nodes(data=True)
    }
    assert back.number_of_edges() == expected.number_of_edges()
    assert f'lastmodifieddate="{newest_date(graph)}"' in out.read_text(encoding="utf-8")
    assert newest_date(graph) == "2022-01-25"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def as_strings(row: object) -> dict[str, str]:
    return {k: str(v) for k, v in dataclasses.asdict(row).items()}  # type: ignore[call-overload]


def test_csv_tables_round_trip_with_a_bom(graph: Graph, graph_file: Path) -> None:
    folder = graph_file.parent / "csv"
    export(graph_file, "csv", folder)
    entities, relations = folder / "entities.csv", folder / "relations.csv"
    assert entities.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_csv(entities) == [as_strings(r) for r in entity_rows(graph)]
    assert read_csv(relations) == [as_strings(r) for r in relation_rows(graph)]
    assert list(read_csv(entities)[0]) == [f.name for f in dataclasses.fields(EntityRow)]
    assert list(read_csv(relations)[0]) == [f.name for f in dataclasses.fields(RelationRow)]


def test_relation_table_carries_evidence_sentences(graph: Graph) -> None:
    rows = [r for r in relation_rows(graph) if r.relation == "undertakes"]
    assert len(rows) == 1
    assert rows[0].subject_label == "山西恒强化工有限公司"
    assert rows[0].object_label == "噻吩类医药中间体中试基地"
    assert "实施主体为山西恒强化工有限公司" in rows[0].evidence
    assert rows[0].documents == "project_amounts.txt"


def test_jsonl_is_the_extraction_beside_the_graph(graph_file: Path) -> None:
    out = graph_file.parent / "export.jsonl"
    export(graph_file, "jsonl", out)
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == [
        {"kind": "entity"}
    ]
    (graph_file.parent / "extraction.jsonl").unlink()
    with pytest.raises(InputError, match="extraction"):
        export(graph_file, "jsonl", out)


def test_unknown_format_and_missing_graph_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format"):
        export(tmp_path / "graph.ttl", "xlsx", tmp_path / "x")
    with pytest.raises(InputError, match="no such graph"):
        export(tmp_path / "graph.ttl", "nt", tmp_path / "x.nt")


def test_cli_export_writes_to_stdout(graph: Graph, graph_file: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--graph", str(graph_file), "--format", "nt"])
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(data=result.stdout, format="nt"), graph)


def test_cli_export_refuses_csv_without_a_folder(graph_file: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--graph", str(graph_file), "--format", "csv"])
    assert result.exit_code == 1


def test_formats_listed_in_help_are_the_supported_ones() -> None:
    result = CliRunner().invoke(app, ["export", "--help"])
    for fmt in FORMATS:
        assert fmt in result.output


SERIALIZE = """
import random, sys
from rdflib import Graph
from policykg.graph.rdf import new_graph
from policykg.graph.outputs import serialize_graph
triples = list(Graph().parse(sys.argv[1], format="turtle"))
random.Random(int(sys.argv[2])).shuffle(triples)
g = new_graph()
for t in triples:
    g.add(t)
sys.stdout.write(serialize_graph(g))
"""


def test_serialization_is_byte_identical_across_processes(graph_file: Path) -> None:
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", SERIALIZE, str(graph_file), seed],
            capture_output=True,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert io.BytesIO(outputs.pop()).read() == graph_file.read_bytes()
