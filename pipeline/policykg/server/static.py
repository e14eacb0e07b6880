"""Static assets of the query page, confined to the package's ``static/`` folder."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

from starlette.responses import Response
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}


def find_static_file(relative: str, root: Path = STATIC_DIR) -> Path | None:
    """The file ``relative`` names inside ``root``, or None if it is outside, hidden or absent.

    The name is URL-decoded once; any ``..``, absolute path, backslash, NUL or hidden segment
    is refused before touching the file system, and the resolved path (symlinks followed) must
    still lie inside ``root``.
    """
    name = unquote(relative)
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return None
    parts = name.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    candidate = (root / name).resolve()
    if not candidate.is_relative_to(root.resolve()) or not candidate.is_file():
        return None
    if candidate.suffix not in MEDIA_TYPES:
        return None
    return candidate


def media_type_for(path: Path) -> str:
    return MEDIA_TYPES.get(path.suffix, "application/octet-stream")


class ConfinedStaticFiles(StaticFiles):
    """Starlette's static files (ETag, Last-Modified, ranges, HEAD), found by
    :func:`find_static_file` so only the page's asset types inside ``static/`` are served."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        found = find_static_file(path.replace(os.sep, "/"), Path(str(self.directory)))
        if found is None:
            return "", None
        return str(found), found.stat()

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["content-type"] = media_type_for(Path(full_path))
        return response
