"""Equal values of one document's extraction shared (``policykg.build.compact``, and the cache's
decoding): the result is equal to the original, so every output keeps its bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.build.cache import DocCache
from policykg.build.compact import compact
from policykg.ir import (
    Amount,
    Candidate,
    DocMeta,
    DocResult,
    EntityRef,
    EntityType,
    Mention,
    RelationCandidate,
    RelationType,
    SourceDoc,
    TextSpan,
)

RAW = "河北高义钢铁有限公司实施年产100万吨特种钢材项目。"


def fresh(text: str) -> str:
    """An equal string that is another object."""
    return "".join(list(text))


def result() -> DocResult:
    doc = SourceDoc("a.txt", "/x/a.txt", RAW, "utf-8", "0" * 64, DocMeta("a.txt", place="河北"))

    def span(start: int, end: int) -> TextSpan:
        return TextSpan(fresh("a.txt"), start, end, fresh(RAW[start:end]))

    def mention(start: int, end: int) -> Mention:
        return Mention(span(start, end), fresh("rule:legal_suffix"), span(0, len(RAW)))

    amount = Amount("capacity", "100", fresh("万吨"), span(12, 17))
    candidates = (
        Candidate(EntityType.ENTERPRISE, fresh("高义钢铁"), mention(0, 10)),
        Candidate(EntityType.ENTERPRISE, fresh("高义钢铁"), mention(0, 10)),
        Candidate(EntityType.PROJECT, fresh("特种钢材项目"), mention(17, 23), amounts=(amount,)),
    )
    relation = RelationCandidate(
        RelationType.UNDERTAKES,
        EntityRef(EntityType.ENTERPRISE, fresh("高义钢铁")),
        EntityRef(EntityType.PROJECT, fresh("特种钢材项目")),
        span(0, len(RAW)),
        "rule:implements",
    )
    return DocResult(doc, candidates, (relation,), (span(0, 4),))


def test_compact_keeps_the_values_and_shares_equal_ones() -> None:
    original = result()
    shared = compact(original)
    assert shared == original
    assert shared.doc is original.doc
    first, second, project = shared.candidates
    assert first.mention is second.mention
    assert first.mention.sentence is shared.relations[0].evidence
    assert first.label is shared.relations[0].subject.label
    assert project.mention.span.doc is first.mention.span.doc is original.doc.name


def test_the_cache_decodes_equal_values_once(tmp_path: Path) -> None:
    original = result()
    cache = DocCache(tmp_path, version="test")
    cache.put(original)
    decoded = cache.get(original.doc)
    assert decoded == original
    assert decoded is not None
    first, second, _ = decoded.candidates
    assert first.mention is second.mention
    assert first.mention.sentence is decoded.relations[0].evidence


def test_the_quick_path_shares_exactly_what_the_walk_shares() -> None:
    import pickle

    from policykg.build import wire  # noqa: F401  (the IR pickled as the workers send it)
    from policykg.build.compact import compact_by_walk

    original = result()
    quick, walked = compact(original), compact_by_walk(original)
    assert quick == walked == original
    # the same objects shared: pickle writes a shared object once, so the bytes show it
    assert pickle.dumps(quick, protocol=5) == pickle.dumps(walked, protocol=5)


def test_ir_types_with_other_fields_take_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    from policykg.build import compact as module

    monkeypatch.setitem(module.QUICK_FIELDS, module.Mention, ("span", "source"))
    module.quick_path_fits.cache_clear()
    try:
        assert not module.quick_path_fits()
        calls: list[DocResult] = []
        walk = module.compact_by_walk

        def counting(value: DocResult) -> DocResult:
            calls.append(value)
            return walk(value)

        monkeypatch.setattr(module, "compact_by_walk", counting)
        original = result()
        assert compact(original) == original and len(calls) == 1
    finally:
        module.quick_path_fits.cache_clear()
