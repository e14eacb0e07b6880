"""``build --jobs N``: documents extracted on spawned worker processes, same output as serial.

The stand-in stages are module-level functions so the spawned workers can unpickle them (the
repository root is put on ``sys.path`` for that). Each extraction appends ``pid name`` to the
file named by ``POLICYKG_TEST_LOG``, so a test can see which process extracted which document.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policykg.build.plan import ExtractPlan
from policykg.build.progress import BuildProgress
from policykg.build.run import Stages, run_build
from policykg.ir import (
    Candidate,
    DocResult,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    TextSpan,
    entity_id,
)
from policykg.ir import SourceDoc as Source

REPO = Path(__file__).resolve().parents[1]
COMPANY = re.compile(r"[\u4e00-\u9fff]{2,12}?有限公司")
TWO = ExtractPlan(jobs=2)


def make_stub_nlp() -> str:
    return "nlp"


def tag_companies(doc: Source, nlp: Any) -> DocResult:
    assert nlp == "nlp"
    if "死" in doc.raw:
        os._exit(3)  # a worker process that dies mid-document
    if "坏" in doc.raw:
        raise ValueError("stand-in extractor refuses this text")
    with open(os.environ["POLICYKG_TEST_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {doc.name}\n")
    candidates = tuple(
        Candidate(
            EntityType.ENTERPRISE,
            m.group(),
            Mention(TextSpan(doc.name, m.start(), m.end(), m.group()), "test:company"),
        )
        for m in COMPANY.finditer(doc.raw)
    )
    return DocResult(doc, candidates, ())


def resolve_by_label(
    results: Sequence[DocResult],
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    mentions: dict[str, list[Mention]] = {}
    for result in results:
        for c in result.candidates:
            mentions.setdefault(c.label, []).append(c.mention)
    entities = tuple(
        Entity(entity_id(EntityType.ENTERPRISE, k), EntityType.ENTERPRISE, k, mentions=tuple(v))
        for k, v in sorted(mentions.items())
    )
    return entities, ()


def dump_lines(extraction: Extraction) -> Iterator[str]:
    for e in extraction.entities:
        spots = [(m.span.doc, m.span.start) for m in e.mentions]
        yield json.dumps({"id": e.id, "label": e.label, "at": spots}, ensure_ascii=False)


STAGES = Stages(make_stub_nlp, tag_companies, resolve_by_label, dump_lines)


@pytest.fixture()
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The extraction log, and the repository on sys.path for the spawned workers."""
    path = tmp_path / "extracted.log"
    path.touch()
    monkeypatch.setenv("POLICYKG_TEST_LOG", str(path))
    monkeypatch.syspath_prepend(str(REPO))
    return path


def extracted(log: Path) -> list[tuple[int, str]]:
    lines = log.read_text(encoding="utf-8").splitlines()
    log.write_text("", encoding="utf-8")
    return [(int(pid), name) for pid, name in (line.split(" ", 1) for line in lines)]


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    texts = [
        "山西恒强化工有限公司建设中试基地。",
        "高义钢铁有限公司扩建。山西恒强化工有限公司投产。",
        "明迈特有限公司新上矿热炉，高义钢铁有限公司配套。",
        "新绛县绿能有限公司光伏项目并网。",
    ]
    for index, text in enumerate(texts):
        (folder / f"{'abcd'[index]}.txt").write_text(text, encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "extraction.jsonl")}


def test_two_workers_give_the_serial_bytes(seeds: Path, tmp_path: Path, log: Path) -> None:
    serial = run_build(seeds, tmp_path / "one", STAGES, use_cache=False)
    assert {pid for pid, _ in extracted(log)} == {os.getpid()}
    pooled = run_build(seeds, tmp_path / "two", STAGES, use_cache=False, plan=TWO)
    work = extracted(log)
    assert sorted(name for _, name in work) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert os.getpid() not in {pid for pid, _ in work}
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    assert pooled.extraction == serial.extraction and pooled.documents == 4


def test_cache_hits_never_reach_the_workers(seeds: Path, tmp_path: Path, log: Path) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, STAGES, plan=TWO)
    extracted(log)
    (seeds / "e.txt").write_text("运城新材料有限公司开工。", encoding="utf-8")
    (seeds / "f.txt").write_text("侯马机械有限公司签约。", encoding="utf-8")
    again = run_build(seeds, out, STAGES, plan=TWO)
    assert sorted(name for _, name in extracted(log)) == ["e.txt", "f.txt"]
    assert again.reused == 4 and again.documents == 6
    run_build(seeds, tmp_path / "fresh", STAGES, use_cache=False)
    assert outputs(out) == outputs(tmp_path / "fresh")


def test_a_document_failing_in_a_worker_is_named(seeds: Path, tmp_path: Path, log: Path) -> None:
    (seeds / "b.txt").write_text("坏文件有限公司。", encoding="utf-8")
    result = run_build(seeds, tmp_path / "out", STAGES, plan=TWO)
    assert [Path(p).name for p, _ in result.failures] == ["b.txt"]
    assert "ValueError: stand-in extractor refuses this text" in result.failures[0][1]
    assert result.documents == 3 and result.graph_path.is_file()
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert [Path(f["path"]).name for f in report["failures"]] == ["b.txt"]


def test_a_dying_worker_fails_its_documents_not_the_build(
    seeds: Path, tmp_path: Path, log: Path
) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, STAGES)
    (seeds / "e.txt").write_text("死机有限公司。", encoding="utf-8")
    (seeds / "f.txt").write_text("死锁有限公司。", encoding="utf-8")
    result = run_build(seeds, out, STAGES, plan=TWO)
    assert sorted(Path(p).name for p, _ in result.failures) == ["e.txt", "f.txt"]
    assert all("worker process" in reason for _, reason in result.failures)
    assert result.reused == 4 and (out / "graph.ttl").is_file()


def test_an_interrupt_keeps_the_last_good_outputs(
    seeds: Path, tmp_path: Path, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, STAGES)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (seeds / "e.txt").write_text("运城新材料有限公司开工。", encoding="utf-8")
    (seeds / "f.txt").write_text("侯马机械有限公司签约。", encoding="utf-8")

    def interrupted(self: BuildProgress, name: str, *, from_cache: bool) -> None:
        if not from_cache:
            raise KeyboardInterrupt

    monkeypatch.setattr(BuildProgress, "document_done", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_build(seeds, out, STAGES, plan=TWO)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_jobs_below_one_is_refused(seeds: Path, tmp_path: Path) -> None:
    from policykg.cli import app

    result = CliRunner().invoke(app, ["build", "--seeds", str(seeds), "--jobs", "0"])
    assert result.exit_code == 1 and "--jobs: must be at least 1" in result.stderr


@pytest.mark.slow
def test_cli_build_jobs_2_matches_jobs_1_on_real_seeds(seeds_dir: Path, tmp_path: Path) -> None:
    from policykg.cli import app

    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("001_4db9355ef4d2499e.txt", "002_1c97315e6f016eee.txt", "manifest.toml"):
        shutil.copy(seeds_dir / name, folder / name)
    for jobs in ("1", "2"):
        args = ["build", "--seeds", str(folder), "--out", str(tmp_path / jobs), "--jobs", jobs]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "reused 0 of 2 documents from cache" in result.stderr
    assert outputs(tmp_path / "1") == outputs(tmp_path / "2")
    assert len((tmp_path / "2" / "extraction.jsonl").read_text(encoding="utf-8")) > 1000
