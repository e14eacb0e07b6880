"""The seeds manifest (``seeds/manifest.toml``): what a user knows about each document.

Each ``[[document]]`` table names a ``file`` and any of ``place``, ``province``, ``city``,
``year``, ``kind``, ``date``, ``speaker``, ``meeting``, ``title``. Those values win over what is
read from the text. Files in the folder that the manifest does not list are still read.
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from policykg.errors import ManifestError
from policykg.ir import DocMeta

MANIFEST_NAME = "manifest.toml"
_FIELDS = {f.name for f in fields(DocMeta)} - {"name", "sources"}


def read_manifest(folder: Path) -> dict[str, DocMeta]:
    """Map file name -> metadata given in ``folder/manifest.toml`` (empty when there is none)."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ManifestError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    result: dict[str, DocMeta] = {}
    for index, entry in enumerate(data.get("document", []), start=1):
        if not isinstance(entry, dict) or "file" not in entry:
            raise ManifestError(f"{path}: [[document]] number {index} has no 'file'")
        unknown = set(entry) - _FIELDS - {"file", "notes"}
        if unknown:
            raise ManifestError(
                f"{path}: [[document]] {entry['file']!r} has unknown keys {sorted(unknown)}"
            )
        if "year" in entry and not isinstance(entry["year"], int):
            raise ManifestError(f"{path}: 'year' of {entry['file']!r} must be an integer")
        values: dict[str, Any] = {
            k: (v if k == "year" else str(v)) for k, v in entry.items() if k in _FIELDS
        }
        result[str(entry["file"])] = DocMeta(name=str(entry["file"]), **values)
    return result
