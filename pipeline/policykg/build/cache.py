"""The per-document extraction cache under ``OUT/cache/``.

A document's :class:`~policykg.ir.DocResult` is stored as JSON under a key made of its file name,
the sha256 of its bytes, its metadata and the *pipeline version*: a hash of every file of the
code and models that produce a DocResult (``ir.py``, ``text/``, ``nlp/``). Change the text, the
manifest entry or the extractor, and the entry is simply not found again.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import logging
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any

import policykg
from policykg.graph.atomic import write_text
from policykg.ir import DocResult, SourceDoc

logger = logging.getLogger(__name__)

PACKAGE_ROOT = Path(policykg.__file__).resolve().parent
VERSIONED_PATHS = ("ir.py", "text", "nlp")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the package version and of every file that shapes a DocResult."""
    digest = hashlib.sha256(policykg.__version__.encode())
    for name in VERSIONED_PATHS:
        root = PACKAGE_ROOT / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def cache_key(doc: SourceDoc, version: str) -> str:
    """The key of one document's entry: name, content, metadata and pipeline version."""
    meta = json.dumps(dataclasses.asdict(doc.meta), sort_keys=True, ensure_ascii=False)
    material = "\x1f".join((doc.name, doc.sha256, meta, version))
    return hashlib.sha256(material.encode()).hexdigest()


def encode(value: Any) -> Any:
    """A dataclass tree as plain JSON values (enums by value, tuples as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    return value


@lru_cache(maxsize=64)
def field_types(kind: type) -> dict[str, Any]:
    """The resolved field types of a dataclass (``typing.get_type_hints`` is slow: a warm build
    decoding every entry spent most of its time there before this was cached)."""
    return typing.get_type_hints(kind)


def decode(kind: Any, value: Any, memo: dict[Any, Any] | None = None) -> Any:
    """Rebuild a value of type ``kind`` (dataclass, enum, tuple[X, ...], X | None) from JSON;
    with ``memo``, equal strings and dataclasses come out as one object (see ``compact``)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return None if value is None else decode(options[0], value, memo)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item, memo) for item in value)
        return tuple(decode(arg, item, memo) for arg, item in zip(args, value, strict=True))
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = field_types(kind)
        made = kind(
            **{f.name: decode(hints[f.name], value[f.name], memo) for f in dataclasses.fields(kind)}
        )
        return made if memo is None else memo.setdefault(made, made)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if memo is not None and isinstance(value, str):
        return memo.setdefault(value, value)
    return value


class DocCache:
    """DocResults of earlier builds, one JSON file per document version."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.folder = folder
        self.version = version or pipeline_version()

    def path(self, doc: SourceDoc) -> Path:
        """Where the entry of ``doc`` lives."""
        return self.folder / f"{self.version}-{cache_key(doc, self.version)[:32]}.json"

    def prune(self) -> int:
        """Delete the entries of other pipeline versions (they can never be used again)."""
        stale = [p for p in self.folder.glob("*.json") if not p.name.startswith(f"{self.version}-")]
        for path in stale:
            path.unlink(missing_ok=True)
        if stale:
            logger.info("removed %d cache entries of older pipeline versions", len(stale))
        return len(stale)

    def get(self, doc: SourceDoc) -> DocResult | None:
        """The cached result for this exact document, or None (a damaged entry is a miss)."""
        path = self.path(doc)
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            fields = {k: v for k, v in data.items() if k != "doc"}
            hints = field_types(DocResult)
            memo: dict[Any, Any] = {doc.name: doc.name}  # equal values decoded once (compact)
            return DocResult(doc=doc, **{k: decode(hints[k], v, memo) for k, v in fields.items()})
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("%s: unreadable cache entry, extracting again (%s)", path, exc)
            return None

    def put(self, result: DocResult) -> None:
        """Store ``result`` (without the document text, which the key already pins down)."""
        data = {k: v for k, v in encode(result).items() if k != "doc"}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        write_text(self.path(result.doc), text)
