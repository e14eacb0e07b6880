"""Network views (networkx + pyvis) and the document view, read from ``viz/views.toml``.

``render_view(source, name, params)`` returns a whole, self-contained UTF-8 HTML page for a
pyoxigraph Store, an rdflib Graph or a Turtle file; ``list_views()`` names the views.
"""

from __future__ import annotations

from policykg.views.render import build_view, render_view, write_view
from policykg.views.spec import (
    UnknownViewError,
    ViewError,
    ViewInfo,
    ViewParamError,
    list_views,
)

__all__ = [
    "UnknownViewError",
    "ViewError",
    "ViewInfo",
    "ViewParamError",
    "build_view",
    "list_views",
    "render_view",
    "write_view",
]
