"""Property tests: any extraction, with hostile text in names and documents, survives every RDF
export format unchanged (graph isomorphism), and GB18030 input gives the same entities as UTF-8."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from policykg.graph.export import export
from policykg.graph.outputs import serialize_graph
from policykg.graph.rdf import to_graph
from policykg.graph.screen import screen
from policykg.ir import (
    DocMeta,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Relation,
    RelationType,
    SourceDoc,
    TextSpan,
    entity_id,
)

HOSTILE = [*"高义钢铁六稳“”'\"\\<>&;:#%\n\t 𠀀", "<script>", '"onload=', "\u200b", "@zh"]
names = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map("".join)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    raw = draw(st.lists(st.sampled_from(HOSTILE), min_size=20, max_size=60).map("".join))
    doc = SourceDoc("报告 <1>.txt", "x", raw, "utf-8", "f" * 64, DocMeta("报告 <1>.txt", year=2022))
    entities = []
    for index in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from([EntityType.ENTERPRISE, EntityType.PROJECT, EntityType.ABBREVIATION])
        )
        start = draw(st.integers(0, len(raw) - 2))
        end = draw(st.integers(start + 1, len(raw)))
        span = TextSpan(doc.name, start, end, raw[start:end])
        entities.append(
            Entity(
                entity_id(kind, f"{index}"),
                kind,
                draw(names),
                aliases=tuple(draw(st.lists(names, max_size=2, unique=True))),
                definition=draw(st.none() | names) if kind is EntityType.ABBREVIATION else None,
                mentions=(Mention(span, "fuzz", span),),
            )
        )
    relations = []
    firms = [e for e in entities if e.type is EntityType.ENTERPRISE]
    works = [e for e in entities if e.type is EntityType.PROJECT]
    if firms and works:
        evidence = entities[0].mentions[0].span
        relations.append(
            Relation(RelationType.UNDERTAKES, firms[0].id, works[0].id, (evidence,), ("fuzz",))
        )
    return Extraction((doc,), tuple(entities), tuple(relations))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extractions())
def test_every_rdf_export_round_trips(tmp_path: Path, extraction: Extraction) -> None:
    graph = to_graph(screen(extraction)[0])
    source = tmp_path / "graph.ttl"
    source.write_text(serialize_graph(graph), encoding="utf-8")
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        out = export(source, fmt, tmp_path / f"g.{fmt}")
        assert isomorphic(Graph().parse(out, format=parser), graph), fmt
    trig = export(source, "trig", tmp_path / "g.trig")
    merged = Graph()
    for quad in Dataset().parse(trig, format="trig").quads((None, None, None, None)):
        merged.add(quad[:3])
    assert isomorphic(merged, graph)


def test_gb18030_copy_gives_the_same_entities(tmp_path: Path, seeds_dir: Path, nlp: Any) -> None:
    from policykg.nlp.extract import extract_batch
    from policykg.text.sources import read_batch

    name = "003_35ba40385b99d8cc.txt"
    text = (seeds_dir / name).read_text(encoding="utf-8")
    text = text.encode("gb18030", errors="replace").decode("gb18030")
    (tmp_path / "utf8").mkdir()
    (tmp_path / "gb").mkdir()
    (tmp_path / "utf8" / name).write_text(text, encoding="utf-8")
    (tmp_path / "gb" / name).write_bytes(text.encode("gb18030"))

    def entities(folder: Path) -> list[tuple[str, str, tuple[tuple[int, int], ...]]]:
        ex = extract_batch(read_batch([folder]), nlp=nlp)
        assert ex.docs[0].encoding == ("gb18030" if folder.name == "gb" else "utf-8")
        return [
            (e.type.value, e.label, tuple((m.span.start, m.span.end) for m in e.mentions))
            for e in ex.entities
        ]

    found = entities(tmp_path / "gb")
    assert found and found == entities(tmp_path / "utf8")


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_other_encodings_give_the_same_entities(
    tmp_path: Path, seeds_dir: Path, nlp: Any, codec: str
) -> None:
    from policykg.nlp.extract import extract_batch
    from policykg.text.sources import read_batch

    name = "002_1c97315e6f016eee.txt"
    text = (seeds_dir / name).read_text(encoding="utf-8")
    (tmp_path / name).write_bytes(text.encode(codec))
    here = extract_batch(read_batch([tmp_path]), nlp=nlp)
    original = extract_batch(read_batch([seeds_dir / name]), nlp=nlp)
    assert [e.label for e in here.entities] == [e.label for e in original.entities]
