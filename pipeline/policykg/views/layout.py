"""Node positions computed in Python, so a view is at rest the moment it opens.

Each connected component is laid out on its own and the components are packed in rows, biggest
first, to the canvas's shape (``policykg.views.pack``), so isolated pairs do not fly to the edge.
A pair or a small star (one hub, up to seven leaves) is drawn as a list: the hub, its leaves
below it, labels to the right, so one reads which firm goes with which project. A component of
more than ``spring_max`` nodes is placed round a force-directed core of its best-linked nodes
(``policykg.views.biglayout``); smaller ones are force-directed whole.
"""

from __future__ import annotations

import math

import networkx as nx

from policykg.views.biglayout import big_component_positions, ordered
from policykg.views.pack import Box, Position, box_of, pack

SPACING = 110.0  # pixels between neighbouring nodes, roughly
SPREAD = 0.6  # a big component spans about SPACING·√n·SPREAD each way from its centre
# networkx spring layout's optimal distance is 1/√n; 2.5 times that pulls hubs apart so the
# names round them have room (tests/test_browser_labels.py checks the top 20 on the seed views)
SPRING_K = 2.5
LABEL_CHARS = 16  # labels are cut to this many characters on the canvas
# Labels are drawn at a fixed screen size (viz/labels.js), so a list's spacing is set in screen
# pixels and divided by the zoom the drawing will open at (estimated, see layout_positions).
CHAR_PX = 13.0  # screen pixels per character of a label (CJK, 13 px font)
ROW_PX = 24.0  # screen pixels between the lines of a list (a 13 px label is 18 px tall)
INDENT_PX = 18.0  # how far a list's leaves sit right of its hub, screen pixels
UNIT_MAX = 8  # components up to this size that are one hub and its leaves are drawn as lists
CANVAS = (1100.0, 760.0)  # the graph area of a 1400×900 window, in screen pixels
ZOOM_RANGE = (0.2, 1.0)  # the opening zoom the lists are spaced for stays in this range


def _core_positions(graph: nx.Graph) -> dict[str, Position]:
    """Positions in about [-1, 1]² of a connected graph, force-directed."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    k = SPRING_K / math.sqrt(graph.number_of_nodes())
    raw = nx.spring_layout(graph, seed=7, k=k)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _component_positions(graph: nx.Graph, spring_max: int) -> dict[str, Position]:
    """Pixel positions of one component, centred on 0, about SPACING between neighbours."""
    n = graph.number_of_nodes()
    if n > spring_max:
        return big_component_positions(graph, SPACING, SPREAD, SPRING_K)
    radius = SPACING * math.sqrt(n) * SPREAD
    return {v: (x * radius, y * radius) for v, (x, y) in _core_positions(graph).items()}


def _unit_order(graph: nx.MultiDiGraph, nodes: set[str]) -> list[str] | None:
    """A pair or a small star as a list: the hub (the source of a pair) then its leaves, or
    None when the component is bigger or not a star."""
    if len(nodes) > UNIT_MAX:
        return None
    simple = nx.Graph(graph.subgraph(nodes).to_undirected(as_view=True))
    hub = max(sorted(nodes), key=lambda n: (simple.degree(n), graph.out_degree(n)))
    if simple.degree(hub) != len(nodes) - 1:
        return None
    return [hub, *sorted(n for n in nodes if n != hub)]


def _unit_box(graph: nx.MultiDiGraph, order: list[str], zoom: float) -> Box:
    """A list read top to bottom: the hub, then its leaves one per line, indented, every label
    to the right (a diagonal grid of pairs reads as nothing)."""
    pos = {order[0]: (0.0, 0.0)}
    pos.update({leaf: (INDENT_PX / zoom, ROW_PX * i / zoom) for i, leaf in enumerate(order[1:], 1)})
    reach = {n: label_reach(graph, n) / zoom for n in order}
    return box_of(pos, reach, ROW_PX / zoom / 2)


def label_reach(graph: nx.MultiDiGraph, node: str) -> float:
    """How far right of a node its label reaches, in screen pixels."""
    label = str(graph.nodes[node].get("label", ""))
    return 12 + min(len(label), LABEL_CHARS) * CHAR_PX


def _components(graph: nx.MultiDiGraph) -> tuple[nx.Graph, list[set[str]]]:
    simple = nx.Graph(graph.to_undirected(as_view=True))
    return simple, sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))


def unit_nodes(graph: nx.MultiDiGraph) -> set[str]:
    """The nodes drawn inside list-like units, whose labels go to the right of the node."""
    _, components = _components(graph)
    return {n for nodes in components if _unit_order(graph, nodes) for n in nodes}


def layout_positions(graph: nx.MultiDiGraph, spring_max: int = 500) -> dict[str, Position]:
    """Pixel positions for every node of ``graph`` (deterministic): big components first and
    centred, pairs and small stars as list-like units, all packed to the canvas's shape."""
    if graph.number_of_nodes() == 0:
        return {}
    simple, components = _components(graph)
    orders = [_unit_order(graph, nodes) for nodes in components]
    fixed = [
        None
        if order
        else box_of(_component_positions(ordered(simple, nodes), spring_max), {}, SPACING / 2)
        for nodes, order in zip(components, orders, strict=True)
    ]
    zoom, placed = ZOOM_RANGE[1], {}
    for _ in range(4):  # the lists' size depends on the zoom fit() will pick, and that on them
        boxes = [
            box or _unit_box(graph, order or [], zoom)
            for box, order in zip(fixed, orders, strict=True)
        ]
        placed = pack(boxes)
        zoom = _fit_zoom(placed)
    return placed


def _fit_zoom(placed: dict[str, Position]) -> float:
    width = max(x for x, _ in placed.values()) - min(x for x, _ in placed.values())
    height = max(y for _, y in placed.values()) - min(y for _, y in placed.values())
    fit = min(CANVAS[0] / max(width, 1.0), CANVAS[1] / max(height, 1.0))
    return min(ZOOM_RANGE[1], max(ZOOM_RANGE[0], fit))
