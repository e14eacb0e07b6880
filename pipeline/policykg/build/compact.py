"""One document's extraction with its equal values shared, to hold a large corpus in less memory.

A document's result repeats itself: every span names the document, mentions of one sentence
each carry that sentence's span and text, the same labels, sources and units come back again
and again. Decoded from the cache or unpickled from a worker, each repetition is an object of
its own; at 100× the seeds strings were half the build's memory. :func:`compact` rebuilds a
:class:`~policykg.ir.DocResult` so that equal strings and equal spans, mentions and amounts are
one object: the values are equal to the originals (so every output has the same bytes), only
their number shrinks. The IR types are walked by their dataclass fields, so a field added later
is kept.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from policykg.ir import DocResult, SourceDoc

Memo = dict[Any, Any]


@cache
def field_names(kind: type) -> tuple[str, ...] | None:
    """The init fields of a dataclass type, in order (None for any other type)."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind) if f.init)


def shared(value: Any, memo: Memo) -> Any:
    """``value`` with equal strings, tuples' items and frozen dataclasses taken from ``memo``
    (filled as it goes). The document (:class:`~policykg.ir.SourceDoc`) is kept as it is."""
    kind = value.__class__
    if kind is str:
        return memo.setdefault(value, value)
    if kind is tuple:
        return tuple([shared(item, memo) for item in value])
    if kind is SourceDoc:
        return value
    names = field_names(kind)
    if names is None:
        return value  # numbers, enums, None
    rebuilt = kind(*[shared(getattr(value, name), memo) for name in names])
    return memo.setdefault(rebuilt, rebuilt)


def compact(result: DocResult) -> DocResult:
    """``result`` with its equal values shared (see the module's docstring)."""
    memo: Memo = {result.doc.name: result.doc.name}
    names = field_names(DocResult) or ()
    return DocResult(
        *[
            getattr(result, name) if name == "doc" else shared(getattr(result, name), memo)
            for name in names
        ]
    )
