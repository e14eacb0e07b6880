"""Build mechanics with small stand-in NLP stages: cache reuse, failures, atomic outputs, CLI.

The stand-in extractor tags every "…有限公司" name; it is a test double for the build plumbing
(the real extractor is exercised by tests/test_graph_seeds.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from policykg.build import run as build_module
from policykg.build.cache import DocCache
from policykg.build.run import Stages, run_build
from policykg.errors import InputError, OntologyError
from policykg.graph.rdf import GraphParts
from policykg.graph.triples import Part
from policykg.graph.turtle_spool import TurtleSpool
from policykg.ir import (
    Candidate,
    DocResult,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    SourceDoc,
    TextSpan,
    entity_id,
)

COMPANY = re.compile(r"[\u4e00-\u9fff]{2,12}?有限公司")


class Recorder:
    """Stand-in stages that remember which documents they extracted."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.extracted: list[str] = []
        self.fail_on = fail_on

    def extract_doc(self, doc: SourceDoc, nlp: Any) -> DocResult:
        assert nlp == "nlp"
        if self.fail_on and self.fail_on in doc.raw:
            raise ValueError("stand-in extractor refuses this text")
        self.extracted.append(doc.name)
        candidates = tuple(
            Candidate(
                EntityType.ENTERPRISE,
                m.group(),
                Mention(TextSpan(doc.name, m.start(), m.end(), m.group()), "test:company"),
            )
            for m in COMPANY.finditer(doc.raw)
        )
        return DocResult(doc, candidates, ())

    def stages(self) -> Stages:
        return Stages(lambda: "nlp", self.extract_doc, resolve_by_label, dump_lines)


