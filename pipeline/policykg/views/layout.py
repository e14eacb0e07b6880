"""Node positions computed in Python, so a view is at rest the moment it opens.

Each connected component is laid out on its own and the components are packed in rows, biggest
first, so isolated pairs do not fly to the edge of the canvas. Inside a big component the leaves
(a project only its enterprise names, say) are set on a ring around their one neighbour and only
the rest is laid out: force-directed up to ``spring_max`` nodes, spectral beyond (networkx's
force layouts take seconds per thousand nodes here, its spectral layout a fraction of that).
"""

from __future__ import annotations

import math

import networkx as nx

SPACING = 110.0  # pixels between neighbouring nodes, roughly
CHAR_WIDTH = 14.0  # pixels per character of a node label (CJK, 14 px font)
LABEL_CHARS = 16  # labels are cut to this many characters on the canvas

# networkx's spectral layout takes its sparse eigensolver (scipy, fast) from 500 nodes; below that
# it calls numpy's general dense one, which took seconds here: smaller graphs are force-directed.
SPECTRAL_MIN = 500

Position = tuple[float, float]


def _core_positions(graph: nx.Graph, spring_max: int) -> dict[str, Position]:
    """Positions in about [-1, 1]² of a connected graph, force-directed if it is small enough."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    if graph.number_of_nodes() <= max(spring_max, SPECTRAL_MIN - 1):
        raw = nx.spring_layout(graph, seed=7)
    else:
        raw = nx.spectral_layout(graph)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _leaves_by_parent(graph: nx.Graph) -> dict[str, list[str]]:
    """Nodes with exactly one neighbour, grouped under that neighbour (when it is no leaf)."""
    found: dict[str, list[str]] = {}
    for node in sorted(graph.nodes):
        if graph.degree(node) == 1:
            parent = next(iter(graph.neighbors(node)))
            if graph.degree(parent) > 1:
                found.setdefault(parent, []).append(node)
    return found


def _ring(center: Position, leaves: list[str]) -> dict[str, Position]:
    radius = max(SPACING, len(leaves) * SPACING / (2 * math.pi) * 0.7)
    step = 2 * math.pi / len(leaves)
    return {
        leaf: (center[0] + radius * math.cos(i * step), center[1] + radius * math.sin(i * step))
        for i, leaf in enumerate(leaves)
    }


def _component_positions(graph: nx.Graph, spring_max: int) -> dict[str, Position]:
    """Pixel positions of one component, centred on 0, about SPACING between neighbours."""
    n = graph.number_of_nodes()
    leaves = _leaves_by_parent(graph) if n > spring_max else {}
    folded = {leaf for group in leaves.values() for leaf in group}
    core = graph.subgraph([v for v in graph.nodes if v not in folded])
    radius = SPACING * math.sqrt(n) * 1.2
    pos = {v: (x * radius, y * radius) for v, (x, y) in _core_positions(core, spring_max).items()}
    for parent, group in leaves.items():
        pos.update(_ring(pos[parent], group))
    return pos


def _half_width(graph: nx.Graph, node: str) -> float:
    label = str(graph.nodes[node].get("label", ""))
    return max(SPACING / 2, min(len(label), LABEL_CHARS) * CHAR_WIDTH / 2)


def _extent(graph: nx.Graph, pos: dict[str, Position]) -> tuple[float, float, float, float]:
    """The box the component's nodes and their labels take up."""
    left = min(x - _half_width(graph, n) for n, (x, _) in pos.items())
    right = max(x + _half_width(graph, n) for n, (x, _) in pos.items())
    ys = [p[1] for p in pos.values()]
    return left, min(ys) - SPACING / 2, right, max(ys) + SPACING / 2


def layout_positions(graph: nx.MultiDiGraph, spring_max: int = 500) -> dict[str, Position]:
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
