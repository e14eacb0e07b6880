"""A network view's query rows turned into a networkx graph (nodes keyed by IRI)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from policykg.views.source import Row


def local_name(iri: str) -> str:
    """``https://w3id.org/policykg/def#undertakes`` -> ``undertakes``."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _add_node(graph: nx.MultiDiGraph, iri: str, label: str | None, type_: str | None) -> None:
    if iri not in graph:
        graph.add_node(iri)
    attrs = graph.nodes[iri]
    if label and "label" not in attrs:
        attrs["label"] = label
    if type_ and "type" not in attrs:
        attrs["type"] = local_name(type_)


def graph_from_rows(rows: Iterable[Row]) -> nx.MultiDiGraph:
    """Rows with ``?node`` and/or ``?source ?relation ?target`` -> a directed multigraph.

    Edges are keyed by relation name, so the same pair linked twice by one relation is one edge.
    """
    graph = nx.MultiDiGraph()
    for row in rows:
        if "node" in row:
            _add_node(graph, row["node"], row.get("nodeLabel"), row.get("nodeType"))
        if {"source", "relation", "target"} <= row.keys():
            source, target = row["source"], row["target"]
            _add_node(graph, source, row.get("sourceLabel"), row.get("sourceType"))
            _add_node(graph, target, row.get("targetLabel"), row.get("targetType"))
            relation = local_name(row["relation"])
            graph.add_edge(source, target, key=relation, relation=relation)
    return graph


def ego_subgraph(graph: nx.MultiDiGraph, center: str, hops: int) -> nx.MultiDiGraph:
    """The nodes within ``hops`` links of ``center`` (either direction) and the edges among them."""
    if center not in graph:
        lone = nx.MultiDiGraph()
        lone.add_node(center)
        return lone
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, hops)
    return nx.MultiDiGraph(graph.subgraph(near))


def node_score(graph: nx.MultiDiGraph, node: str) -> int:
    """How much a node matters when a view must be cut down: its mentions plus its links."""
    return int(graph.nodes[node].get("mentions", 0)) + int(graph.degree(node))


def keep_top_nodes(graph: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The ``limit`` highest-scoring nodes (ties by IRI, so the cut is stable) and their edges."""
    if graph.number_of_nodes() <= limit:
        return graph
    ranked = sorted(graph.nodes, key=lambda n: (-node_score(graph, n), n))
    return nx.MultiDiGraph(graph.subgraph(ranked[:limit]))


def inherit_places_and_years(graph: nx.MultiDiGraph) -> None:
    """Nodes no document names directly (e.g. parts of an abbreviation) take the counties and
    years of their neighbours, so the county and year filters keep them with their context."""
    missing = [n for n in graph.nodes if not graph.nodes[n].get("counties")]
    for node in missing:
        near = set(graph.predecessors(node)) | set(graph.successors(node))
        attrs = graph.nodes[node]
        attrs["counties"] = sorted({c for n in near for c in graph.nodes[n].get("counties", ())})
        if not attrs.get("years"):
            attrs["years"] = sorted({y for n in near for y in graph.nodes[n].get("years", ())})
