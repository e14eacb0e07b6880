"""``--dask SCHEDULER``: extraction as a Dask bag gives what the serial path gives.

The real pipeline runs through the real CLI on two seeds (``synchronous`` in process,
``processes`` through the console script); stand-in stages check failures and refusals. A
``dask.distributed`` cluster on loopback is tried only where the ``distributed`` package is
installed (it is an optional extra, not a test dependency).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.build.plan import ExtractPlan
from policykg.build.run import run_build
from policykg.cli import app

REPO = Path(__file__).resolve().parents[1]
PICKED = ("001_4db9355ef4d2499e.txt", "002_1c97315e6f016eee.txt", "manifest.toml")


@pytest.fixture()
def two_seeds(seeds_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in PICKED:
        shutil.copy(seeds_dir / name, folder / name)
    return folder


def stand_in_seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "a.txt").write_text("山西恒强化工有限公司建设中试基地。", encoding="utf-8")
    (folder / "b.txt").write_text("坏文件有限公司。", encoding="utf-8")
    (folder / "c.txt").write_text("高义钢铁有限公司扩建。", encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "extraction.jsonl")}


@pytest.mark.slow
def test_cli_extract_on_a_dask_bag_prints_the_serial_jsonl(two_seeds: Path) -> None:
    serial = CliRunner().invoke(app, ["extract", str(two_seeds)])
    bagged = CliRunner().invoke(app, ["extract", str(two_seeds), "--dask", "synchronous"])
    assert serial.exit_code == 0 and bagged.exit_code == 0, bagged.output
    assert bagged.stdout == serial.stdout
    assert serial.stdout.count('"kind": "entity"') > 20


@pytest.mark.slow
def test_console_build_on_dask_processes_writes_the_serial_graph(
    two_seeds: Path, tmp_path: Path
) -> None:
    script = Path(sys.executable).with_name("policykg")
    common = [str(script), "build", "--seeds", str(two_seeds), "--no-cache"]
    serial = subprocess.run([*common, "--out", str(tmp_path / "serial")], capture_output=True)
    assert serial.returncode == 0, serial.stderr.decode()
    dask_out = tmp_path / "dask"
    bagged = subprocess.run(
        [*common, "--out", str(dask_out), "--dask", "processes", "--jobs", "2"],
        capture_output=True,
        timeout=600,
    )
    assert bagged.returncode == 0, bagged.stderr.decode()
    assert outputs(tmp_path / "serial") == outputs(dask_out)


def test_a_failing_document_on_dask_is_named_and_the_rest_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_parallel_build import STAGES

    monkeypatch.setenv("POLICYKG_TEST_LOG", str(tmp_path / "log"))
    plan = ExtractPlan(dask="synchronous")
    result = run_build(stand_in_seeds(tmp_path), tmp_path / "out", STAGES, plan=plan)
    assert [Path(p).name for p, _ in result.failures] == ["b.txt"]
    assert "ValueError" in result.failures[0][1]
    assert result.documents == 2 and result.graph_path.is_file()


def test_a_worker_with_other_code_fails_its_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_parallel_build import make_stub_nlp, tag_companies

    from policykg.build.dask_extract import extract_partition
    from policykg.build.stages import Failed
    from policykg.text.sources import read_batch

    monkeypatch.setenv("POLICYKG_TEST_LOG", str(tmp_path / "log"))
    docs = read_batch([stand_in_seeds(tmp_path)]).docs
    outcomes = extract_partition(docs, make_stub_nlp, tag_companies, "0000000000000000")
    assert len(outcomes) == 3
    assert all(
        isinstance(o, Failed) and "install the same policykg on every worker" in o.reason
        for o in outcomes
    )


def test_an_unknown_scheduler_is_refused_before_any_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--dask", "threads"])
    assert result.exit_code == 1
    assert "--dask: unknown scheduler 'threads'" in result.stderr


def test_a_cluster_address_without_distributed_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_parallel_build import STAGES

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    plan = ExtractPlan(dask="tcp://127.0.0.1:9")
    with pytest.raises(Exception, match=r"needs the 'distributed' package"):
        run_build(stand_in_seeds(tmp_path), tmp_path / "out", STAGES, plan=plan)


@pytest.mark.slow
def test_a_loopback_dask_cluster_builds_the_serial_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    from tests.test_parallel_build import STAGES

    monkeypatch.setenv("POLICYKG_TEST_LOG", str(tmp_path / "log"))
    monkeypatch.syspath_prepend(str(REPO))  # the worker processes unpickle the stand-in stages
    seeds = stand_in_seeds(tmp_path)
    (seeds / "b.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")
    serial = run_build(seeds, tmp_path / "serial", STAGES, use_cache=False)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        plan = ExtractPlan(dask=cluster.scheduler_address)
        run_build(seeds, tmp_path / "cluster", STAGES, use_cache=False, plan=plan)
    assert outputs(tmp_path / "cluster") == outputs(serial.graph_path.parent)
    pids = {line.split()[0] for line in (tmp_path / "log").read_text().splitlines()}
    assert str(os.getpid()) in pids and len(pids) >= 2  # serial here, then cluster workers
