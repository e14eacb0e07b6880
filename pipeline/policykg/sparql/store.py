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


def copy_graph_file(path: Path, folder: Path) -> Path:
    """A private copy of the graph file in ``folder`` (a rebuild of the original cannot reach
    a running server), after checking the original exists."""
    _check_readable(path)
    copy = folder / f"snapshot-0{path.suffix or '.ttl'}"
    shutil.copyfile(path, copy)
    return copy


def write_snapshot(store: ox.Store, path: Path) -> Path:
    """Dump ``store`` as N-Quads to ``path`` atomically (temp file, then rename)."""
    handle, temp = tempfile.mkstemp(prefix=".snapshot-", suffix=".nq", dir=path.parent)
    os.close(handle)
    try:
        store.dump(temp, format=ox.RdfFormat.N_QUADS)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
