"""Read a batch of documents: a folder (with its manifest) or a list of paths.

A file that cannot be read is reported with its reason and skipped; the rest go on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError
from policykg.ir import SourceDoc
from policykg.text.ingest import MAX_BYTES, read_source
from policykg.text.manifest import MANIFEST_NAME, read_manifest

logger = logging.getLogger(__name__)

SKIPPED_NAMES = {MANIFEST_NAME, "README.md", "readme.md", ".gitkeep"}


@dataclass(frozen=True, slots=True)
class Batch:
    """The documents read, and the ones refused with their reasons."""

    docs: tuple[SourceDoc, ...]
    failures: tuple[tuple[str, str], ...]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus the document files inside named folders, sorted by name."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            result.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.name not in SKIPPED_NAMES and not p.name.startswith(".")
                )
            )
        else:
            result.append(path)
    return result


def read_batch(paths: Iterable[Path], *, max_bytes: int = MAX_BYTES) -> Batch:
    """Read every document; refusals are logged and collected, never fatal to the batch."""
    docs: list[SourceDoc] = []
    failures: list[tuple[str, str]] = []
    manifests: dict[Path, dict] = {}  # type: ignore[type-arg]
    for path in expand_paths(paths):
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        try:
            docs.append(
                read_source(path, meta=manifests[folder].get(path.name), max_bytes=max_bytes)
            )
        except InputError as exc:
            logger.error("skipped %s", exc)
            failures.append((exc.path, exc.reason))
    return Batch(tuple(docs), tuple(failures))
