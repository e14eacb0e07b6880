"""Writes: refused without the flag (see test_server_http), and with it only for the token."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from policykg.server.app import RunningServer, start_in_background
from policykg.server.config import ServerConfig, ServerConfigError

pytestmark = pytest.mark.server

TOKEN = "s3cret-token"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    graph = tmp_path_factory.mktemp("upd") / "graph.ttl"
    graph.write_text('<http://ex/a> <http://ex/label> "甲"@zh .\n', encoding="utf-8")
    config = ServerConfig(graph=graph, port=0, allow_update=True, token=TOKEN, cors=True)
    with start_in_background(config) as running:
        yield running


def post(
    server: RunningServer, params: dict[str, str], headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("POST", "/sparql", urlencode(params).encode(), {**FORM, **headers})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def ask(server: RunningServer, pattern: str) -> bool:
    status, _, body = post(server, {"query": f"ASK {{ {pattern} }}"}, {"Accept": "text/csv"})
    assert status == 200
    return body.strip() == b"true"


def test_update_needs_the_token(server: RunningServer) -> None:
    insert = {"update": 'INSERT DATA { <http://ex/b> <http://ex/label> "乙"@zh }'}
    assert post(server, insert, {})[0] == 401
    assert post(server, insert, {"Authorization": "Bearer wrong"})[0] == 401
    assert not ask(server, "<http://ex/b> ?p ?o")
    origin = {"Origin": "http://elsewhere.example"}
    status, headers, _ = post(server, insert, {"Authorization": f"Bearer {TOKEN}", **origin})
    assert status == 204 and headers["access-control-allow-origin"] == "*"
    assert ask(server, "<http://ex/b> ?p ?o") and ask(server, "<http://ex/a> ?p ?o")


def test_load_and_service_stay_refused_with_the_token(server: RunningServer) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    status, _, body = post(server, {"update": "LOAD <http://127.0.0.1:9/x.ttl>"}, auth)
    assert status == 403 and b"LOAD" in body
    service = "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert post(server, {"update": service}, auth)[0] == 403


def test_bad_update_gets_400(server: RunningServer) -> None:
    status, _, body = post(
        server, {"update": "INSERT DATA { <http://ex/c> }"}, {"Authorization": f"Bearer {TOKEN}"}
    )
    assert status == 400 and b"bad update" in body
    assert ask(server, "<http://ex/a> ?p ?o")


def test_cors_preflight(server: RunningServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    preflight = {"Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST"}
    conn.request("OPTIONS", "/sparql", headers=preflight)
    response = conn.getresponse()
    assert response.status == 200 and "POST" in (
        response.getheader("Access-Control-Allow-Methods") or ""
    )
    conn.close()


def test_contradictory_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ServerConfigError, match="--token"):
        ServerConfig(graph=tmp_path / "g.ttl", allow_update=True).check()
    with pytest.raises(ServerConfigError, match="--allow-update"):
        ServerConfig(graph=tmp_path / "g.ttl", token="x").check()


def test_host_allow_list_and_limits_are_checked(tmp_path: Path) -> None:
    config = ServerConfig(graph=tmp_path / "g.ttl", host="0.0.0.0", allowed_hosts=("kg.example",))
    assert config.hosts == ["0.0.0.0", "localhost", "127.0.0.1", "[::1]", "kg.example"]
    assert ServerConfig(graph=tmp_path / "g.ttl", allowed_hosts=("*",)).hosts == ["*"]
    with pytest.raises(ServerConfigError, match="--per-client"):
        ServerConfig(graph=tmp_path / "g.ttl", per_client=0).check()
