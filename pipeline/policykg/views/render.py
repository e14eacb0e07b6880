"""The views' entry points: render a view to an HTML string, or write it to a file."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from policykg.views.compose import ViewGraph, build_view_graph
from policykg.views.details import document_labels
from policykg.views.document_page import render_document_page
from policykg.views.network_page import render_network_page
from policykg.views.source import GraphSource, as_store
from policykg.views.spec import ViewError, ViewParamError, get_view
from policykg.views.timeline_page import render_timeline_page

log = logging.getLogger(__name__)

# What callers pass: plain ``{name: value}``, or a parsed query string ``{name: [values]}``.
Params = Mapping[str, str] | Mapping[str, list[str]]


def plain_params(params: Params | None) -> dict[str, str]:
    """``{name: value}``; of repeated query-string values the last one wins, empty ones go."""
    plain: dict[str, str] = {}
    for key, value in (params or {}).items():
        if isinstance(value, str):
            plain[key] = value
        elif value:
            plain[key] = value[-1]
    return plain


def _check_params(name: str, allowed: tuple[str, ...], params: Mapping[str, str]) -> None:
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        accepted = ", ".join(allowed) or "none"
        raise ViewParamError(
            f"view {name!r} takes no parameter {unknown[0]!r} (accepted: {accepted})"
        )


def build_view(source: GraphSource, name: str, params: Params | None = None) -> ViewGraph:
    """The networkx graph a network view draws (after the ego cut and the size limit)."""
    spec = get_view(name)
    if spec.kind != "network":
        raise ViewError(f"view {name!r} is a {spec.kind} view, not a network")
    plain = plain_params(params)
    _check_params(name, spec.params, plain)
    return build_view_graph(as_store(source), spec, plain)


def render_view(source: GraphSource, name: str, params: Params | None = None) -> str:
    """The full HTML page of view ``name`` over ``source`` (Store, rdflib Graph or Turtle path).

    ``params`` may be ``{name: value}`` or a parsed query string ``{name: [values]}``."""
    spec = get_view(name)
    plain = plain_params(params)
    _check_params(name, spec.params, plain)
    store = as_store(source)
    if spec.kind == "document":
        return render_document_page(store, spec, plain)
    if spec.kind == "timeline":
        return render_timeline_page(store, spec, plain)
    view = build_view_graph(store, spec, plain)
    if view.truncated:
        log.warning("view %s: %d nodes, drawing the top %d", name, view.total_nodes, spec.max_nodes)
    return render_network_page(spec, view, document_labels(store))


def write_view(page: str, out: Path) -> Path:
    """Write ``page`` to ``out`` as UTF-8, atomically (temporary file, then rename)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(page)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; a page is for sharing
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out
