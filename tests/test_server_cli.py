"""`policykg serve` as a user runs it: a real process on 127.0.0.1, stopped with Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_serve_command_answers_stops_and_cleans_up(tmp_path: Path, stop: signal.Signals) -> None:
    """Ctrl-C, or SIGTERM from a supervisor or the benchmark, stops it and removes its files."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    graph = tmp_path / "graph.ttl"
    graph.write_text('<http://ex/a> <http://ex/label> "甲"@zh .\n', encoding="utf-8")
    port = free_port()
    binary = shutil.which("policykg", path=str(Path(sys.executable).parent)) or shutil.which(
        "policykg"
    )
    assert binary
    process = subprocess.Popen(
        [binary, "serve", "--graph", str(graph), "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(temp)},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    url = f"http://127.0.0.1:{port}/sparql?query=ASK%7B%3Fs%20%3Fp%20%22%E7%94%B2%22%40zh%7D"
    try:
        for _ in range(300):
            try:
                body = urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
                time.sleep(0.1)
        else:
            pytest.fail("policykg serve did not answer")
        assert b'"boolean": true' in body
        assert list(temp.glob("policykg-serve-*"))  # the served copy of the graph
    finally:
        os.killpg(process.pid, stop)  # to the whole group, as Ctrl-C does: workers included
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert b"Traceback" not in err, err.decode()
    assert not list(temp.glob("policykg-serve-*"))
    assert f"http://127.0.0.1:{port}/" in " ".join(err.decode().split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--allow-update"], "--allow-update needs --token"),
        (["--token", "t"], "--token only guards updates"),
        (["--timeout", "0"], "must be > 0"),
    ],
)
def test_serve_refuses_contradictory_options(tmp_path: Path, args: list[str], message: str) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text("<http://ex/a> <http://ex/b> <http://ex/c> .\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["serve", "--graph", str(graph), "--port", "0", *args])
    assert result.exit_code == 1 and message in " ".join(result.output.split())


def test_serve_names_a_missing_graph(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--graph", str(tmp_path / "none.ttl"), "--port", "0"]
    )
    assert result.exit_code == 1 and "no such graph file" in " ".join(result.output.split())


@pytest.mark.slow
def test_serve_with_no_argument_builds_and_serves_the_seeds(tmp_path: Path) -> None:
    """On a fresh clone (no out/graph.ttl) the one word ``policykg serve`` answers."""
    port = free_port()
    binary = shutil.which("policykg", path=str(Path(sys.executable).parent)) or "policykg"
    process = subprocess.Popen(
        [binary, "serve", "--port", str(port), "--workers", "1"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    query = "ASK { ?s a <https://w3id.org/policykg/def#Enterprise> }"
    url = f"http://127.0.0.1:{port}/sparql?query={urllib.request.quote(query)}"
    try:
        for _ in range(600):
            try:
                body = urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
                time.sleep(0.2)
        else:
            pytest.fail("policykg serve did not answer within 120 s")
    finally:
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert b'"boolean": true' in body.replace(b'"boolean":true', b'"boolean": true')
    assert (tmp_path / "out" / "graph.ttl").is_file() and b"building" in err
