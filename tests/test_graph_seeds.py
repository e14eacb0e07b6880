"""The graph of the seed corpus: the issue's done-when checks, on the real pipeline."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from policykg.build.run import build
from policykg.graph import shacl
from policykg.graph.vocab import KG

PLAN = "004_d1cd922023492217.txt"
ITEM = re.compile(r"^\d+\.\s*(?P<title>[^：\n]+)：实施主体为", re.M)

UNDERTAKES = """
PREFIX kg: <https://w3id.org/policykg/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?company ?project ?begin ?end ?sentence ?file WHERE {
  ?a a kg:Assertion ; rdf:predicate kg:undertakes ; rdf:subject ?e ; rdf:object ?p ;
     kg:evidence ?s .
  ?s nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?sentence ;
     nif:referenceContext/nif:sourceUrl/kg:fileName ?file .
  ?e skos:prefLabel ?company . ?p skos:prefLabel ?project .
}
"""


def concept(graph: Graph, label: str) -> URIRef:
    found = [
        c
        for c in graph.subjects(SKOS.prefLabel, Literal(label, lang="zh"))
        if (c, RDF.type, SKOS.Concept) in graph
    ]
    assert len(found) == 1, found
    assert isinstance(found[0], URIRef)
    return found[0]


def test_seed_graph_validates_and_covers_every_document(seed_build: Any) -> None:
    assert shacl.violations(seed_build.graph) == []
    assert seed_build.failures == () and seed_build.documents == 5
    documents = set(seed_build.graph.subjects(RDF.type, KG.Document))
    assert len(documents) == 5
    for document in documents:
        assert set(seed_build.graph.subjects(KG.mentionedIn, document)), document


def test_liuwen_is_a_concept_with_definition_and_six_parts(seed_graph: Graph) -> None:
    liuwen = concept(seed_graph, "六稳")
    assert (liuwen, RDF.type, KG.Abbreviation) in seed_graph
    definition = seed_graph.value(liuwen, SKOS.definition)
    assert isinstance(definition, Literal) and definition.language == "zh"
    parts = {
        str(seed_graph.value(p, SKOS.prefLabel)) for p in seed_graph.objects(liuwen, SKOS.narrower)
    }
    assert parts == {"稳就业", "稳金融", "稳外贸", "稳外资", "稳投资", "稳预期"}
    for part in seed_graph.objects(liuwen, SKOS.narrower):
        assert (part, SKOS.broader, liuwen) in seed_graph


def test_hengqiang_undertakes_the_pilot_base_with_the_column_sentence(seed_graph: Graph) -> None:
    rows = [
        r
        for r in seed_graph.query(UNDERTAKES)
        if str(r.company) == "山西恒强化工有限公司" and str(r.project) == "噻吩类医药中间体中试基地"  # type: ignore[union-attr]
    ]
    assert rows, "no undertakes link from 山西恒强化工有限公司 to 噻吩类医药中间体中试基地"
    assert any(
        str(r.file) == PLAN and "实施主体为山西恒强化工有限公司" in str(r.sentence)  # type: ignore[union-attr]
        for r in rows
    )


def test_every_column_item_naming_its_implementer_yields_the_link(
    seed_graph: Graph, seeds_dir: Path
) -> None:
    raw = (seeds_dir / PLAN).read_bytes().decode("utf-8")
    items = list(ITEM.finditer(raw))
    assert len(items) >= 6
    evidence = [
        (int(r.begin), int(r.end))  # type: ignore[union-attr]
        for r in seed_graph.query(UNDERTAKES)
        if str(r.file) == PLAN  # type: ignore[union-attr]
    ]
    for item in items:
        at = item.start("title")
        assert any(b <= at < e for b, e in evidence), f"no undertakes for 专栏 item {item['title']}"


def test_every_anchor_is_its_substring_in_oxigraph(seed_build: Any) -> None:
    store = ox.Store()
    store.load(path=str(seed_build.graph_path), format=ox.RdfFormat.TURTLE)
    query = """
    PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
    SELECT (COUNT(*) AS ?all) (SUM(IF(SUBSTR(?t, ?b + 1, ?e - ?b) = ?a, 1, 0)) AS ?good) WHERE {
      ?s nif:referenceContext/nif:isString ?t ; nif:beginIndex ?b ; nif:endIndex ?e ;
         nif:anchorOf ?a .
    }"""
    row = next(iter(store.query(query)))  # type: ignore[call-overload]
    assert int(row["all"].value) > 1000
    assert row["good"].value == row["all"].value


def test_the_two_counties_stay_two_places(seed_graph: Graph) -> None:
    spatial = {
        str(seed_graph.value(place, SKOS.prefLabel))
        for place in seed_graph.objects(None, URIRef("http://purl.org/dc/terms/spatial"))
    }
    assert spatial == {"新绛县", "绛县"}


@pytest.mark.slow
def test_rebuild_from_cache_is_byte_identical(
    seed_build: Any, seeds_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "again"
    shutil.copytree(seed_build.graph_path.parent / "cache", out / "cache")
    again = build(seeds_dir, out)
    assert again.reused == 5
    assert again.graph_path.read_bytes() == seed_build.graph_path.read_bytes()
    jsonl = "extraction.jsonl"
    assert (out / jsonl).read_bytes() == (seed_build.graph_path.parent / jsonl).read_bytes()


@pytest.mark.slow
def test_adding_a_report_reuses_the_others(seeds_dir: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("001_4db9355ef4d2499e.txt", "002_1c97315e6f016eee.txt"):
        shutil.copy(seeds_dir / name, seeds / name)
    out = tmp_path / "out"
    first = build(seeds, out)
    assert first.reused == 0 and first.documents == 2
    first_graph = first.graph  # parsed now: the next build replaces graph.ttl
    shutil.copy(seeds_dir / "003_35ba40385b99d8cc.txt", seeds)
    second = build(seeds, out)
    assert second.reused == 2 and second.documents == 3
    assert len(second.graph) > len(first_graph)


def test_jsonl_export_is_the_extraction_of_the_graph(seed_build: Any, tmp_path: Path) -> None:
    from policykg.graph.export import export
    from policykg.nlp.jsonl import load_extraction

    out = tmp_path / "extraction.jsonl"
    export(seed_build.graph_path, "jsonl", out)
    loaded = load_extraction(out.read_text(encoding="utf-8").splitlines())
    assert {e.id for e in loaded.entities} == {e.id for e in seed_build.extraction.entities}
    graph_entities = {
        str(s).removeprefix("https://w3id.org/policykg/id/")
        for s in seed_build.graph.subjects(KG.mentionedIn, None)
    }
    assert graph_entities == {e.id for e in loaded.entities}
