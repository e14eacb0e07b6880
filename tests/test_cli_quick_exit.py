"""``policykg build`` and ``policykg extract`` from the console script leave without tearing down
their objects once their outputs are in place (``cli.quick_exit``): every output is still
written, the exit status is the command's, the ``atexit`` handlers still run, and only the
freeing of objects is skipped."""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import quick_exit

# The stand-in stages as a module text, for the processes these tests start.
STAND_IN = Path(__file__).with_name("stand_in_stages.py").read_text("utf-8")

# The console script's entry with the stand-in stages, an atexit handler that must run and an
# object that says so when it is freed (a normal exit frees it; the quick exit must not).
SCRIPT = """
import atexit, os, sys
from policykg.build import run
from stand_in import STAGES

run.nlp_stages = lambda: STAGES


class Alive:
    def __del__(self):
        os.write(2, b"freed at teardown\\n")


ALIVE = Alive()
atexit.register(lambda: os.write(2, b"atexit ran\\n"))
from policykg.launch import main

if __name__ == "__main__":
    main()
"""


def run_script(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "stand_in.py").write_text(STAND_IN, encoding="utf-8")
    (tmp_path / "policykg_quick.py").write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(tmp_path), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, str(tmp_path / "policykg_quick.py"), *argv],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=300,
    )


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text("山西恒强化工有限公司建设中试基地。", encoding="utf-8")
    (folder / "b.txt").write_text("高义钢铁有限公司扩建。", encoding="utf-8")
    return folder


def documents_in(out: Path) -> tuple[int, int, int]:
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))["documents"]
    lines = len((out / "extraction.jsonl").read_text(encoding="utf-8").splitlines())
    graph = (out / "graph.ttl").read_text(encoding="utf-8").count("kg:fileName ")
    return report, lines, graph


def test_the_exit_status_is_the_interpreters() -> None:
    failed, attempted = doctest.testmod(quick_exit)
    assert attempted > 0 and failed == 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_leaves_quickly_with_every_output_written_and_status_0(
    seeds: Path, tmp_path: Path, jobs: str
) -> None:
    out = tmp_path / "out"
    done = run_script(tmp_path, "build", "--seeds", str(seeds), "--out", str(out), "-j", jobs)
    assert done.returncode == 0, done.stderr
    assert documents_in(out) == (2, 2, 2)
    assert "wrote " in done.stderr and "atexit ran" in done.stderr
    assert "freed at teardown" not in done.stderr  # the objects were not torn down
    assert "Traceback" not in done.stderr


def test_an_unreadable_file_is_named_the_rest_written_and_the_status_is_1(
    seeds: Path, tmp_path: Path
) -> None:
    (seeds / "c.txt").write_bytes(b"")  # refused: empty
    out = tmp_path / "out"
    done = run_script(tmp_path, "build", "--seeds", str(seeds), "--out", str(out))
    assert done.returncode == 1, done.stderr
    said = " ".join(done.stderr.split())
    assert "failed: " in said and "c.txt" in said
    assert documents_in(out) == (2, 2, 2)
    assert "atexit ran" in done.stderr and "freed at teardown" not in done.stderr


def test_extract_leaves_quickly_with_all_its_lines_on_stdout(seeds: Path, tmp_path: Path) -> None:
    (seeds / "c.txt").write_bytes(b"")  # refused: empty, so the status is 1
    done = run_script(tmp_path, "extract", str(seeds), "-j", "2")
    assert done.returncode == 1, done.stderr
    assert [json.loads(line)["kind"] for line in done.stdout.splitlines()] == ["document"] * 2
    assert "c.txt" in " ".join(done.stderr.split())
    assert "atexit ran" in done.stderr and "freed at teardown" not in done.stderr


def test_other_commands_and_failed_builds_exit_as_usual(seeds: Path, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file where the output folder goes", encoding="utf-8")
    failed = run_script(tmp_path, "build", "--seeds", str(seeds), "--out", str(tmp_path / "out"))
    assert failed.returncode == 1 and "freed at teardown" in failed.stderr
    helped = run_script(tmp_path, "--help")
    assert helped.returncode == 0 and "freed at teardown" in helped.stderr


def test_in_process_the_build_command_returns_to_its_caller(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policykg.build import run as build_module
    from policykg.cli import app

    namespace: dict[str, object] = {}
    exec(STAND_IN, namespace)  # the same stand-in stages, run here
    monkeypatch.setattr(build_module, "nlp_stages", lambda: namespace["STAGES"])
    built = CliRunner().invoke(app, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "o")])
    assert built.exit_code == 0, built.output
    assert documents_in(tmp_path / "o") == (2, 2, 2)
