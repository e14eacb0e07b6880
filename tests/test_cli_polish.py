"""CLI messages a person reads: `export` says what it wrote; `query` tables lead with labels."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from policykg.cli import app

CASES = Path(__file__).with_name("data") / "cases"


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    from rdflib import Graph

    from policykg.graph.outputs import serialize_graph

    graph = Graph()
    for case in ("glossary", "project_amounts", "park_slogan"):
        graph.parse(CASES / case / "expected.ttl", format="turtle")
    path = tmp_path / "graph.ttl"
    path.write_text(serialize_graph(graph), encoding="utf-8")
    return path


def test_export_to_a_file_names_it_and_its_size(
    runner: Any, graph_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g.graphml"
    result = runner.invoke(
        app, ["export", "--graph", str(graph_file), "-f", "graphml", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    size = out.stat().st_size
    said = " ".join(result.stderr.split())
    assert f"wrote {out}: graphml," in said
    assert (f"{size:,} bytes" if size < 10_000 else f"{size / 1024:,.0f} KiB") in said


def test_export_csv_counts_the_rows_of_each_file(
    runner: Any, graph_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "csv"
    result = runner.invoke(app, ["export", "--graph", str(graph_file), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    for name in ("entities.csv", "relations.csv"):
        with (out / name).open(encoding="utf-8-sig", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
        assert rows > 0 and f"{name} ({rows:,} rows," in said


def test_query_table_puts_the_label_before_the_iri(runner: Any, graph_file: Path) -> None:
    text = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?e ?eLabel WHERE { ?e skos:prefLabel ?eLabel } LIMIT 3"
    )
    result = runner.invoke(app, ["query", "--query", text, "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "eLabel" in line)
    assert header.index("eLabel") < header.index(" e ")


def test_query_help_lists_the_saved_queries() -> None:
    import subprocess

    from policykg.paths import data_dir

    out = subprocess.run(
        ["policykg", "query", "--help"], capture_output=True, text=True, check=True
    ).stdout
    names = sorted(p.stem for p in data_dir("queries").glob("*.rq"))
    assert names and all(name in " ".join(out.split()) for name in names)


def test_serve_on_a_port_in_use_suggests_another() -> None:
    import socket
    import subprocess

    from policykg.paths import data_dir

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        graph = data_dir("tests") / "data" / "cases" / "glossary" / "expected.ttl"
        result = subprocess.run(
            ["policykg", "serve", "--graph", str(graph), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode != 0
    said = " ".join(result.stderr.split())
    assert f"127.0.0.1:{port} is already in use" in said and "--port" in said
    assert "Traceback" not in result.stderr
