"""``policykg eval --errors`` for relations (gold.relation_errors): misses, near misses and wrong
links of one relation type, with the subject in [ ] and the object in { }."""

from __future__ import annotations

from typer.testing import CliRunner

from policykg.cli import app
from policykg.gold.load import CorpusGoldDoc
from policykg.gold.relation_errors import doc_relation_errors
from policykg.ir import (
    DocMeta,
    Entity,
    EntityType,
    Mention,
    Relation,
    RelationType,
    SourceDoc,
    TextSpan,
)

RAW = "加快顺应二期、杉杉二期等项目建设。推动华勤高端橡胶产业园开工。"
NAME = "t.txt"


def _at(text: str) -> tuple[int, int]:
    start = RAW.index(text)
    return start, start + len(text)


def _entity(key: str, kind: EntityType, text: str) -> Entity:
    start, end = _at(text)
    return Entity(key, kind, text, mentions=(Mention(TextSpan(NAME, start, end, text), "rule"),))


def _gold(*pairs: tuple[str, str]) -> CorpusGoldDoc:
    source = SourceDoc(NAME, NAME, RAW, "utf-8", "0" * 64, DocMeta(name=NAME))
    rels = frozenset((NAME, "undertakes", *_at(s), *_at(o)) for s, o in pairs)
    return CorpusGoldDoc(source, frozenset(), rels, ((0, len(RAW)),), ())


def _undertakes(subject: str, obj: str) -> Relation:
    sentence = TextSpan(NAME, 0, RAW.index("。") + 1, RAW[: RAW.index("。") + 1])
    return Relation(RelationType.UNDERTAKES, subject, obj, (sentence,))


def test_a_miss_a_near_miss_and_a_wrong_link_are_told_apart() -> None:
    firm = EntityType.ENTERPRISE
    entities = (
        _entity("e1", firm, "顺应二期"),  # the phase inside the firm: a near miss
        _entity("p1", EntityType.PROJECT, "顺应二期"),
        _entity("e2", firm, "杉杉"),
        _entity("p2", EntityType.PROJECT, "项目建设"),  # a wrong object: a wrong link
    )
    relations = (_undertakes("e1", "p1"), _undertakes("e2", "p2"))
    gold = _gold(("顺应", "顺应二期"), ("杉杉", "杉杉二期"), ("华勤", "华勤高端橡胶产业园"))
    lines = doc_relation_errors(gold, entities, relations, "undertakes")
    assert sorted(line.split()[0] for line in lines) == ["BND", "FN", "FN", "FP"]
    near = next(line for line in lines if line.startswith("BND"))
    assert "[{顺应]二期}" in near and near.endswith("(pred 顺应二期 → 顺应二期)")
    assert any("[{杉杉]二期}" in line for line in lines if line.startswith("FN"))
    assert any("[{华勤]高端橡胶产业园}" in line for line in lines if line.startswith("FN"))
    wrong = next(line for line in lines if line.startswith("FP"))
    assert "[杉杉]二期等{项目建设}" in wrong


def test_a_found_link_is_no_error_and_other_types_are_not_listed() -> None:
    entities = (
        _entity("e", EntityType.ENTERPRISE, "杉杉"),
        _entity("p", EntityType.PROJECT, "杉杉二期"),
    )
    gold = _gold(("杉杉", "杉杉二期"))
    assert doc_relation_errors(gold, entities, (_undertakes("e", "p"),), "undertakes") == []
    assert doc_relation_errors(gold, entities, (_undertakes("e", "p"),), "leads") == []


def test_an_unknown_type_is_refused_with_the_types_it_takes() -> None:
    result = CliRunner().invoke(app, ["eval", "--errors", "Undertakes", "--fold", "c1"])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "unknown type 'Undertakes'" in message and "undertakes" in message
