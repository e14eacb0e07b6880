"""Document metadata: read from the text, overridden by the manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.errors import ManifestError
from policykg.text.manifest import read_manifest
from policykg.text.metadata import metadata_from_text
from policykg.text.sources import read_batch


def test_metadata_from_the_head_of_a_report(seeds_dir: Path) -> None:
    raw = (seeds_dir / "000_c00127774768d764.txt").read_text(encoding="utf-8")
    meta = metadata_from_text("000.txt", raw)
    assert (meta.place, meta.date, meta.year, meta.speaker, meta.kind) == (
        "新绛县",
        "2022-01-25",
        2022,
        "张琼",
        "政府工作报告",
    )
    assert meta.meeting == "新绛县第十七届人民代表大会第二次会议"


def test_metadata_of_a_report_from_elsewhere() -> None:
    text = "政府工作报告\n——2023年2月2日在长沙县第十八届人民代表大会第三次会议上\n县长 陈永高\n各位代表："
    meta = metadata_from_text("cs.txt", text)
    assert (meta.place, meta.date, meta.speaker) == ("长沙县", "2023-02-02", "陈永高")


def test_manifest_overrides_text(seed_batch) -> None:  # type: ignore[no-untyped-def]
    by_name = {d.name: d.meta for d in seed_batch.docs}
    assert by_name["003_35ba40385b99d8cc.txt"].place == "绛县"
    assert by_name["003_35ba40385b99d8cc.txt"].speaker == "李翔"
    assert by_name["002_1c97315e6f016eee.txt"].year == 2022
    assert {m.place for m in by_name.values()} == {"新绛县", "绛县"}


def test_manifest_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text('[[document]]\nplace = "x"\n', encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest\.toml.*no 'file'"):
        read_manifest(tmp_path)
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\ncolour = 1\n', encoding="utf-8"
    )
    with pytest.raises(ManifestError, match="unknown keys"):
        read_manifest(tmp_path)


def test_unlisted_documents_are_still_read(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\nyear = 2020\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("关于某事的通知\n内容。", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "政府工作报告\n——2021年3月1日在某某县第一届人民代表大会第一次会议上", encoding="utf-8"
    )
    batch = read_batch([tmp_path])
    metas = {d.name: d.meta for d in batch.docs}
    assert metas["a.txt"].year == 2020
    assert metas["b.txt"].year == 2021 and metas["b.txt"].place == "某某县"
