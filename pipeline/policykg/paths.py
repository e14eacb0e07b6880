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
