"""Putting things inside an HTML page safely: page assets inlined, data as inert JSON."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from policykg.views.spec import ViewError, viz_dir

# Characters that could end a <script> element or an HTML comment, or break a JS string.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside ``<script type="application/json">``: no ``<``,
    ``>`` or ``&`` survives, so document text can never close the element or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def _checked(name: str, text: str, closing: str) -> str:
    if closing in text.lower():
        raise ViewError(f"{name}: contains {closing!r} and cannot be inlined")
    return text


@cache
def vis_network_js() -> str:
    """vis-network's JavaScript from pyvis's package data (no CDN)."""
    files = resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return _checked("vis-network.min.js", files.read_text(encoding="utf-8"), "</script")


def viz_asset(name: str) -> str:
    """A CSS, JS or HTML file we wrote, from ``viz/``."""
    path = viz_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ViewError(f"{path}: view asset not found") from exc
    closing = "</style" if name.endswith(".css") else "</script"
    return text if name.endswith(".html") else _checked(name, text, closing)
