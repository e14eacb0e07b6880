"""``policykg bench queries --store``: saved queries timed on an on-disk store, bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.bench.query_bench import bench_disk_queries, open_disk_store
from policykg.sparql.store import GraphFileError

TURTLE = """@prefix ex: <http://example.org/> .
ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:q "x" .
"""


def test_a_missing_store_is_loaded_from_the_graph_then_reused(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text(TURTLE, encoding="utf-8")
    query = tmp_path / "pairs.rq"
    query.write_text("SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o }", encoding="utf-8")
    folder = tmp_path / "store"
    store = open_disk_store(folder, graph)
    (figure,) = bench_disk_queries(store, [query], repeat=2)
    assert (figure.name, figure.rows, figure.timing.runs) == ("pairs", 2, 2)
    del store
    graph.unlink()  # the second open reads the folder, not the graph
    (slow,) = bench_disk_queries(open_disk_store(folder, graph), [query], repeat=5, slow=0.0)
    assert (slow.rows, slow.timing.runs) == (2, 1), "a slow first run is not repeated"


def test_a_folder_that_is_no_store_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    with pytest.raises(GraphFileError, match="not an Oxigraph store"):
        open_disk_store(tmp_path, tmp_path / "graph.ttl")
    with pytest.raises(GraphFileError, match="no graph"):
        open_disk_store(tmp_path / "store", tmp_path / "graph.ttl")
    assert not (tmp_path / "store").exists()
