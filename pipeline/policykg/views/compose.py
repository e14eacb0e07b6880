"""A network view's graph: query rows, the ego cut, node details, and the size limit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from policykg.views.details import add_node_details
from policykg.views.netgraph import (
    ego_subgraph,
    graph_from_rows,
    inherit_places_and_years,
    keep_top_nodes,
)
from policykg.views.source import select, select_named
from policykg.views.spec import ViewParamError, ViewSpec

MAX_HOPS = 4

FIND_ENTITY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?name WHERE {
  { ?node skos:prefLabel ?name . } UNION { ?node skos:altLabel ?name . }
}
"""


@dataclass(frozen=True, slots=True)
class ViewGraph:
    """The graph a network view draws, with how many nodes it had before the size limit."""

    graph: nx.MultiDiGraph
    total_nodes: int
    center: str | None = None
    isolated_hidden: int = 0  # nodes without a link that the view left out

    @property
    def truncated(self) -> bool:
        return self.total_nodes > self.graph.number_of_nodes()


def find_entity(store: ox.Store, wanted: str) -> str:
    """The IRI of the entity ``wanted`` names: an IRI, else an exact label, else an alias."""
    wanted = wanted.strip()
    if wanted.startswith(("http://", "https://")):
        return wanted
    by_label: dict[str, str] = {}
    for row in select(store, FIND_ENTITY):
        by_label.setdefault(row["name"], row["node"])
    if wanted in by_label:
        return by_label[wanted]
    partial = sorted(name for name in by_label if wanted and wanted in name)
    if partial:
        return by_label[min(partial, key=len)]
    raise ViewParamError(f"no entity is called {wanted!r} (give a label, an alias or an IRI)")


def _hops(params: Mapping[str, str]) -> int:
    raw = params.get("hops", "2")
    try:
        hops = int(raw)
    except ValueError as exc:
        raise ViewParamError(f"hops must be a whole number, not {raw!r}") from exc
    if not 1 <= hops <= MAX_HOPS:
        raise ViewParamError(f"hops must be between 1 and {MAX_HOPS}, not {hops}")
    return hops


def _show_isolated(spec: ViewSpec, params: Mapping[str, str]) -> bool:
    raw = params.get("isolated", "show" if spec.isolated else "hide")
    if raw not in ("show", "hide"):
        raise ViewParamError(f"isolated must be show or hide, not {raw!r}")
    return raw == "show"


def drop_isolated(graph: nx.MultiDiGraph) -> int:
    """Remove the nodes that have no link; return how many there were."""
    lone = [n for n in graph.nodes if graph.degree(n) == 0]
    graph.remove_nodes_from(lone)
    return len(lone)


def build_view_graph(store: ox.Store, spec: ViewSpec, params: Mapping[str, str]) -> ViewGraph:
    """Everything a network view draws, with details on every node and edge."""
    graph = graph_from_rows(select_named(store, spec.query))
    center = None
    if spec.name == "ego" or "entity" in params:
        if not params.get("entity"):
            raise ViewParamError("the ego view needs entity=<IRI or Chinese name>")
        center = find_entity(store, params["entity"])
        graph = ego_subgraph(graph, center, _hops(params))
    hidden = 0 if _show_isolated(spec, params) or center else drop_isolated(graph)
    add_node_details(store, graph)
    total = graph.number_of_nodes()
    kept = keep_top_nodes(graph, spec.max_nodes)
    if center is not None and center not in kept:
        kept.add_node(center, **graph.nodes[center])
    graph = kept
    inherit_places_and_years(graph)
    return ViewGraph(graph, total, center, hidden)
