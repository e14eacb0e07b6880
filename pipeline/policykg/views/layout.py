"""Node positions computed in Python, so a view is at rest the moment it opens.

Each connected component is laid out on its own (force-directed when it is small, spectral plus a
few force iterations when it is big) and the components are packed in rows, biggest first, so
isolated pairs do not fly to the edge of the canvas.
"""

from __future__ import annotations

import math

import networkx as nx

SPACING = 110.0  # pixels between neighbouring nodes, roughly
BIG_COMPONENT_ITERATIONS = 5

Position = tuple[float, float]


def _component_positions(graph: nx.Graph, spring_max: int) -> dict[str, Position]:
    """Positions of one component, centred on 0 and scaled to about SPACING between nodes."""
    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    if n <= spring_max:
        raw = nx.spring_layout(graph, seed=7)
    else:
        start = nx.spectral_layout(graph)
        raw = nx.spring_layout(graph, pos=start, iterations=BIG_COMPONENT_ITERATIONS, seed=7)
    radius = SPACING * math.sqrt(n) * 0.9
    return {node: (float(x) * radius, float(y) * radius) for node, (x, y) in raw.items()}


def _extent(pos: dict[str, Position]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


def layout_positions(graph: nx.MultiDiGraph, spring_max: int = 400) -> dict[str, Position]:
    """Integer-friendly pixel positions for every node of ``graph`` (deterministic)."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph.to_undirected(as_view=True))
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    total_width = SPACING * math.sqrt(graph.number_of_nodes()) * 2.2
    placed: dict[str, Position] = {}
    cursor_x = cursor_y = row_height = 0.0
    for nodes in components:
        pos = _component_positions(simple.subgraph(nodes), spring_max)
        min_x, min_y, max_x, max_y = _extent(pos)
        width, height = max_x - min_x + SPACING, max_y - min_y + SPACING
        if cursor_x > 0 and cursor_x + width > total_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height, 0.0
        for node, (x, y) in pos.items():
            placed[node] = (round(cursor_x + x - min_x, 1), round(cursor_y + y - min_y, 1))
        cursor_x += width
        row_height = max(row_height, height)
    return placed
