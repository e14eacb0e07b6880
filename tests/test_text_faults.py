"""Faults on the way in, tried as an attacker would: each is named with its reason, never a
traceback, never silence, and the other documents are still read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policykg.errors import InputError, ManifestError
from policykg.text.ingest import decode_bytes, read_source
from policykg.text.legacy import common_share
from policykg.text.sources import read_batch

GOOD = "山西恒强化工有限公司建设中试基地，高义钢铁有限公司扩建项目投产。" * 3
# Traditional Chinese as a Taiwanese or Hong Kong report would have it (Big5 holds these).
TRADITIONAL = (
    "各位代表：現在，我代表市人民政府向大會報告工作，請予審議，並請市政協委員提出意見。"
    "過去一年，全市經濟穩定發展，產業結構持續優化，民生福祉不斷增進。"
)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "docs"
    path.mkdir()
    (path / "a.txt").write_text(GOOD, encoding="utf-8")
    return path


def reasons(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {Path(where).name: why for where, why in pairs}


def test_a_file_whose_read_is_denied_is_named_and_the_others_are_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = folder / "b.txt"
    locked.write_text(GOOD, encoding="utf-8")
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    batch = read_batch([folder])
    assert [d.name for d in batch.docs] == ["a.txt"]
    assert reasons(batch.failures) == {"b.txt": "cannot be read: Permission denied"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_named(folder: Path) -> None:
    locked = folder / "b.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        batch = read_batch([folder])
    finally:
        locked.chmod(0o644)
    assert [d.name for d in batch.docs] == ["a.txt"]
    assert "Permission denied" in reasons(batch.failures)["b.txt"]


def test_entries_that_are_not_files_are_named_as_warnings(folder: Path) -> None:
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "linked.txt").symlink_to(folder / "a.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_text(GOOD, encoding="utf-8")
    batch = read_batch([folder])  # a FIFO opened for reading would block: it must not be
    assert [d.name for d in batch.docs] == ["a.txt", "linked.txt"]
    assert batch.failures == ()
    skipped = reasons(batch.skipped)
    assert skipped.keys() == {"loop.txt", "dangling.txt", "pipe.txt", "sub"}
    assert skipped["loop.txt"] == "symbolic link loop"
    assert "dangling symbolic link" in skipped["dangling.txt"]
    assert "gone.txt" in skipped["dangling.txt"]
    assert "FIFO" in skipped["pipe.txt"]
    assert "subfolders are not read" in skipped["sub"]


def test_a_fifo_named_directly_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="named pipe"):
        read_source(tmp_path / "pipe.txt")


def test_manifest_entries_without_a_file_are_named(folder: Path) -> None:
    (folder / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\nyear = 2022\n\n[[document]]\nfile = "missing.txt"\n',
        encoding="utf-8",
    )
    batch = read_batch([folder])
    assert [d.name for d in batch.docs] == ["a.txt"] and batch.docs[0].meta.year == 2022
    assert reasons(batch.skipped) == {
        "missing.txt": "listed in manifest.toml but there is no such file"
    }


def test_an_unreadable_manifest_is_a_manifest_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "manifest.toml").write_text("", encoding="utf-8")

    def deny(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", deny)
    with pytest.raises(ManifestError, match="cannot be read: Permission denied"):
        read_batch([folder])


def test_big5_is_read_as_big5_not_as_gb18030_garbage(tmp_path: Path) -> None:
    path = tmp_path / "taipei.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    garbage = TRADITIONAL.encode("big5").decode("gb18030")  # what the old reader produced
    assert common_share(garbage, "gb18030")[0] < 0.6
    doc = read_source(path)
    assert doc.raw == TRADITIONAL and doc.encoding == "big5"


def test_gb18030_is_still_read_as_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(GOOD.encode("gb18030"))
    assert read_source(path).encoding == "gb18030"


def test_text_that_is_ordinary_in_neither_encoding_is_refused() -> None:
    # Bytes that decode under GB18030 to rare characters only, and are not Big5.
    rare = "".join(chr(c) for c in range(0x9F00, 0x9F40))
    data = rare.encode("gb18030")
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(data, "odd.txt")


def test_the_real_reports_score_as_ordinary_gb_text(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        share, han = common_share(path.read_text(encoding="utf-8"), "gb18030")
        assert han > 1000 and share > 0.95, path.name
