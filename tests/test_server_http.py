"""The running server over HTTP on 127.0.0.1, driven with SPARQLWrapper and raw sockets."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from policykg.server.app import RunningServer, start_in_background
from policykg.server.config import ServerConfig

pytestmark = pytest.mark.server

KG = "https://w3id.org/policykg/def#"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
ENTERPRISES = 300
MAX_RESULTS = 100
TIMEOUT_S = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LABEL_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label WHERE { ?e skos:prefLabel ?label FILTER(STR(?label) = "企业7号") }"""


def write_graph(path: Path) -> Path:
    """A few hundred enterprises with Chinese labels (enough for a 4-way cross product to run away)."""
    quads = []
    for i in range(ENTERPRISES):
        node = ox.NamedNode(f"https://w3id.org/policykg/id/enterprise/{i}")
        quads.append(
            ox.Quad(node, ox.NamedNode(SKOS_LABEL), ox.Literal(f"企业{i}号", language="zh"))
        )
        quads.append(
            ox.Quad(
                node,
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(KG + "Enterprise"),
            )
        )
    ox.serialize(quads, str(path), ox.RdfFormat.N_QUADS)
    turtle = path.with_suffix(".ttl")
    ox.serialize(
        (ox.Triple(q.subject, q.predicate, q.object) for q in quads),
        str(turtle),
        ox.RdfFormat.TURTLE,
    )
    return turtle


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    graph = write_graph(tmp_path_factory.mktemp("srv") / "graph.nq")
    config = ServerConfig(
        graph=graph, port=0, timeout_s=TIMEOUT_S, max_results=MAX_RESULTS, max_request_bytes=20_000
    )
    with start_in_background(config) as running:
        yield running


