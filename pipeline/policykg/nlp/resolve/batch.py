"""Resolution across the documents of a batch, importable without spaCy (a build's parent
process resolves what its workers extracted)."""

from __future__ import annotations

from collections.abc import Sequence

from policykg.ir import DocResult, Entity, Relation
from policykg.nlp.resolve.entities import resolve
from policykg.nlp.resolve.kinds import drop_kinds
from policykg.nlp.resolve.phrases import drop_phrase_fragments
from policykg.nlp.rules.lexicon import has_proper_part, is_common_phrase, is_word


def resolve_batch(
    results: Sequence[DocResult],
) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """Resolve entities across documents, then drop the cross-document phrase fragments and the
    kinds that several places name (``kinds``)."""
    docs = [r.doc for r in results]
    return drop_kinds(*drop_phrase_fragments(*resolve(results), docs), docs)


def warm_up() -> None:
    """Read now what resolution reads on first use (the lexicon made of jieba's dictionary,
    0.12 s): a build's parent does it while its workers start, instead of after extraction."""
    is_word("经济")
    is_common_phrase("经济发展")
    has_proper_part("经济发展")
