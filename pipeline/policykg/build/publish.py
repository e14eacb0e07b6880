"""The outputs of one build appear together or not at all.

A build writes its files into a staging folder inside OUT (``OUT/.staging-*``). When every file
is complete, a commit record (``OUT/.build-commit.json``, itself written atomically) lists them,
and only then are they renamed into OUT, and the record deleted. A build killed before the
record exists leaves the old outputs untouched; one killed while renaming leaves the record, and
the next build finishes the renames before anything else (:func:`recover`). The next build also
removes staging folders and temporary files that killed builds left behind (also those of
cache entries). A lock on
``OUT/.build.lock`` keeps two builds from writing one folder at once.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.graph import atomic

logger = logging.getLogger(__name__)

COMMIT_NAME = ".build-commit.json"
LOCK_NAME = ".build.lock"
CACHE_NAME = "cache"
STAGING_PREFIX = ".staging-"
OUTPUT_NAMES = ("graph.ttl", "extraction.jsonl", "build.json")


class Publication:
    """A staging folder for one build's outputs; :meth:`commit` moves them all into OUT."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where the output ``name`` is written before the commit."""
        self.names.append(name)
        return self.staging / name

    def commit(self) -> None:
        """Record the outputs, then move each into OUT (the record makes it all or nothing)."""
        missing = [name for name in self.names if not (self.staging / name).is_file()]
        if missing:
            raise RuntimeError(f"outputs {missing} were never written")
        record = {"staging": self.staging.name, "names": self.names}
        atomic.write_text(self.out / COMMIT_NAME, json.dumps(record) + "\n")
        _apply(self.out, record)

    def discard(self) -> None:
        """Drop whatever was staged."""
        shutil.rmtree(self.staging, ignore_errors=True)


def _apply(out: Path, record: Mapping[str, object]) -> None:
    staging = out / str(record["staging"])
    names = record["names"]
    assert isinstance(names, list)
    for name in names:
        if (staging / name).exists():
            os.replace(staging / name, out / name)
    (out / COMMIT_NAME).unlink()
    shutil.rmtree(staging, ignore_errors=True)


def recover(out: Path) -> None:
    """Finish the commit a killed build began, and remove what killed builds left behind."""
    record_path = out / COMMIT_NAME
    if record_path.is_file():
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
        except ValueError:  # cannot happen with an atomic write; be safe and keep the old files
            logger.warning("%s: damaged commit record, removed", record_path)
            record_path.unlink()
        else:
            logger.warning("finishing the commit of a build that was stopped: %s", record["names"])
            _apply(out, record)
    for leftover in sorted(out.glob(".*")):
        if leftover.is_dir() and leftover.name.startswith(STAGING_PREFIX):
            shutil.rmtree(leftover, ignore_errors=True)
            logger.info("removed %s, left by a build that was stopped", leftover)
        elif _is_our_temp(leftover.name):
            leftover.unlink(missing_ok=True)
            logger.info("removed %s, left by a build that was stopped", leftover)
    for leftover in sorted((out / CACHE_NAME).glob(".*.json.*.tmp")):
        leftover.unlink(missing_ok=True)


def _is_our_temp(name: str) -> bool:
    """A temporary file of :mod:`atomic` for one of the outputs or the commit record."""
    return name.endswith(".tmp") and any(
        name.startswith(f".{output}.") for output in (*OUTPUT_NAMES, COMMIT_NAME)
    )


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``OUT/.build.lock`` for the duration; another build on the same OUT is refused."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK_NAME).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise PolicyKGError(f"{out}: another build is writing this folder") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
