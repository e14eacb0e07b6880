"""Layout of a component too big for networkx's force layout (which takes seconds per thousand
nodes here): its best-linked nodes (the core, at most ``CORE_MAX``, never a leaf) are laid out
force-directed; every other node is then placed, nearest the core first, round the nodes it links
to that are already placed: a node with one such neighbour on a ring round it, a node with several
on a sunflower disc at their barycentre. O(n) after the core; spectral layouts, tried before,
squeezed a corpus overview into one corner with a long tail.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from policykg.views.pack import Position

CORE_MAX = 300  # nodes laid out force-directed (networkx's dense solver: < 0.5 s here)
GOLDEN = math.pi * (3 - math.sqrt(5))  # the sunflower's angle between successive seeds


def ordered(graph: nx.Graph, nodes: Iterable[str]) -> nx.Graph:
    """The subgraph on ``nodes`` with nodes and edges in sorted order. networkx's own subgraph
    view iterates a Python set, whose order changes from one process to the next (string hash
    seeds), and a force layout's start depends on node order: sorted, the layout is the same in
    every process."""
    wanted = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(wanted))
    sub.add_edges_from(sorted(tuple(sorted((u, v))) for u, v in graph.edges(wanted) if v in wanted))
    return sub


def ring(center: Position, members: list[str], spacing: float) -> dict[str, Position]:
    """``members`` evenly on a circle round ``center``, at least ``spacing`` from it."""
    radius = max(spacing, len(members) * spacing / (2 * math.pi) * 0.7)
    step = 2 * math.pi / len(members)
    return {
        m: (center[0] + radius * math.cos(i * step), center[1] + radius * math.sin(i * step))
        for i, m in enumerate(members)
    }


def sunflower(center: Position, members: list[str], spacing: float) -> dict[str, Position]:
    """``members`` on a phyllotaxis disc round ``center``: even density, no two on one spot."""
    found = {}
    for i, member in enumerate(members, 1):
        r, angle = spacing * 0.5 * math.sqrt(i), i * GOLDEN
        found[member] = (center[0] + r * math.cos(angle), center[1] + r * math.sin(angle))
    return found


def _core(graph: nx.Graph, spacing: float, spread: float, spring_k: float) -> dict[str, Position]:
    linked = sorted(
        (n for n in graph.nodes if graph.degree(n) > 1), key=lambda n: (-graph.degree(n), n)
    )
    core = linked[:CORE_MAX] or sorted(graph.nodes)[:1]
    raw = nx.spring_layout(ordered(graph, core), seed=7, k=spring_k / math.sqrt(len(core)))
    radius = spacing * math.sqrt(graph.number_of_nodes()) * spread
    return {n: (float(x) * radius, float(y) * radius) for n, (x, y) in raw.items()}


def _next_layer(graph: nx.Graph, placed: dict[str, Position]) -> dict[tuple[str, ...], list[str]]:
    """The unplaced neighbours of placed nodes, grouped by the placed nodes each one links to."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    frontier = sorted({m for n in placed for m in graph.neighbors(n) if m not in placed})
    for node in frontier:
        groups[tuple(sorted(m for m in graph.neighbors(node) if m in placed))].append(node)
    return groups


def big_component_positions(
    graph: nx.Graph, spacing: float, spread: float, spring_k: float
) -> dict[str, Position]:
    """Pixel positions for a connected ``graph`` of any size (deterministic)."""
    placed = _core(graph, spacing, spread, spring_k)
    while len(placed) < graph.number_of_nodes():
        layer = _next_layer(graph, placed)
        for anchors, members in sorted(layer.items()):
            xs = [placed[a][0] for a in anchors]
            ys = [placed[a][1] for a in anchors]
            center = (sum(xs) / len(xs), sum(ys) / len(ys))
            arrange = ring if len(anchors) == 1 else sunflower
            placed.update(arrange(center, members, spacing))
    return placed
