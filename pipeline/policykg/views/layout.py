"""Node positions computed in Python, so a view is at rest the moment it opens.

Each connected component is laid out on its own (force-directed when it is small, spectral plus a
few force iterations when it is big) and the components are packed in rows, biggest first, so
isolated pairs do not fly to the edge of the canvas.
"""

from __future__ import annotations

import math

import networkx as nx

SPACING = 110.0  # pixels between neighbouring nodes, roughly
CHAR_WIDTH = 14.0  # pixels per character of a node label (CJK, 14 px font)
LABEL_CHARS = 16  # labels are cut to this many characters on the canvas
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
    radius = SPACING * math.sqrt(n) * 1.2
    return {node: (float(x) * radius, float(y) * radius) for node, (x, y) in raw.items()}


def _half_width(graph: nx.Graph, node: str) -> float:
    label = str(graph.nodes[node].get("label", ""))
    return max(SPACING / 2, min(len(label), LABEL_CHARS) * CHAR_WIDTH / 2)


def _extent(graph: nx.Graph, pos: dict[str, Position]) -> tuple[float, float, float, float]:
    """The box the component's nodes and their labels take up."""
    left = min(x - _half_width(graph, n) for n, (x, _) in pos.items())
    right = max(x + _half_width(graph, n) for n, (x, _) in pos.items())
    ys = [p[1] for p in pos.values()]
    return left, min(ys) - SPACING / 2, right, max(ys) + SPACING / 2


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
        min_x, min_y, max_x, max_y = _extent(simple, pos)
        width, height = max_x - min_x, max_y - min_y
        if cursor_x > 0 and cursor_x + width > total_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height, 0.0
        for node, (x, y) in pos.items():
            placed[node] = (round(cursor_x + x - min_x, 1), round(cursor_y + y - min_y, 1))
        cursor_x += width
        row_height = max(row_height, height)
    return placed
