"""Ingest: encodings are detected (and reported), bad files are refused with the file and reason."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policykg.errors import InputError
from policykg.text.ingest import decode_bytes, read_source
from policykg.text.sources import read_batch

SEED = "000_c00127774768d764.txt"


@pytest.fixture(scope="module")
def seed_text(seeds_dir: Path) -> str:
    return (seeds_dir / SEED).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("codec", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
    ],
)
def test_ingest_reads_seed_in_every_encoding(
    tmp_path: Path, seed_text: str, codec: str, prefix: bytes, expected: str
) -> None:
    # GBK lacks a few characters the seed has (e.g. "³"); compare with what GBK can carry.
    text = seed_text.encode(codec, errors="replace").decode(codec)
    path = tmp_path / f"copy-{codec}.txt"
    path.write_bytes(prefix + text.encode(codec))
    doc = read_source(path)
    assert doc.raw == text
    assert doc.encoding == expected


def test_ingest_logs_the_chosen_encoding(
    tmp_path: Path, seed_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(seed_text.encode("gb18030"))
    with caplog.at_level("INFO", logger="policykg.text.ingest"):
        read_source(path)
    assert "gb18030" in caplog.text and "gb.txt" in caplog.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        ("政府工作报告".encode()[:-1], "truncated"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
)
def test_ingest_refuses_bad_bytes_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    assert reason in info.value.reason
    assert str(info.value).startswith("bad.txt: ")


def test_ingest_refuses_oversized_and_unknown_formats(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes("政".encode() * 400)
    with pytest.raises(InputError, match="oversized"):
        read_source(big, max_bytes=1000)
    odd = tmp_path / "report.xls"
    odd.write_bytes(b"whatever")
    with pytest.raises(InputError, match=r"unsupported format \.xls"):
        read_source(odd)


def test_batch_skips_bad_files_and_keeps_the_rest(tmp_path: Path, seed_text: str) -> None:
    (tmp_path / "a_good.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    batch = read_batch([tmp_path])
    assert [d.name for d in batch.docs] == ["a_good.txt"]
    reasons = dict(batch.failures)
    assert set(Path(p).name for p in reasons) == {"b_empty.txt", "c_binary.txt"}
    assert "empty" in reasons[str(tmp_path / "b_empty.txt")]


def test_docx_is_read_when_python_docx_is_installed(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("支持山西恒强化工有限公司建设噻吩类医药中间体中试基地。")
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = read_source(path)
    assert "山西恒强化工有限公司" in doc.raw and doc.encoding == "docx"
