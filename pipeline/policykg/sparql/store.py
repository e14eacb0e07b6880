"""The graph in a pyoxigraph store: in memory for one-off queries, on disk for the server."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from policykg.errors import PolicyKGError

log = logging.getLogger(__name__)


class GraphFileError(PolicyKGError):
    """The graph file is missing or is not valid Turtle: names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def _rdf_format(path: Path) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl")
    return fmt if fmt is not None else ox.RdfFormat.TURTLE


def _check_readable(path: Path) -> None:
    if not path.is_file():
        hint = " (run `policykg build` first, or pass --graph / --seeds)"
        raise GraphFileError(path, "no such graph file" + hint)


def fill_store(store: ox.Store, path: Path) -> None:
    """Bulk-load the RDF file at ``path`` into ``store``."""
    _check_readable(path)
    try:
        store.bulk_load(path=str(path), format=_rdf_format(path))
    except (SyntaxError, ValueError) as exc:
        raise GraphFileError(path, f"not valid RDF: {exc}") from exc


def load_memory_store(path: Path) -> ox.Store:
    """A fresh in-memory store holding the graph at ``path``."""
    store = ox.Store()
    fill_store(store, path)
    log.info("loaded %s (%d quads)", path, len(store))
    return store


def write_disk_store(path: Path, location: Path) -> Path:
    """Build an on-disk store of ``path`` at ``location`` (atomically: temp dir, then rename)."""
    location.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".store-", dir=location.parent))
    try:
        store = ox.Store(str(staging))
        fill_store(store, path)
        store.flush()
        del store
        if location.exists():
            shutil.rmtree(location)
        os.replace(staging, location)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return location


def open_read_only(location: Path) -> ox.Store:
    """Open an on-disk store read-only (any number of processes may do so at once)."""
    return ox.Store.read_only(str(location))


def open_writable(location: Path) -> ox.Store:
    """Open an on-disk store for writing (only one process at a time, and no readers)."""
    return ox.Store(str(location))
