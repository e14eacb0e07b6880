"""Faults on the way in and out of a build: an unreadable file is named while the others are
built, and the outputs of one build appear together or not at all, even when it is killed."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policykg.build import publish
from policykg.build import run as build_module
from policykg.build.run import Stages, run_build
from policykg.errors import PolicyKGError
from policykg.graph.turtle_spool import TurtleSpool
from policykg.ir import DocResult, Entity, Extraction, Relation, SourceDoc

OUTPUTS = ("graph.ttl", "extraction.jsonl", "build.json")

# The stand-in stages as a module text, for the processes these tests start.
STAND_IN = Path(__file__).with_name("stand_in_stages.py").read_text("utf-8")


def make_nlp() -> None:
    return None


def extract_doc(doc: SourceDoc, nlp: Any) -> DocResult:
    return DocResult(doc, (), ())


def resolve(results: Any) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    return (), ()


def dump(extraction: Extraction) -> Iterator[str]:
    for doc in extraction.docs:
        yield json.dumps({"doc": doc.name})


STAGES = Stages(make_nlp, extract_doc, resolve, dump)


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text("山西恒强化工有限公司建设中试基地。", encoding="utf-8")
    (folder / "b.txt").write_text("高义钢铁有限公司扩建。", encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def documents_in(out: Path) -> tuple[int, int, int]:
    """How many documents each output speaks of (they must agree)."""
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))["documents"]
    lines = len((out / "extraction.jsonl").read_text(encoding="utf-8").splitlines())
    graph = (out / "graph.ttl").read_text(encoding="utf-8").count("kg:fileName ")
    return report, lines, graph


def deny_reading(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_an_unreadable_file_is_named_and_the_others_are_built(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deny_reading(monkeypatch, seeds / "b.txt")
    result = run_build(seeds, tmp_path / "out", STAGES)
    assert [(Path(p).name, why) for p, why in result.failures] == [
        ("b.txt", "cannot be read: Permission denied")
    ]
    assert documents_in(tmp_path / "out") == (1, 1, 1)
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert report["failures"][0]["reason"] == "cannot be read: Permission denied"


def test_cli_build_and_extract_name_the_unreadable_file_and_exit_1(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policykg.cli import app

    deny_reading(monkeypatch, seeds / "b.txt")
    monkeypatch.setattr(build_module, "nlp_stages", lambda: STAGES)
    (seeds / "sub").mkdir()
    built = CliRunner().invoke(app, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "o")])
    assert built.exit_code == 1, built.output
    said = " ".join(built.stderr.split())  # the console wraps long lines
    assert "failed: " in said and "b.txt: cannot be read: Permission denied" in said
    assert "warning: skipped" in said and "subfolders are not read" in said
    assert (tmp_path / "o" / "graph.ttl").is_file()
    extracted = CliRunner().invoke(app, ["extract", str(seeds)])
    assert extracted.exit_code == 1
    assert "b.txt: cannot be read: Permission denied" in " ".join(extracted.stderr.split())
    assert "Traceback" not in extracted.output


def test_a_build_stopped_while_writing_changes_no_output(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, STAGES)
    before = outputs(out)
    (seeds / "c.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")

    def stopped(spool: TurtleSpool, path: Path) -> None:
        raise KeyboardInterrupt  # extraction.jsonl and build.json are already written by now

    monkeypatch.setattr(TurtleSpool, "write", stopped)
    with pytest.raises(KeyboardInterrupt):
        run_build(seeds, out, STAGES)
    assert outputs(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted([".build.lock", *OUTPUTS, "cache"])


def test_a_build_killed_between_renames_is_completed_by_the_next(
    seeds: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, STAGES)
    (seeds / "c.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")
    (tmp_path / "stand_in.py").write_text(STAND_IN, encoding="utf-8")
    killer = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(tmp_path)!r})
        from pathlib import Path
        from stand_in import STAGES
        from policykg.build.run import run_build
        real = os.replace
        def replace(src, dst):
            moved_in = Path(src).parent.name.startswith(".staging-") and Path(dst).parent.name == "out"
            if moved_in and Path(dst).name == "build.json":
                os._exit(9)  # as SIGKILL: no clean-up runs
            real(src, dst)
        os.replace = replace
        run_build(Path({str(seeds)!r}), Path({str(out)!r}), STAGES)
        """
    )
    proc = subprocess.run([sys.executable, "-c", killer], capture_output=True, check=False)
    assert proc.returncode == 9, proc.stderr.decode()
    assert (out / publish.COMMIT_NAME).is_file()
    assert documents_in(out) == (2, 3, 2)  # mixed, as a reader would see it until recovery
    publish.recover(out)
    assert documents_in(out) == (3, 3, 3)
    assert not [p for p in out.iterdir() if p.name.startswith((".staging-", ".build-commit"))]


