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


# Invented report heads in the genre of the corpus (issue 13, item 6).
CITY_HEAD = (
    "各位代表：\n\n"
    "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。\n\n"
    "一、2025年工作回顾\n\n"
    "过去的一年，汕尾渔港改造完成，汕尾新区引进项目十二个，深圳对口帮扶资金到位，"
    "汕尾高铁站客流增长两成，全市上下齐心协力。\n\n"
    "二、2026年工作安排\n"
)


def test_a_head_that_is_only_the_salutation_gives_no_title() -> None:
    meta = metadata_from_text("report.txt", CITY_HEAD)
    assert meta.title is None
    text = "各位代表、同志们：\n现在，我代表区政府向大会作工作报告。\n一、2021年工作回顾\n"
    assert metadata_from_text("r.txt", text).title is None


def test_level_only_speaker_takes_the_city_the_text_names_most() -> None:
    meta = metadata_from_text("report.txt", CITY_HEAD)
    assert (meta.place, meta.kind) == ("汕尾市", "政府工作报告")
    assert dict(meta.sources)["place"] == "text"


def test_the_city_must_stand_out() -> None:
    text = CITY_HEAD.replace("深圳对口帮扶", "深圳、深圳、深圳、深圳对口帮扶")
    assert metadata_from_text("report.txt", text).place is None


def test_place_from_we_represent_the_government() -> None:
    text = (
        "各位代表：\n现在，我代表阜平县人民政府，向大会报告工作，请予审议。\n"
        "一、2019年工作回顾\n一年来，全县上下……\n"
    )
    meta = metadata_from_text("fp.txt", text)
    assert (meta.place, meta.year) == ("阜平县", 2020)
    assert dict(meta.sources) == {"place": "text", "year": "text", "kind": "text"}
    inner = metadata_from_text("jx.txt", text.replace("阜平县", "保定市竞秀区"))
    assert (inner.place, inner.city) == ("竞秀区", "保定市")
    autonomous = metadata_from_text("qn.txt", text.replace("阜平县", "黔南州"))
    assert autonomous.place == "黔南布依族苗族自治州"


def test_the_year_is_the_year_of_delivery_not_of_review() -> None:
    assert metadata_from_text("report.txt", CITY_HEAD).year == 2026
    opening = (
        "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n"
        "2022年，全县地区生产总值增长百分之五，粮食总产再创新高。\n"
    )
    assert metadata_from_text("o.txt", opening).year == 2023
    plan_only = "各位代表：\n现在，我代表县人民政府向大会报告工作。\n……\n二、2017年主要预期目标\n"
    assert metadata_from_text("p.txt", plan_only).year == 2017
    assert metadata_from_text("n.txt", "各位代表：\n过去五年，到2025年基本建成。\n").year is None


def test_a_dated_line_wins_over_the_review_year() -> None:
    text = (
        "政府工作报告\n2005年2月26日\n各位代表：\n"
        "现在，我代表某某县人民政府向大会报告工作，请予审议。\n2003年工作回顾\n"
    )
    meta = metadata_from_text("d.txt", text)
    assert (meta.year, meta.date, meta.place, meta.title) == (
        2005,
        "2005-02-26",
        "某某县",
        "政府工作报告",
    )


def test_file_name_fills_what_the_text_does_not_say() -> None:
    text = "各位代表：\n现在，我代表市政府向大会报告工作，请予审议。\n过去五年，我们砥砺前行。\n"
    coded = metadata_from_text("130681_2016_涿州市.txt", text)
    assert (coded.place, coded.year) == ("涿州市", 2016)
    assert dict(coded.sources)["place"] == dict(coded.sources)["year"] == "file name"
    bare = metadata_from_text("三亚.txt", text)
    assert (bare.place, dict(bare.sources)["place"]) == ("三亚市", "file name")
    prefecture = metadata_from_text("黔南.txt", text.replace("市政府", "州人民政府"))
    assert prefecture.place == "黔南布依族苗族自治州"
    national = (
        "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2023年工作回顾\n"
    )
    unconfirmed = metadata_from_text("三亚.txt", national)
    assert unconfirmed.place is None and "place" not in dict(unconfirmed.sources)
    assert metadata_from_text("三亚.txt", national + "三亚市旅游收入增长。").place == "三亚市"


def test_manifest_wins_and_is_named_as_the_source(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "130681_2016_涿州市.txt"\nplace = "甲县"\nyear = 2020\n',
        encoding="utf-8",
    )
    (tmp_path / "130681_2016_涿州市.txt").write_text(
        "各位代表：\n现在，我代表乙县人民政府向大会报告工作，请予审议。\n一、2023年工作回顾\n",
        encoding="utf-8",
    )
    (meta,) = (d.meta for d in read_batch([tmp_path]).docs)
    assert (meta.place, meta.year, meta.kind) == ("甲县", 2020, "政府工作报告")
    assert dict(meta.sources) == {"place": "manifest", "year": "manifest", "kind": "text"}
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\nsources = "x"\n', encoding="utf-8"
    )
    with pytest.raises(ManifestError, match="unknown keys"):
        read_manifest(tmp_path)
