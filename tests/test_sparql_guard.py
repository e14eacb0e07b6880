"""The request guard: forms, updates and SERVICE found where the grammar puts them, nowhere else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.sparql.guard import RefusedQueryError, check_query, check_update, inspect_request


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("PREFIX kg: <https://w3id.org/policykg/def#>\nask { ?s a kg:Project }", "ASK"),
        ("BASE <http://x/> PREFIX a: <b> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("# a comment with SELECT\nDESCRIBE <http://x>", "DESCRIBE"),
        ("INSERT DATA { <a> <b> <c> }", "UPDATE"),
        ("PREFIX x: <y> DELETE WHERE { ?s ?p ?o }", "UPDATE"),
        ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
        ("CLEAR ALL", "UPDATE"),
        ("drop graph <g>", "UPDATE"),
        ("LOAD <http://example.org/x.ttl>", "UPDATE"),
        ("\\u0049NSERT DATA { <a> <b> <c> }", "UPDATE"),
    ],
)
def test_form(text: str, form: str) -> None:
    assert inspect_request(text).form == form


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { sErViCe SILENT ?endpoint { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE<http://x/sparql>{ ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://x/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\U00000053ERVICE <http://x/sparql> { ?s ?p ?o } }",
        # a name ending in an escaped '#' must not hide the rest of the line as a comment
        "PREFIX e: <http://e/> SELECT * WHERE { ?s e:a\\# ?o . SERVICE <http://x> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 'it''s' . SERVICE <http://x> {} }",
        'SELECT * WHERE { ?s ?p """multi\nline "quoted" text""" . SERVICE <http://x> {} }',
    ],
)
def test_service_is_found(text: str) -> None:
    with pytest.raises(RefusedQueryError, match="SERVICE"):
        check_query(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x> {}" }',
        "SELECT * WHERE { ?s ?p '''a\nSERVICE <x> {}''' }",
        "SELECT * WHERE { ?s <http://ex/SERVICE> ?o }  # SERVICE <http://x> {}",
        "PREFIX service: <http://ex/> SELECT * WHERE { ?s service:SERVICE ?service }",
        "SELECT ?SERVICE WHERE { ?SERVICE ?p $service }",
        "SELECT * WHERE { ?x <http://e/p> _:SERVICE }",
    ],
)
def test_service_as_text_or_name_is_allowed(text: str) -> None:
    assert check_query(text).form == "SELECT"


def test_updates_are_refused_as_queries() -> None:
    with pytest.raises(RefusedQueryError, match="update"):
        check_query("INSERT DATA { <a> <b> <c> }")


@pytest.mark.parametrize(
    "text",
    ["LOAD <http://x/data.ttl>", "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x> { ?s ?p ?o } }"],
)
def test_network_updates_are_refused(text: str) -> None:
    with pytest.raises(RefusedQueryError):
        check_update(text)


def test_a_query_is_not_an_update() -> None:
    with pytest.raises(RefusedQueryError) as caught:
        check_update("SELECT * WHERE { ?s ?p ?o }")
    assert caught.value.status == 400


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_text_inside_a_string_never_changes_the_form(payload: str) -> None:
    escaped = (
        payload.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    shape = inspect_request(f'SELECT * WHERE {{ ?s ?p "{escaped}" }}')
    assert shape.form == "SELECT"
    assert shape.keywords <= {"SELECT", "WHERE"}