def test_leftover_temporary_files_are_removed_by_the_next_build(
    seeds: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".graph.ttl.k2j3h4.tmp").write_text("half a graph", encoding="utf-8")
    (out / ".build.json.x1.tmp").write_text("{", encoding="utf-8")
    (out / ".staging-abc").mkdir()
    (out / ".staging-abc" / "graph.ttl").write_text("old", encoding="utf-8")
    (out / ".mine.tmp").write_text("not ours", encoding="utf-8")
    (out / "cache").mkdir()
    (out / "cache" / ".0123-abcd.json.q9z.tmp").write_text("{", encoding="utf-8")
    run_build(seeds, out, STAGES)
    assert not [p for p in (out / "cache").iterdir() if p.name.endswith(".tmp")]
    hidden = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert hidden == [".build.lock", ".mine.tmp"]


def test_a_second_build_into_the_same_folder_is_refused(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with publish.locked(out), pytest.raises(PolicyKGError, match="another build"):
        run_build(seeds, out, STAGES)
    run_build(seeds, out, STAGES)  # the lock is released afterwards


def test_skipped_entries_are_listed_in_build_json(seeds: Path, tmp_path: Path) -> None:
    (seeds / "dangling.txt").symlink_to(seeds / "gone.txt")
    result = run_build(seeds, tmp_path / "out", STAGES)
    assert [Path(p).name for p, _ in result.skipped] == ["dangling.txt"]
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert "dangling symbolic link" in report["skipped"][0]["reason"]


def test_several_folders_build_one_graph_and_a_repeated_name_is_refused(
    seeds: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "c.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")
    (other / "a.txt").write_text("同名的另一份报告。", encoding="utf-8")
    result = run_build([seeds, other], tmp_path / "out", STAGES)
    assert documents_in(tmp_path / "out") == (3, 3, 3)
    assert [(Path(p).parent.name, Path(p).name) for p, _ in result.failures] == [("other", "a.txt")]
    assert "file names must be unique" in result.failures[0][1]


def test_cli_build_takes_several_folders_and_writes_stage_timings(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policykg.cli import app

    other = tmp_path / "other"
    other.mkdir()
    (other / "c.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")
    monkeypatch.setattr(build_module, "nlp_stages", lambda: STAGES)
    timings = tmp_path / "timings.json"
    args = ["build", "--seeds", str(seeds), "--seeds", str(other), "--out", str(tmp_path / "o")]
    done = CliRunner().invoke(app, [*args, "--timings", str(timings)])
    assert done.exit_code == 0, done.output
    assert documents_in(tmp_path / "o") == (3, 3, 3)
    stages = json.loads(timings.read_text(encoding="utf-8"))
    assert {"extracting 3 documents", "validating against the SHACL shapes"} <= stages.keys()
    assert all(seconds >= 0 for seconds in stages.values())


def test_both_validators_write_the_same_bytes_and_refuse_alike(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policykg.errors import OntologyError
    from policykg.graph.rdf import GraphParts
    from policykg.graph.triples import Part
    from policykg.graph.vocab import KG

    compiled = run_build(seeds, tmp_path / "c", STAGES, validator="compiled")
    reference = run_build(seeds, tmp_path / "p", STAGES, validator="pyshacl")
    assert outputs(tmp_path / "c") == outputs(tmp_path / "p")
    assert compiled.timings.keys() == reference.timings.keys()

    class Broken(GraphParts):
        def documents(self) -> Iterator[Part]:
            for part in super().documents():
                part.remove(KG.fileName)
                yield part

    monkeypatch.setattr(build_module, "GraphParts", Broken)
    reports = []
    for validator in ("compiled", "pyshacl"):
        with pytest.raises(OntologyError) as caught:
            run_build(seeds, tmp_path / validator, STAGES, validator=validator)
        reports.append(str(caught.value))
    assert reports[0] == reports[1] and "fileName" in reports[0]
    with pytest.raises(PolicyKGError, match="--validator"):
        run_build(seeds, tmp_path / "x", STAGES, validator="fast")
