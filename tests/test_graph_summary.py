"""The counts the build writes (``rdf_summary``): right on a hand-made extraction, equal to what
SPARQL aggregation over the seed graph finds, and checked by the SHACL shapes."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from policykg.errors import OntologyError
from policykg.graph import iri, rdf_summary, shacl
from policykg.graph.rdf import to_graph
from policykg.graph.vocab import KG
from policykg.ir import DocMeta, Entity, EntityType, Extraction, Mention, SourceDoc, TextSpan
from policykg.sparql.store import load_memory_store

TEXTS = {
    "a.txt": "高义钢铁投产。高义钢铁扩能。恒强化工签约。",
    "b.txt": "高义钢铁技改。明盛科技落户。",
    "c.txt": "明盛科技投产。恒强化工技改。明盛科技扩能。",
}
YEARS = {"a.txt": 2022, "b.txt": 2022, "c.txt": None}


def docs() -> tuple[SourceDoc, ...]:
    return tuple(
        SourceDoc(name, name, raw, "utf-8", "0" * 64, DocMeta(name, year=YEARS[name]))
        for name, raw in TEXTS.items()
    )


def firm(label: str, key: str = "") -> Entity:
    """An enterprise mentioned everywhere its label occurs in the texts."""
    mentions = []
    for name, raw in TEXTS.items():
        start = raw.find(label)
        while start >= 0:
            mentions.append(Mention(TextSpan(name, start, start + len(label), label), "test"))
            start = raw.find(label, start + 1)
    return Entity(
        f"enterprise/{key or label}", EntityType.ENTERPRISE, label, mentions=tuple(mentions)
    )


def extraction() -> Extraction:
    return Extraction(docs(), (firm("高义钢铁"), firm("恒强化工"), firm("明盛科技")), ())


def stats_of(ex: Extraction) -> rdf_summary.Summary:
    grouped: dict[URIRef, list[Entity]] = {}
    for entity in ex.entities:
        grouped.setdefault(iri.entity_iri(entity.id), []).append(entity)
    return rdf_summary.summarize({d.name: d for d in ex.docs}, grouped)


def by_label(summary: rdf_summary.Summary) -> dict[str, rdf_summary.EntityStats]:
    return {
        label: summary.entities[iri.entity_iri(f"enterprise/{label}")]
        for label in ("高义钢铁", "恒强化工", "明盛科技")
    }


def counts(s: rdf_summary.EntityStats) -> tuple[int, int, int | None, int | None]:
    return (s.mentions, s.documents, s.first_year, s.last_year)


def test_counts_and_years_per_entity() -> None:
    found = by_label(stats_of(extraction()))
    assert counts(found["高义钢铁"]) == (3, 2, 2022, 2022)
    assert counts(found["恒强化工"]) == (2, 2, 2022, 2022), "c.txt has no year"
    assert counts(found["明盛科技"]) == (3, 2, 2022, 2022)


def test_rank_orders_by_documents_then_mentions_then_label() -> None:
    found = by_label(stats_of(extraction()))
    # all three are in two documents; 高义钢铁 and 明盛科技 have three mentions; 明 < 高 by code point
    assert [found[label].rank for label in ("明盛科技", "高义钢铁", "恒强化工")] == [1, 2, 3]


def test_only_the_first_ranked_of_a_type_get_a_rank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rdf_summary, "RANKED", 2)
    found = by_label(stats_of(extraction()))
    assert found["恒强化工"].rank is None and found["高义钢铁"].rank == 2


def test_entities_sharing_a_node_are_counted_once_per_mention() -> None:
    ex = extraction()
    twin = firm("高义钢铁")  # the same id again, as resolve may give for two spellings
    summary = stats_of(Extraction(ex.docs, (*ex.entities, twin), ()))
    assert counts(by_label(summary)["高义钢铁"]) == (3, 2, 2022, 2022)


def test_counts_per_document_and_year_count_distinct_entities() -> None:
    summary = stats_of(extraction())
    assert summary.by_document["a.txt"] == {EntityType.ENTERPRISE: 2}
    assert summary.by_document["c.txt"] == {EntityType.ENTERPRISE: 2}
    assert summary.by_year == {2022: {EntityType.ENTERPRISE: 3}}, "a and b share 高义钢铁"


def test_shapes_refuse_impossible_counts() -> None:
    g = to_graph(extraction())
    shacl.check(g)
    node = URIRef(iri.entity_iri("enterprise/恒强化工"))
    g.set((node, KG.documentCount, Literal(5)))
    with pytest.raises(OntologyError, match="documentCount"):
        shacl.check(g)


def test_shapes_refuse_an_empty_entity_count() -> None:
    g = to_graph(extraction())
    node = URIRef(iri.mint("doc", "a", "count", "enterprise"))
    g.set((node, KG["count"], Literal(0)))
    with pytest.raises(OntologyError, match="count"):
        shacl.check(g)


AGGREGATED = """
PREFIX kg: <https://w3id.org/policykg/def#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?e ?documents ?mentions ?storedDocuments ?storedMentions WHERE {
  { SELECT ?e (COUNT(DISTINCT ?d) AS ?documents) WHERE { ?e kg:mentionedIn ?d } GROUP BY ?e }
  { SELECT ?e (COUNT(DISTINCT ?m) AS ?mentions) WHERE { ?m itsrdf:taIdentRef ?e } GROUP BY ?e }
  ?e kg:documentCount ?storedDocuments ; kg:mentionCount ?storedMentions .
}
"""
PER_DOCUMENT = """
PREFIX kg: <https://w3id.org/policykg/def#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?d ?type ?n ?stored WHERE {
  { SELECT ?d ?type (COUNT(DISTINCT ?e) AS ?n)
    WHERE { ?m itsrdf:taIdentRef ?e ; itsrdf:taClassRef ?type ; nif:referenceContext/nif:sourceUrl ?d }
    GROUP BY ?d ?type }
  OPTIONAL { ?c kg:inDocument ?d ; kg:countOf ?type ; kg:count ?stored }
}
"""
NIF = "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"


@pytest.fixture(scope="module")
def seed_store(seed_build: Any) -> ox.Store:
    return load_memory_store(seed_build.graph_path)


def test_stored_entity_counts_equal_sparql_aggregation_on_the_seeds(seed_store: ox.Store) -> None:
    rows = list(seed_store.query(AGGREGATED))  # type: ignore[arg-type]
    assert len(rows) > 100
    for row in rows:
        assert row["documents"].value == row["storedDocuments"].value, row["e"]
        assert row["mentions"].value == row["storedMentions"].value, row["e"]


def test_stored_document_counts_equal_sparql_aggregation_on_the_seeds(seed_store: ox.Store) -> None:
    rows = list(seed_store.query(NIF + PER_DOCUMENT))  # type: ignore[arg-type]
    assert len(rows) > 10
    for row in rows:
        assert row["stored"] is not None and row["n"].value == row["stored"].value, row["d"]


def test_ranks_on_the_seeds_follow_document_counts(seed_store: ox.Store) -> None:
    query = """PREFIX kg: <https://w3id.org/policykg/def#>
    SELECT ?rank ?n WHERE { ?e a kg:Enterprise ; kg:rank ?rank ; kg:documentCount ?n }
    ORDER BY ?rank"""
    rows = [(int(r["rank"].value), int(r["n"].value)) for r in seed_store.query(query)]  # type: ignore[union-attr]
    assert [rank for rank, _ in rows] == list(range(1, len(rows) + 1))
    counts = [n for _, n in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
