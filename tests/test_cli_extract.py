"""``policykg extract``: JSONL shape, offsets into the raw file, failures, atomic --out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policykg.cli.app import app
from policykg.nlp.jsonl import dump_extraction, load_extraction

SAMPLE = "以华曜科技、恒源机械为龙头，打造宁远智能装备产业园。\n实施主体为湖北鸿达化工有限公司。\n"


def test_jsonl_lines_follow_the_interface(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(source)])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    documents = [r for r in records if r["kind"] == "document"]
    entities = [r for r in records if r["kind"] == "entity"]
    relations = [r for r in records if r["kind"] == "relation"]
    assert records == documents + entities + relations
    assert [list(d) for d in documents] == [["kind", "doc", "meta", "sources"]]
    assert documents[0]["doc"] == "report.txt"
    assert list(documents[0]["meta"]) == [
        "place",
        "province",
        "city",
        "year",
        "kind",
        "date",
        "speaker",
        "meeting",
        "title",
    ]
    for entity in entities:
        assert list(entity) == [
            "kind",
            "id",
            "type",
            "label",
            "aliases",
            "definition",
            "parts",
            "mentions",
            "amounts",
        ]
        for mention in entity["mentions"]:
            assert SAMPLE[mention["start"] : mention["end"]] == mention["text"]
    ids = {e["id"] for e in entities}
    assert any(r["type"] == "leads" for r in relations)
    for relation in relations:
        assert list(relation) == ["kind", "type", "subject", "object", "evidence"]
        assert relation["subject"] in ids and relation["object"] in ids


def test_a_missing_file_fails_the_run_after_the_others_print(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(source), str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    assert '"kind": "entity"' in res.stdout
    assert "missing.txt" in res.stderr


def test_out_file_and_round_trip(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "sub" / "out.jsonl"
    res = runner.invoke(app, ["extract", str(source), "--out", str(out)])
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert not list(out.parent.glob(".*.tmp"))
    assert list(dump_extraction(load_extraction(lines))) == lines


def test_document_lines_say_where_each_value_came_from(runner: Any, tmp_path: Path) -> None:
    (tmp_path / "130681_2016_涿州市.txt").write_text(
        "各位代表：\n现在，我代表市政府向大会报告工作，请予审议。\n一、2023年工作回顾\n" + SAMPLE,
        encoding="utf-8",
    )
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "130681_2016_涿州市.txt"\nprovince = "河北省"\n', encoding="utf-8"
    )
    res = runner.invoke(app, ["extract", str(tmp_path)])
    assert res.exit_code == 0, res.output
    (document,) = (r for r in map(json.loads, res.stdout.splitlines()) if r["kind"] == "document")
    assert document["meta"]["place"] == "涿州市" and document["meta"]["year"] == 2024
    assert document["meta"]["title"] is None
    assert document["sources"] == {
        "place": "file name",
        "province": "manifest",
        "year": "text",
        "kind": "text",
    }
    (loaded,) = load_extraction(res.stdout.splitlines()).docs
    assert dict(loaded.meta.sources) == document["sources"]


def test_unknown_format_is_refused(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(source), "--format", "xml"])
    assert res.exit_code == 1
    assert "unknown format" in res.stderr


def test_table_format(runner: Any, tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(source), "-f", "table"])
    assert res.exit_code == 0
    assert res.stdout.splitlines()[0] == "type\tlabel\tmentions\taliases"
    assert "Enterprise\t华曜科技\t1\t" in res.stdout
