"""jieba's word dictionary (``jieba/dict.txt``: word, frequency, part-of-speech tag), read once
per process for everything that asks it about words: document metadata (which division names
are also plain words) and the rules' lexicon (``nlp.rules.lexicon``).

Parsing its 349,000 lines takes ≈ 0.3 s, and the processes of a build each need it: the one
process, or the parent of ``--jobs N`` (reading) and the fork server its workers come from
(building the pipeline, which the workers wait for). So the parsed dictionary is kept in the
user's cache folder (``paths.cache_dir``) as one ``marshal`` file, which loads in about half the
time. The file is keyed by the dictionary's bytes (a digest, with this module's format and the
Python version), so another jieba, or another dictionary, makes it again; its payload carries
its own digest, so a damaged or truncated file is never loaded but made again; it is written to
a temporary file and renamed into place, so a reader sees the old file or the new, whole. Without
a cache folder, or one that cannot be written, the dictionary is parsed as before.

jieba itself is not imported: the package is only located (its import loads ``pkg_resources``,
0.07 s, and nothing here uses its code).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import marshal
import os
import sys
import tempfile
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path

from policykg.paths import cache_dir

logger = logging.getLogger(__name__)

Words = dict[str, tuple[int, str]]

CACHE_NAME = "jieba-words.marshal"
# Changed whenever the parsed form or the file layout changes: old files are then made again.
FORMAT = b"policykg jieba-words 1\n"
DIGEST_SIZE = 16
STALE_TEMPORARY = 600.0  # seconds after which another process's unfinished write is removed


@lru_cache(maxsize=1)
def jieba_words() -> Words:
    """Every word of the dictionary → (frequency, tag); lines without a tag are left out."""
    folder = cache_dir()
    return load_words(dictionary_path(), folder / CACHE_NAME if folder is not None else None)


def dictionary_path() -> Path:
    """``dict.txt`` of the installed jieba, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "dict.txt"
        if path.is_file():
            return path
    with resources.as_file(resources.files("jieba").joinpath("dict.txt")) as path:
        return Path(path)  # pragma: no cover - jieba installed other than as a folder


def parse_words(text: str) -> Words:
    """The entries of the dictionary's text. Equal (frequency, tag) pairs are one tuple
    (16,838 pairs for 349,045 words): 27 MB less in each process."""
    entries: Words = {}
    shared: dict[tuple[int, str], tuple[int, str]] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            value = (int(parts[1]), parts[2])
            entries[parts[0]] = shared.setdefault(value, value)
    return entries


def load_words(source: Path, cache: Path | None) -> Words:
    """The parsed dictionary ``source``: from ``cache`` when it holds this dictionary's entries,
    else parsed, and then written to ``cache`` for next time (if it can be)."""
    data = source.read_bytes()
    key = _key(data)
    if cache is not None:
        words = _read(cache, key)
        if words is not None:
            return words
    words = parse_words(data.decode("utf-8"))
    if cache is not None:
        _write(cache, key, words)
    return words


def _key(data: bytes) -> bytes:
    """What the cached entries were made from: the dictionary's bytes, the parsed form's format
    and the Python that wrote them (``marshal``'s format may change with it)."""
    digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
    digest.update(FORMAT)
    digest.update(repr((sys.version_info[:2], marshal.version)).encode())
    digest.update(data)
    return digest.digest()


def _read(cache: Path, key: bytes) -> Words | None:
    """The entries in ``cache`` if it is whole and made from the same dictionary, else None."""
    try:
        blob = cache.read_bytes()
    except OSError:
        return None  # no cache yet, or not readable: parse
    head = len(FORMAT) + 2 * DIGEST_SIZE
    if len(blob) < head or not blob.startswith(FORMAT):
        logger.debug("%s: not a cached dictionary; made again", cache)
        return None
    found = blob[len(FORMAT) : len(FORMAT) + DIGEST_SIZE]
    check = blob[len(FORMAT) + DIGEST_SIZE : head]
    payload = memoryview(blob)[head:]
    if found != key:
        logger.debug("%s: made from another dictionary; made again", cache)
        return None
    if hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest() != check:
        logger.debug("%s: damaged; made again", cache)
        return None
    try:
        words = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):  # pragma: no cover - the digest matched
        return None
    return words if isinstance(words, dict) else None


def _write(cache: Path, key: bytes, words: Words) -> None:
    """Write ``words`` to ``cache`` through a temporary file renamed into place; a folder that
    cannot be written is no error (the next process parses again)."""
    payload = marshal.dumps(words)
    check = hashlib.blake2b(payload, digest_size=DIGEST_SIZE).digest()
    temporary: str | None = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=cache.parent, prefix=f".{cache.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as out:
            out.write(FORMAT + key + check)
            out.write(payload)
        os.replace(temporary, cache)
        temporary = None
        _remove_stale_temporaries(cache)
    except OSError as exc:
        logger.debug("%s: cannot write the cached dictionary: %s", cache, exc)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _remove_stale_temporaries(cache: Path) -> None:
    """Remove what writers killed before their rename left (older than
    :data:`STALE_TEMPORARY`: a younger one may be another process's write in progress)."""
    now = time.time()
    for leftover in cache.parent.glob(f".{cache.name}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_TEMPORARY:
                leftover.unlink()
        except OSError:
            pass
