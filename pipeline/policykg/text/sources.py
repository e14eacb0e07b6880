"""Read a batch of documents: a folder (with its manifest) or a list of paths.

A file that cannot be read is reported with its reason and skipped; the rest go on. Entries of a
folder that are not documents to read (subfolders, named pipes, dangling links, link loops) and
manifest entries whose file is missing are named as warnings and skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError
from policykg.ir import DocMeta, SourceDoc
from policykg.text.ingest import MAX_BYTES, not_a_file, read_source
from policykg.text.manifest import MANIFEST_NAME, read_manifest

logger = logging.getLogger(__name__)

SKIPPED_NAMES = {MANIFEST_NAME, "README.md", "readme.md", ".gitkeep"}

Problems = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Batch:
    """The documents read, the ones refused (errors) and the entries skipped (warnings), each
    with its reason."""

    docs: tuple[SourceDoc, ...]
    failures: Problems
    skipped: Problems = ()


@dataclass(slots=True)
class _Listing:
    files: list[Path]
    failures: list[tuple[str, str]]
    skipped: list[tuple[str, str]]


def _folder_entries(folder: Path, listing: _Listing) -> None:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        listing.failures.append((str(folder), f"cannot be listed: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name in SKIPPED_NAMES or entry.name.startswith("."):
            continue
        try:
            problem = not_a_file(entry)
        except InputError as exc:
            listing.failures.append((exc.path, exc.reason))
            continue
        if problem:
            listing.skipped.append((str(entry), problem))
        else:
            listing.files.append(entry)


def expand_paths(paths: Iterable[Path]) -> _Listing:
    """Files named directly, plus the document files inside named folders, sorted by name; the
    entries of those folders that are not files are listed as skipped, with the reason."""
    listing = _Listing([], [], [])
    for path in paths:
        if path.is_dir():
            _folder_entries(path, listing)
        else:
            listing.files.append(path)
    return listing


def _missing_entries(folder: Path, manifest: dict[str, DocMeta]) -> list[tuple[str, str]]:
    return [
        (str(folder / name), f"listed in {MANIFEST_NAME} but there is no such file")
        for name in sorted(manifest)
        if not (folder / name).exists() and not (folder / name).is_symlink()
    ]


def read_batch(paths: Iterable[Path], *, max_bytes: int = MAX_BYTES) -> Batch:
    """Read every document; refusals and skipped entries are logged and collected, never fatal
    to the batch."""
    paths = list(paths)
    listing = expand_paths(paths)
    docs: list[SourceDoc] = []
    manifests: dict[Path, dict[str, DocMeta]] = {}
    for path in paths:
        if path.is_dir():
            manifests[path] = read_manifest(path)
            listing.skipped.extend(_missing_entries(path, manifests[path]))
    names: dict[str, Path] = {}
    for path in listing.files:
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        if path.name in names:  # a document is known by its file name (its IRI, its cache key)
            if names[path.name] != path:
                why = f"has the name of {names[path.name]}: document file names must be unique"
                listing.failures.append((str(path), why))
            continue
        names[path.name] = path
        try:
            docs.append(
                read_source(path, meta=manifests[folder].get(path.name), max_bytes=max_bytes)
            )
        except InputError as exc:
            listing.failures.append((exc.path, exc.reason))
    for where, why in listing.failures:
        logger.error("skipped %s: %s", where, why)
    for where, why in listing.skipped:
        logger.warning("skipped %s: %s", where, why)
    return Batch(tuple(docs), tuple(listing.failures), tuple(listing.skipped))
