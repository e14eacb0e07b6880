"""Every saved query on the seed graph (the full build of seeds/), with checks that hold for any
county's reports: shapes, orderings and consistency, plus a few facts the seeds state outright."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from policykg.paths import data_dir
from policykg.sparql.execute import run_query
from policykg.sparql.results import SelectResult
from policykg.sparql.saved import SavedQuery, load_saved_queries
from policykg.sparql.store import load_memory_store

SAVED = {query.name: query for query in load_saved_queries()}


@pytest.fixture(scope="module")
def store(seed_build: Any) -> ox.Store:
    return load_memory_store(seed_build.graph_path)


def rows(store: ox.Store, name: str) -> list[dict[str, str]]:
    return run_text(store, SAVED[name].text)


def run_text(store: ox.Store, text: str) -> list[dict[str, str]]:
    result = run_query(store, text)
    assert isinstance(result, SelectResult)
    return [
        {
            var: term.value
            for var, term in zip(result.variables, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]


@pytest.mark.parametrize("query", SAVED.values(), ids=list(SAVED))
def test_saved_query_runs_on_the_seed_graph(store: ox.Store, query: SavedQuery) -> None:
    result = run_query(store, query.text)
    assert isinstance(result, SelectResult) and not result.truncated


def test_glossary_abbreviations_keep_definition_and_parts(store: ox.Store) -> None:
    found = {r["label"]: r for r in rows(store, "abbreviations")}
    liuwen = found["六稳"]
    assert "稳就业" in liuwen["definition"] and "稳就业" in liuwen["parts"].split("、")
    assert int(liuwen["documents"]) >= 1 and liuwen["firstYear"] <= liuwen["lastYear"]


def test_mention_offsets_all_match(store: ox.Store) -> None:
    check = data_dir("queries") / "checks" / "mention-offsets.rq"
    assert "mention-offsets" not in SAVED, "a whole-graph check, not a saved query"
    result = run_query(store, check.read_text(encoding="utf-8"))
    assert isinstance(result, SelectResult) and result.variables and result.rows == ()


def test_documents_cover_both_counties(store: ox.Store, seed_build: Any) -> None:
    found = rows(store, "documents")
    assert {r["file"] for r in found} == {doc.name for doc in seed_build.extraction.docs}
    assert {r.get("placeLabel") for r in found} == {"新绛县", "绛县"}


def test_shared_abbreviations_name_two_places(store: ox.Store) -> None:
    found = rows(store, "abbreviations-shared-by-counties")
    assert found, "the two counties share some policy vocabulary"
    assert all(set(r["placeList"].split()) == {"新绛县", "绛县"} for r in found)


def test_recurring_enterprises_recur(store: ox.Store) -> None:
    found = rows(store, "enterprises-in-several-documents")
    assert found and all(int(r["documents"]) > 1 for r in found)
    assert all(int(r["documents"]) <= int(r["mentions"]) for r in found)
    assert all(r["firstYear"] <= r["lastYear"] for r in found if "firstYear" in r)
    documents = [int(r["documents"]) for r in found]
    assert documents == sorted(documents, reverse=True)


def test_projects_are_ordered_by_investment(store: ox.Store) -> None:
    found = rows(store, "projects-by-investment")
    amounts = [float(r.get("yuan", r["value"])) for r in found]
    assert amounts == sorted(amounts, reverse=True)
    assert all(
        r["statedAs"].replace(" ", "").startswith(r["value"].rstrip("0").rstrip(".")) for r in found
    )


def test_slogans_are_ordered_by_year_then_rank(store: ox.Store) -> None:
    found = rows(store, "slogans-by-year")
    years = [int(r["year"]) for r in found if "year" in r]
    assert years and years == sorted(years)
    ranks = {r["s"]: int(r["rank"]) for r in run_text(store, SLOGAN_RANKS)}
    keys = [(r.get("year", ""), ranks[r["slogan"]], r["file"]) for r in found]
    assert keys == sorted(keys)


SLOGAN_RANKS = """PREFIX kg: <https://w3id.org/policykg/def#>
SELECT ?s ?rank WHERE { ?s a kg:Slogan ; kg:rank ?rank }"""


def test_provenance_offsets_cut_the_anchor_from_the_source(
    store: ox.Store, seed_build: Any
) -> None:
    raw = {doc.name: doc.raw for doc in seed_build.extraction.docs}
    found = rows(store, "project-provenance")
    assert found
    for row in found:
        assert raw[row["file"]][int(row["begin"]) : int(row["end"])] == row["anchor"]
        assert row["anchor"] in row.get("sentence", row["anchor"])


def test_enterprise_project_evidence_is_a_sentence_of_its_file(
    store: ox.Store, seed_build: Any
) -> None:
    raw = {doc.name: doc.raw for doc in seed_build.extraction.docs}
    found = rows(store, "enterprise-projects")
    assert found
    assert all(r["evidence"] in raw[r["file"]] for r in found if "evidence" in r)


def test_neighbours_come_most_sentences_then_most_mentions_first(store: ox.Store) -> None:
    found = rows(store, "entities-near-enterprise")
    assert found
    for name in {r["enterpriseLabel"] for r in found}:
        keys = [
            (int(r["sentences"]), int(r["mentions"])) for r in found if r["enterpriseLabel"] == name
        ]
        assert keys == sorted(keys, reverse=True), name
