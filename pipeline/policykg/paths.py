"""Where the project's data folders live (seeds/, ontology/, queries/, viz/).

They sit at the top of the checkout, beside ``pipeline/``. ``POLICYKG_HOME`` overrides the
location, for an installed copy run from elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The folder holding seeds/, ontology/, queries/ and viz/."""
    env = os.environ.get("POLICYKG_HOME")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2]


def data_dir(name: str) -> Path:
    """One of the top-level data folders, e.g. ``data_dir("queries")``."""
    return project_root() / name


def cache_dir() -> Path | None:
    """Where policykg keeps what it derives from installed data to load it faster next time
    (``text.dictionary``: jieba's dictionary, parsed): ``POLICYKG_CACHE_DIR`` if set (set but
    empty: no cache), else ``$XDG_CACHE_HOME/policykg``, else ``~/.cache/policykg``; None when
    there is no cache or no home folder. Nothing in it is needed: a file there that is missing,
    stale or damaged is made again."""
    env = os.environ.get("POLICYKG_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "policykg"
    try:
        return Path.home() / ".cache" / "policykg"
    except RuntimeError:  # no home folder to be found
        return None