def client(server: RunningServer, query: str, fmt: str = JSON) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(server.url + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    wrapper.setTimeout(30)
    return wrapper


def raw_request(
    server: RunningServer,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_select_as_json(server: RunningServer) -> None:
    result = client(server, LABEL_QUERY).queryAndConvert()
    (binding,) = result["results"]["bindings"]  # type: ignore[index]
    assert binding["label"] == {"type": "literal", "value": "企业7号", "xml:lang": "zh"}
    assert binding["e"]["value"].endswith("/enterprise/7")


def test_select_as_xml(server: RunningServer) -> None:
    document = client(server, LABEL_QUERY, XML).queryAndConvert()
    literal = document.getElementsByTagName("literal")[0]  # type: ignore[union-attr]
    assert literal.firstChild.data == "企业7号" and literal.getAttribute("xml:lang") == "zh"


def test_select_as_csv_and_tsv(server: RunningServer) -> None:
    csv_text = client(server, LABEL_QUERY, CSV).queryAndConvert().decode()  # type: ignore[union-attr]
    assert csv_text.splitlines() == ["e,label", "https://w3id.org/policykg/id/enterprise/7,企业7号"]
    tsv_text = client(server, LABEL_QUERY, TSV).queryAndConvert().decode()  # type: ignore[union-attr]
    assert tsv_text.splitlines() == [
        "?e\t?label",
        '<https://w3id.org/policykg/id/enterprise/7>\t"企业7号"@zh',
    ]


def test_ask(server: RunningServer) -> None:
    assert client(server, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True  # type: ignore[index]


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [(TURTLE, "turtle"), (N3, "nt"), ("json-ld", "json-ld")]
)
def test_construct(server: RunningServer, fmt: str, rdflib_format: str) -> None:
    query = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    CONSTRUCT { ?e skos:prefLabel ?l } WHERE { ?e skos:prefLabel ?l FILTER(STRSTARTS(STR(?l), "企业5")) }"""
    wrapper = client(server, query, fmt)
    if fmt == N3:
        wrapper.addCustomHttpHeader("Accept", "application/n-triples")
    body = wrapper.query().response.read()
    graph = rdflib.Graph().parse(data=body, format=rdflib_format)
    labels = {str(o) for o in graph.objects()}
    assert "企业5号" in labels and "企业59号" in labels and len(labels) == 11


def test_describe(server: RunningServer) -> None:
    body = (
        client(server, "DESCRIBE <https://w3id.org/policykg/id/enterprise/3>", TURTLE)
        .query()
        .response.read()
    )
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert {str(o) for o in graph.objects()} >= {"企业3号", KG + "Enterprise"}


def test_bad_query_gets_400_with_the_parser_message(server: RunningServer) -> None:
    with pytest.raises(QueryBadFormed) as caught:
        client(server, "SELECT ?x WHERE { ?x ?y }").query()
    assert "bad query" in str(caught.value) and "error at" in str(caught.value)


def test_update_is_refused(server: RunningServer) -> None:
    wrapper = client(server, "INSERT DATA { <http://a> <http://b> <http://c> }")
    wrapper.setMethod(POST)
    with pytest.raises(HTTPError) as caught:
        wrapper.query()
    assert caught.value.code == 403 and b"read-only" in caught.value.read()
    status, _, body = raw_request(
        server,
        "POST",
        "/sparql",
        b"update=CLEAR%20ALL",
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403 and b"read-only" in body
    assert client(server, "ASK { <http://a> ?p ?o }").queryAndConvert()["boolean"] is False  # type: ignore[index]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(server: RunningServer, query: str) -> None:
    with pytest.raises(HTTPError) as caught:
        client(server, query).query()
    assert caught.value.code == 403 and b"SERVICE" in caught.value.read()


def test_service_inside_a_string_is_just_text(server: RunningServer) -> None:
    result = client(
        server, 'SELECT ?x WHERE { BIND("SERVICE <http://x> {}" AS ?x) }'
    ).queryAndConvert()
    assert result["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")  # type: ignore[index]


def test_result_size_is_capped(server: RunningServer) -> None:
    response = client(server, "SELECT * WHERE { ?s ?p ?o }").query()
    assert response.response.headers["X-PolicyKG-Truncated"] == str(MAX_RESULTS)
    assert len(response.convert()["results"]["bindings"]) == MAX_RESULTS  # type: ignore[index]


def test_large_request_is_refused(server: RunningServer) -> None:
    body = b"query=" + b"A" * 30_000
    status, _, text = raw_request(
        server, "POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 413 and b"exceeds" in text


def test_one_keep_alive_connection_carries_many_requests(server: RunningServer) -> None:
    """wrk and browsers reuse connections: every reply has a length and leaves it open."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    ask = "/sparql?" + urlencode({"query": LABEL_QUERY})
    refused = "/sparql?" + urlencode({"query": "DROP ALL"})
    answers = []
    try:
        for path in (ask, refused, ask, refused, "/sparql?query=SELEC"):
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            first_socket = answers[0][2] if answers else conn.sock
            answers.append((response.status, response.read(), conn.sock))
            assert not response.will_close and conn.sock is first_socket
    finally:
        conn.close()
    assert [status for status, _, _ in answers] == [200, 403, 200, 403, 400]
    assert "企业7号".encode() in answers[0][1]
    assert answers[0][1] == answers[2][1] and b"refused" in answers[3][1]


def test_unacceptable_media_type_gets_406(server: RunningServer) -> None:
    status, _, _ = raw_request(
        server, "GET", "/sparql?query=ASK%7B%7D", headers={"Accept": "image/png"}
    )
    assert status == 406


def test_direct_post_and_no_cors_by_default(server: RunningServer) -> None:
    status, headers, body = raw_request(
        server,
        "POST",
        "/sparql",
        LABEL_QUERY.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and "企业7号" in body.decode()
    assert "access-control-allow-origin" not in headers


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/vendor/../../http.py",
        "/static/%2Fetc%2Fpasswd",
        "/static/.hidden",
        "/static/vendor/README.txt%00.js",
    ],
)
def test_path_traversal_is_refused(server: RunningServer, path: str) -> None:
    status, _, body = raw_request(server, "GET", path)
    assert status == 404 and b"import" not in body


def test_static_assets_and_saved_queries_are_served(server: RunningServer) -> None:
    status, headers, body = raw_request(server, "GET", "/static/vendor/yasgui.min.js")
    assert (
        status == 200
        and headers["content-type"].startswith("text/javascript")
        and len(body) > 500_000
    )
    status, headers, body = raw_request(server, "GET", "/")
    assert status == 200 and "default-src 'self'" in headers["content-security-policy"]
    saved = json.loads(raw_request(server, "GET", "/queries.json")[2])
    assert len(saved) >= 12 and all(entry["query"] and entry["title"] for entry in saved)


def test_runaway_query_is_cut_off_while_others_answer(server: RunningServer) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        try:
            client(server, RUNAWAY).query()
        except HTTPError as exc:
            outcome["status"], outcome["body"] = exc.code, exc.read()

    thread = threading.Thread(target=runaway)
    thread.start()
    answers = [client(server, LABEL_QUERY).queryAndConvert() for _ in range(5)]
    runaway_still_running = thread.is_alive()
    thread.join(60)
    assert all(len(a["results"]["bindings"]) == 1 for a in answers)  # type: ignore[index]
    assert runaway_still_running, "the quick queries should finish while the runaway runs"
    assert outcome["status"] == 503 and b"time limit" in outcome["body"]  # type: ignore[operator]
    assert client(server, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True  # type: ignore[index]


@pytest.mark.slow
def test_bounded_load_with_a_runaway_query(server: RunningServer) -> None:
    """8 clients x 60 queries, every one answered correctly, while a runaway is being cut off."""
    errors: list[str] = []

    def one_client(index: int) -> int:
        answered = 0
        for i in range(60):
            query = LABEL_QUERY.replace("企业7号", f"企业{(index * 60 + i) % ENTERPRISES}号")
            try:
                bindings = client(server, query).queryAndConvert()["results"]["bindings"]  # type: ignore[index]
                answered += len(bindings) == 1
            except Exception as exc:
                errors.append(f"client {index} query {i}: {exc}")
        return answered

    with ThreadPoolExecutor(max_workers=9) as pool:
        runaway = pool.submit(
            lambda: raw_request(server, "GET", "/sparql?query=" + RUNAWAY.replace(" ", "%20"))
        )
        clients = [pool.submit(one_client, n) for n in range(8)]
        _done, not_done = wait([runaway, *clients], timeout=120)
    assert not not_done, "the load test must finish within its bound"
    assert errors == []
    assert sum(f.result() for f in clients) == 480
    assert runaway.result()[0] == 503


def test_query_command_against_the_endpoint(server: RunningServer, runner: object) -> None:
    from policykg.cli import app

    result = runner.invoke(
        app,
        ["query", "--query", LABEL_QUERY, "--endpoint", server.url + "/sparql", "--format", "csv"],
    )  # type: ignore[attr-defined]
    assert result.exit_code == 0, result.output
    assert "企业7号" in result.stdout
    table = runner.invoke(
        app, ["query", "--query", LABEL_QUERY, "--endpoint", server.url + "/sparql"]
    )  # type: ignore[attr-defined]
    assert "id:enterprise/7" in table.stdout and "1 row(s)" in table.stdout
    refused = runner.invoke(
        app,
        [
            "query",
            "--query",
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } LIMIT 1 OFFSET 999999999999",
            "--endpoint",
            server.url + "/sparql",
        ],
    )  # type: ignore[attr-defined]
    assert refused.exit_code == 1 and "503" in refused.output


def test_views_are_served_from_the_views_layer(server: RunningServer) -> None:
    views = json.loads(raw_request(server, "GET", "/views.json")[2])
    names = {view["name"] for view in views}
    assert "overview" in names
    status, headers, body = raw_request(server, "GET", "/viz/overview")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert body.decode().lstrip().lower().startswith("<!doctype html>")
    status, _, body = raw_request(server, "GET", "/viz/no-such-view")
    assert status == 404 and b"overview" in body


def test_a_dead_worker_is_replaced(server: RunningServer) -> None:
    victim = next(iter(server.pool._all))
    victim.process.kill()
    victim.process.join(10)
    answers = [raw_request(server, "GET", "/sparql?query=ASK%7B%7D") for _ in range(6)]
    statuses = [status for status, _, _ in answers]
    assert set(statuses) <= {200, 503} and statuses[-1] == 200
    assert statuses.count(503) <= 1, "only the request that met the dead worker fails"
    assert all(b"restarted" in body for status, _, body in answers if status == 503)
