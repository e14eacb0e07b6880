"""The graph as a networkx network for Gephi: entities as nodes, relations as edges.

GraphML and GEXF take no lists, so multi-valued attributes are joined (see ``tables``); labels
stay Chinese. networkx stamps GEXF files with today's date: we stamp the newest document date of
the graph instead, so the same graph always gives the same file.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Graph
from rdflib.namespace import DCTERMS

from policykg.graph.atomic import replacing
from policykg.graph.tables import entity_rows, relation_rows

FALLBACK_DATE = "1970-01-01"


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Nodes keyed by entity id with the entity table's columns; one edge per relation."""
    network = nx.MultiDiGraph(name="policykg")
    for row in entity_rows(graph):
        attrs = {k: v for k, v in dataclasses.asdict(row).items() if k != "id"}
        network.add_node(row.id, **attrs)
    for rel in relation_rows(graph):
        attrs = {k: v for k, v in dataclasses.asdict(rel).items() if k not in ("subject", "object")}
        network.add_edge(rel.subject, rel.object, key=rel.relation, label=rel.relation, **attrs)
    return network


def write_graphml(graph: Graph, out: Path) -> None:
    """GraphML (UTF-8) for Gephi, yEd, Cytoscape."""
    network = to_networkx(graph)
    with replacing(out) as temp:
        nx.write_graphml(network, temp, encoding="utf-8", prettyprint=True)


def newest_date(graph: Graph) -> str:
    """The latest full ``dcterms:issued`` date in the graph (a fixed date when there is none)."""
    dates = [str(d) for d in graph.objects(None, DCTERMS.issued)]
    full = [d for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    return max(full, default=FALLBACK_DATE)


def write_gexf(graph: Graph, out: Path) -> None:
    """GEXF 1.2 for Gephi, dated by the data rather than by the clock."""
    network = to_networkx(graph)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", newest_date(graph))
    writer.add_graph(network)
    with replacing(out) as temp, temp.open("wb") as handle:
        writer.write(handle)
