"""A network view as one self-contained UTF-8 HTML page: pyvis builds the vis-network data over
networkx, our template (viz/network.html) holds it with vis-network inlined, our CSS and JS."""

from __future__ import annotations

import html
import math
from string import Template
from typing import Any

import networkx as nx
from pyvis.network import Network

from policykg.views.compose import ViewGraph
from policykg.views.embed import script_json, vis_network_js, viz_asset
from policykg.views.layout import LABEL_CHARS, layout_positions, unit_nodes
from policykg.views.netgraph import node_score
from policykg.views.spec import ViewSpec

FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Microsoft YaHei, sans-serif"
PANEL_KEYS = (
    "type",
    "aliases",
    "definition",
    "amounts",
    "documents",
    "counties",
    "years",
    "mentions",
    "sentences",
    "sentence_total",
)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def importance_ranks(graph: nx.MultiDiGraph) -> dict[str, int]:
    """0 for the node that matters most (mentions + links, then name and IRI), 1 for the next…:
    the order in which names get a label on the canvas."""
    ranked = sorted(graph.nodes, key=lambda n: (-node_score(graph, n), graph.nodes[n]["label"], n))
    return {node: rank for rank, node in enumerate(ranked)}


def _node_options(spec: ViewSpec, graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    attrs = graph.nodes[node]
    style = spec.type_style(attrs["type"])
    weight = node_score(graph, node)
    options: dict[str, Any] = {k: attrs[k] for k in PANEL_KEYS if k in attrs}
    options.update(
        fullLabel=attrs["label"],
        shortLabel=_short(attrs["label"]),
        typeLabel=style.label,
        title=f"{attrs['label']}（{style.label}）",
        size=round(min(40.0, 6 + 3 * math.sqrt(weight)), 1),
        color={"background": style.color, "border": "#ffffff"},
    )
    return options


def _edge_options(spec: ViewSpec, attrs: dict[str, Any]) -> dict[str, Any]:
    label = spec.relation_label(attrs["relation"])
    evidence = attrs.get("evidence", [])
    title = "\n".join(e["text"] for e in evidence[:3]) or label
    return {"label": label, "relation": attrs["relation"], "evidence": evidence, "title": title}


# Above this many edges vis-network leaves them out while the wheel zooms (as it always does while
# a drag pans): measured on the development corpus's overview (2,000 nodes, 9,792 edges), a zoom
# frame took a median 190 ms with them (tests/test_browser_views_corpus.py).
HIDE_EDGES_ON_ZOOM = 3000


def _vis_options(edge_count: int) -> dict[str, Any]:
    return {
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": False},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": True,
            "hideEdgesOnZoom": edge_count > HIDE_EDGES_ON_ZOOM,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#b8b8b8", "highlight": "#555", "hover": "#777"},
            "font": {"size": 10, "face": FONT, "color": "#666", "strokeWidth": 3},
            "smooth": False,
            "scaling": {"label": {"drawThreshold": 9}},
        },
        "nodes": {"borderWidth": 1, "margin": 6},
    }


def vis_data(spec: ViewSpec, view: ViewGraph) -> dict[str, Any]:
    """The nodes, edges and options vis-network draws, built through a pyvis Network."""
    graph = view.graph
    positions = layout_positions(graph, spec.spring_max)
    ranks = importance_ranks(graph)
    listed = unit_nodes(graph)
    net = Network(directed=True, cdn_resources="in_line")
    for node in graph.nodes:
        x, y = positions[node]
        style = spec.type_style(graph.nodes[node]["type"])
        side = "right" if node in listed else "below"
        net.add_node(node, shape=style.shape, x=x, y=y, rank=ranks[node], side=side,
                     **_node_options(spec, graph, node))  # fmt: skip
    for index, (source, target, attrs) in enumerate(graph.edges(data=True)):
        net.add_edge(source, target, id=f"e{index}", **_edge_options(spec, attrs))
    net.options = _vis_options(graph.number_of_edges())
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    for item in nodes:  # names are drawn by viz/labels.js; pyvis would label a node by its IRI
        item.pop("label", None)
    return {"nodes": nodes, "edges": edges, "options": net.options}


def _meta(spec: ViewSpec, view: ViewGraph, docs: dict[str, str]) -> dict[str, Any]:
    graph = view.graph
    present = {graph.nodes[n]["type"] for n in graph.nodes}
    legend = [
        {"type": s.name, "label": s.label, "color": s.color, "shape": s.shape}
        for s in spec.types
        if s.name in present
    ]
    counties = sorted({c for n in graph.nodes for c in graph.nodes[n].get("counties", ())})
    years = sorted({y for n in graph.nodes for y in graph.nodes[n].get("years", ())})
    return {
        "view": spec.name,
        "legend": legend,
        "counties": counties,
        "years": years,
        "totalNodes": view.total_nodes,
        "truncated": view.truncated,
        "isolatedHidden": view.isolated_hidden,
        "maxNodes": spec.max_nodes,
        "center": view.center,
        "relations": dict(spec.relations),
        "documents": docs,
        "font": FONT,
    }


def _notice(spec: ViewSpec, view: ViewGraph) -> str:
    parts = []
    if view.truncated:
        shown = view.graph.number_of_nodes()
        parts.append(
            f"图中共有 {view.total_nodes:,} 个节点，超过上限 {spec.max_nodes:,}："
            f"只显示提及次数与连接数最高的 {shown:,} 个。用筛选或邻域视图查看其余部分。"
        )
    if view.isolated_hidden:
        parts.append(
            f"另有 {view.isolated_hidden:,} 个实体与其他实体没有关系，未画出"
            "（参数 isolated=show 显示它们）。"
        )
    return " ".join(parts)


def render_network_page(spec: ViewSpec, view: ViewGraph, docs: dict[str, str]) -> str:
    """The whole HTML page of a network view; ``docs`` names documents by file name."""
    data = vis_data(spec, view)
    data["meta"] = _meta(spec, view, docs)
    page = Template(viz_asset("network.html"))
    return page.substitute(
        title=html.escape(spec.title),
        description=html.escape(spec.description),
        node_count=str(view.graph.number_of_nodes()),
        edge_count=str(view.graph.number_of_edges()),
        notice=html.escape(_notice(spec, view)),
        css=viz_asset("network.css"),
        vis_js=vis_network_js(),
        app_js=viz_asset("labels.js") + viz_asset("network.js"),
        data=script_json(data),
    )
