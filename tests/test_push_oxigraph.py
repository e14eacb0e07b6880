"""push into a real external store: the `oxigraph` server binary on 127.0.0.1, read back with SPARQLWrapper."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper
from typer.testing import CliRunner

from policykg.cli import app
from policykg.sparql.client import EndpointError
from policykg.sparql.push import chunked, push_graph, read_triples

pytestmark = pytest.mark.server

GRAPH = "https://w3id.org/policykg/graph/test"
TURTLE = """@prefix kg: <https://w3id.org/policykg/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
{entities}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    assert binary, (
        "the oxigraph server (PyPI package `oxigraph`, a dev dependency) must be installed"
    )
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph did not start on 127.0.0.1")
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    lines = [
        f'<https://w3id.org/policykg/id/project/{i}> a kg:Project ; skos:prefLabel "项目{i}"@zh ;\n'
        f'    kg:investment [ a schema:MonetaryAmount ; schema:value {i}.5 ; schema:unitText "亿元" ] .'
        for i in range(40)
    ]
    path = tmp_path / "graph.ttl"
    path.write_text(TURTLE.format(entities="\n".join(lines)), encoding="utf-8")
    return path


def select(endpoint: str, query: str) -> list[dict[str, dict[str, str]]]:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(JSON)
    return wrapper.queryAndConvert()["results"]["bindings"]  # type: ignore[index,no-any-return]


def test_push_into_a_named_graph_in_chunks(oxigraph: str, graph_file: Path) -> None:
    progress: list[tuple[int, int]] = []
    report = push_graph(
        graph_file,
        oxigraph + "/store",
        graph_iri=GRAPH,
        chunk_size=25,
        on_progress=lambda d, t: progress.append((d, t)),
    )
    assert report.triples == 40 * 6 and report.requests > 3
    assert progress[-1] == (240, 240) and [d for d, _ in progress] == sorted(d for d, _ in progress)
    rows = select(
        oxigraph + "/query",
        f"""PREFIX kg: <https://w3id.org/policykg/def#> PREFIX schema: <https://schema.org/>
        SELECT ?p (COUNT(?amount) AS ?n) (SUM(?v) AS ?total) WHERE {{ GRAPH <{GRAPH}> {{
          ?p kg:investment ?amount . ?amount schema:value ?v ; schema:unitText "亿元" }} }}
        GROUP BY ?p""",
    )
    assert len(rows) == 40 and all(row["n"]["value"] == "1" for row in rows)
    assert sum(float(row["total"]["value"]) for row in rows) == sum(i + 0.5 for i in range(40))


def test_push_replaces_the_graph(oxigraph: str, graph_file: Path, tmp_path: Path) -> None:
    push_graph(graph_file, oxigraph + "/store", graph_iri=GRAPH + "/r")
    small = tmp_path / "small.ttl"
    small.write_text('<http://ex/only> <http://ex/p> "唯一"@zh .\n', encoding="utf-8")
    push_graph(small, oxigraph + "/store", graph_iri=GRAPH + "/r")
    rows = select(oxigraph + "/query", f"SELECT ?s WHERE {{ GRAPH <{GRAPH}/r> {{ ?s ?p ?o }} }}")
    assert [row["s"]["value"] for row in rows] == ["http://ex/only"]


def test_push_command_to_the_default_graph(oxigraph: str, graph_file: Path) -> None:
    result = CliRunner().invoke(
        app, ["push", "--endpoint", oxigraph + "/store", "--file", str(graph_file)]
    )
    assert result.exit_code == 0, result.output
    assert "pushed 240 triples" in " ".join(result.output.split())
    rows = select(oxigraph + "/query", 'SELECT ?p WHERE { ?p ?label "项目7"@zh }')
    assert [row["p"]["value"] for row in rows] == ["https://w3id.org/policykg/id/project/7"]


def test_blank_nodes_never_split_across_chunks(graph_file: Path) -> None:
    for chunk in chunked(read_triples(graph_file), 3):
        subjects = {t.subject for t in chunk}
        objects = {t.object for t in chunk}
        blank_objects = {o for o in objects if type(o).__name__ == "BlankNode"}
        assert blank_objects <= subjects or not blank_objects


def test_unreachable_store_is_named(graph_file: Path) -> None:
    with pytest.raises(EndpointError, match="cannot reach"):
        push_graph(graph_file, f"http://127.0.0.1:{free_port()}/store")
