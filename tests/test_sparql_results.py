"""Result serialisations read back by pyoxigraph's parsers; content negotiation; the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.sparql.execute import parse_results, run_query
from policykg.sparql.formats import format_by_name, negotiate
from policykg.sparql.results import AskResult, SelectResult, encode_result

TRICKY = 'tab\there "quoted" \\ new\nline <b>&amp;</b> 𠀀'


@pytest.fixture()
def store() -> ox.Store:
    store = ox.Store()
    subject = ox.NamedNode("https://w3id.org/policykg/id/enterprise/1")
    for predicate, value in (
        ("http://ex/zh", ox.Literal("高义钢铁", language="zh")),
        ("http://ex/plain", ox.Literal(TRICKY)),
        (
            "http://ex/number",
            ox.Literal("2.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ),
        ("http://ex/node", ox.BlankNode("b0")),
    ):
        store.add(ox.Quad(subject, ox.NamedNode(predicate), value))
    return store


QUERY = (
    "SELECT ?p ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?o <http://ex/none> ?unbound } } ORDER BY ?p"
)


@pytest.mark.parametrize(("name", "oxformat"), [("json", "JSON"), ("xml", "XML"), ("tsv", "TSV")])
def test_lossless_formats_round_trip(store: ox.Store, name: str, oxformat: str) -> None:
    result = run_query(store, QUERY)
    fmt = format_by_name(name, "solutions")
    assert fmt is not None and isinstance(result, SelectResult)
    parsed = ox.parse_query_results(
        encode_result(result, fmt), getattr(ox.QueryResultsFormat, oxformat)
    )
    assert [str(v) for v in parsed.variables] == ["?p", "?o", "?unbound"]
    back = [(s["p"], s["o"], s["unbound"]) for s in parsed]
    original = [(row[0], row[1], row[2]) for row in result.rows]
    blank = lambda t: isinstance(t, ox.BlankNode)  # noqa: E731 (labels may be renamed)
    assert [(p, None if blank(o) else o, u) for p, o, u in back] == [
        (p, None if blank(o) else o, u) for p, o, u in original
    ]


def test_csv_is_plain_values(store: ox.Store) -> None:
    fmt = format_by_name("csv", "solutions")
    assert fmt is not None
    text = encode_result(run_query(store, QUERY), fmt).decode()
    assert (
        text.startswith("p,o,unbound\r\n")
        and "高义钢铁" in text
        and '"tab\there ""quoted""' in text
    )


def test_ask_in_every_format() -> None:
    for name in ("json", "xml", "csv", "tsv"):
        fmt = format_by_name(name, "solutions")
        assert fmt is not None
        body = encode_result(AskResult(True), fmt)
        assert b"true" in body
    assert json.loads(encode_result(AskResult(False), negotiate(None, "solutions"))) == {  # type: ignore[arg-type]
        "head": {},
        "boolean": False,
    }
    parsed = parse_results(
        encode_result(AskResult(True), format_by_name("xml", "solutions")),
        "application/sparql-results+xml",
    )  # type: ignore[arg-type]
    assert parsed == AskResult(True)


@pytest.mark.parametrize(
    ("accept", "kind", "name"),
    [
        (None, "solutions", "json"),
        ("text/csv;q=0.5, text/tab-separated-values", "solutions", "tsv"),
        ("application/sparql-results+xml;q=0.9, */*;q=0.1", "solutions", "xml"),
        ("*/*", "graph", "ttl"),
        ("application/ld+json", "graph", "jsonld"),
        ("text/*", "graph", "ttl"),
        ("application/json", "solutions", "json"),
        ("image/png", "solutions", None),
        ("text/csv;q=0", "solutions", None),
    ],
)
def test_negotiation(accept: str | None, kind: str, name: str | None) -> None:
    fmt = negotiate(accept, kind)  # type: ignore[arg-type]
    assert (fmt.name if fmt else None) == name


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/policykg/id/enterprise/1> skos:prefLabel "高义钢铁"@zh .\n',
        encoding="utf-8",
    )
    return path


def test_query_command_locally(graph_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    text = "SELECT ?e ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    table = runner.invoke(app, ["query", "--query", text, "--graph", str(graph_file)])
    assert table.exit_code == 0 and "id:enterprise/1" in table.stdout and "高义钢铁" in table.stdout
    as_json = runner.invoke(
        app, ["query", "--query", text, "--graph", str(graph_file), "-f", "json"]
    )
    assert json.loads(as_json.stdout)["results"]["bindings"][0]["l"]["value"] == "高义钢铁"
    rq = tmp_path / "mine.rq"
    rq.write_text("CONSTRUCT WHERE { ?s ?p ?o }", encoding="utf-8")
    turtle = runner.invoke(app, ["query", str(rq), "--graph", str(graph_file)])
    assert turtle.exit_code == 0 and "高义钢铁" in turtle.stdout and "prefLabel" in turtle.stdout


def test_query_command_saved_query_by_name(graph_file: Path) -> None:
    result = CliRunner().invoke(
        app, ["query", "documents", "--graph", str(graph_file), "-f", "csv"]
    )
    assert result.exit_code == 0 and result.stdout.startswith(
        "file,placeLabel,year,kind,enterprises,projects,governmentBodies,parks,places,slogans,"
        "abbreviations"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "--query", "SELECT * WHERE { ?s ?p }"], "bad query"),
        (["query", "--query", "DROP ALL"], "update"),
        (["query", "no-such-saved-query"], "no such query"),
        (["query", "--query", "ASK {}", "-f", "yaml"], "unknown output format"),
        (["query"], "give a query"),
    ],
)
def test_query_command_errors(graph_file: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, [*args, "--graph", str(graph_file)])
    assert result.exit_code == 1 and message in " ".join(result.output.split())


def test_missing_graph_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.ttl"
    result = CliRunner().invoke(app, ["query", "--query", "ASK {}", "--graph", str(missing)])
    output = " ".join(result.output.split())
    assert result.exit_code == 1 and "nothing.ttl" in output and "no such graph file" in output