def resolve_by_label(
    results: Sequence[DocResult],
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    mentions: dict[str, list[Mention]] = {}
    for result in results:
        for c in result.candidates:
            mentions.setdefault(c.label, []).append(c.mention)
    entities = tuple(
        Entity(
            entity_id(EntityType.ENTERPRISE, label),
            EntityType.ENTERPRISE,
            label,
            mentions=tuple(ms),
        )
        for label, ms in sorted(mentions.items())
    )
    return entities, ()


def dump_lines(extraction: Extraction) -> Iterator[str]:
    for e in extraction.entities:
        yield json.dumps({"kind": "entity", "id": e.id, "label": e.label}, ensure_ascii=False)


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text("山西恒强化工有限公司建设中试基地。", encoding="utf-8")
    (folder / "b.txt").write_text(
        "高义钢铁有限公司扩建。山西恒强化工有限公司投产。", encoding="utf-8"
    )
    (folder / "manifest.toml").write_text(
        '[[document]]\nfile = "a.txt"\nplace = "新绛县"\nyear = 2022\n', encoding="utf-8"
    )
    return folder


def test_build_writes_graph_jsonl_and_report(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_build(seeds, out, Recorder().stages())
    assert result.graph_path == out / "graph.ttl"
    assert len(Graph().parse(result.graph_path, format="turtle")) == len(result.graph)
    lines = (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["label"] for line in lines} == {
        "山西恒强化工有限公司",
        "高义钢铁有限公司",
    }
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert (
        report["documents"] == 2
        and report["reused"] == 0
        and report["entities"] == {"Enterprise": 2}
    )
    assert report["triples"] == len(result.graph)


def test_two_builds_are_byte_identical(seeds: Path, tmp_path: Path) -> None:
    first = run_build(seeds, tmp_path / "one", Recorder().stages(), use_cache=False)
    second = run_build(seeds, tmp_path / "two", Recorder().stages(), use_cache=False)
    for name in ("graph.ttl", "extraction.jsonl"):
        assert (first.graph_path.parent / name).read_bytes() == (
            second.graph_path.parent / name
        ).read_bytes()


def test_adding_a_document_reuses_the_others_from_cache(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, Recorder().stages())
    (seeds / "c.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")
    again = Recorder()
    result = run_build(seeds, out, again.stages())
    assert again.extracted == ["c.txt"]
    assert result.reused == 2 and result.documents == 3
    fresh = run_build(seeds, tmp_path / "fresh", Recorder().stages(), use_cache=False)
    assert (out / "graph.ttl").read_bytes() == fresh.graph_path.read_bytes()


def test_changed_text_or_metadata_is_extracted_again(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, Recorder().stages())
    (seeds / "b.txt").write_text("高义钢铁有限公司扩建。", encoding="utf-8")
    manifest = (seeds / "manifest.toml").read_text(encoding="utf-8")
    (seeds / "manifest.toml").write_text(manifest.replace("2022", "2023"), encoding="utf-8")
    again = Recorder()
    result = run_build(seeds, out, again.stages())
    assert sorted(again.extracted) == ["a.txt", "b.txt"] and result.reused == 0


def test_no_cache_extracts_everything(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, Recorder().stages())
    again = Recorder()
    result = run_build(seeds, out, again.stages(), use_cache=False)
    assert len(again.extracted) == 2 and result.reused == 0


def test_a_damaged_cache_entry_is_a_miss(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, Recorder().stages())
    for entry in (out / "cache").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    again = Recorder()
    assert run_build(seeds, out, again.stages()).reused == 0
    assert len(again.extracted) == 2


def test_cache_round_trips_a_doc_result(seeds: Path, tmp_path: Path) -> None:
    from policykg.text.sources import read_batch

    doc = read_batch([seeds]).docs[1]
    result = Recorder().extract_doc(doc, "nlp")
    cache = DocCache(tmp_path / "cache", "v1")
    cache.put(result)
    assert cache.get(doc) == result
    assert DocCache(tmp_path / "cache", "v2").get(doc) is None


def test_entries_of_other_pipeline_versions_are_pruned(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, Recorder().stages())
    stale = out / "cache" / "0123456789abcdef-old.json"
    stale.write_text("{}", encoding="utf-8")
    result = run_build(seeds, out, Recorder().stages())
    assert result.reused == 2 and not stale.exists()
    assert len(list((out / "cache").glob("*.json"))) == 2


def test_outputs_get_the_usual_file_mode(seeds: Path, tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    result = run_build(seeds, tmp_path / "out", Recorder().stages())
    assert result.graph_path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_failing_document_is_reported_and_the_rest_is_built(seeds: Path, tmp_path: Path) -> None:
    result = run_build(seeds, tmp_path / "out", Recorder(fail_on="高义").stages())
    assert [Path(p).name for p, _ in result.failures] == ["b.txt"]
    assert "ValueError" in result.failures[0][1]
    assert result.documents == 1 and result.graph_path.is_file()
    report = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert report["failures"][0]["path"].endswith("b.txt")


def test_failed_validation_leaves_the_previous_graph(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, Recorder().stages())
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (seeds / "c.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")

    class Broken(GraphParts):
        def others(self) -> Iterator[Part]:
            for g in super().others():
                g.remove(SKOS.prefLabel)
                yield g

    monkeypatch.setattr(build_module, "GraphParts", Broken)
    with pytest.raises(OntologyError, match="prefLabel"):
        run_build(seeds, out, Recorder().stages())
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before


def test_interrupted_write_keeps_the_old_graph(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run_build(seeds, out, Recorder().stages())
    before = (out / "graph.ttl").read_bytes()
    (seeds / "c.txt").write_text("明迈特有限公司新上矿热炉。", encoding="utf-8")

    def interrupted(spool: TurtleSpool, path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(TurtleSpool, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_build(seeds, out, Recorder().stages())
    assert (out / "graph.ttl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_an_empty_seeds_folder_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no readable documents"):
        run_build(tmp_path / "empty", tmp_path / "out", Recorder().stages())


def test_cli_build_says_what_came_from_cache_and_fails_on_a_bad_file(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from policykg.cli import app

    out = tmp_path / "out"
    recorder = Recorder(fail_on="坏")
    monkeypatch.setattr(build_module, "nlp_stages", recorder.stages)
    args = ["build", "--seeds", str(seeds), "--out", str(out)]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "reused 0 of 2 documents from cache" in first.stderr
    (seeds / "c.txt").write_text("坏文件有限公司。", encoding="utf-8")
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 1
    assert "reused 2 of 2 documents from cache" in second.stderr
    assert "c.txt" in second.stderr and "extraction failed" in second.stderr
    assert (out / "graph.ttl").is_file()
    third = CliRunner().invoke(app, [*args, "--no-cache"])
    assert "reused 0 of 2 documents from cache" in third.stderr
