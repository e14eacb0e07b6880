"""Saved queries: ``queries/*.rq`` files opening with ``# title:`` and ``# description:`` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import QueryError
from policykg.paths import data_dir

_HEADER = re.compile(r"^#\s*(title|description)\s*:\s*(.*?)\s*$", re.IGNORECASE)


class SavedQueryError(QueryError):
    """A saved query file is missing, unreadable, or lacks its headers."""


@dataclass(frozen=True)
class SavedQuery:
    """One saved query: ``name`` is the file stem, used on the command line and in links."""

    name: str
    title: str
    description: str
    text: str
    path: Path

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "query": self.text,
        }


def read_headers(text: str) -> dict[str, str]:
    """The ``# key: value`` lines of the leading comment block (descriptions may continue)."""
    headers: dict[str, str] = {}
    last_key = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            last_key = match.group(1).lower()
            headers[last_key] = match.group(2)
        elif last_key == "description" and stripped.lstrip("#").strip():
            headers[last_key] += " " + stripped.lstrip("#").strip()
    return headers


def read_saved_query(path: Path, *, require_headers: bool = True) -> SavedQuery:
    """Read one query file; only files in ``queries/`` must carry the headers."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SavedQueryError(f"{path}: cannot read saved query: {exc}") from exc
    headers = read_headers(text)
    missing = [key for key in ("title", "description") if not headers.get(key)]
    if missing and require_headers:
        raise SavedQueryError(f"{path}: missing header line(s): " + ", ".join(missing))
    title = headers.get("title") or path.stem
    return SavedQuery(path.stem, title, headers.get("description", ""), text, path)


def load_saved_queries(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query in ``folder`` (default: the project's ``queries/``), by name."""
    folder = folder or data_dir("queries")
    return [read_saved_query(path) for path in sorted(folder.glob("*.rq"))]


def resolve_query_source(ref: str, folder: Path | None = None) -> SavedQuery:
    """A saved query given as a file path or as a name in ``queries/`` (with or without .rq)."""
    path = Path(ref)
    if path.is_file():
        return read_saved_query(path, require_headers=False)
    folder = folder or data_dir("queries")
    candidate = folder / (path.name if path.suffix == ".rq" else f"{ref}.rq")
    if candidate.is_file():
        return read_saved_query(candidate)
    names = ", ".join(q.name for q in load_saved_queries(folder)) or "none"
    raise SavedQueryError(f"{ref}: no such query file or saved query (saved: {names})")
