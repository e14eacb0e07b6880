"""What the click panel shows: names, aliases, definitions, amounts, documents and source
sentences of every node, and the evidence sentences of every edge, read with viz/node_*.rq."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pyoxigraph as ox

from policykg.views.netgraph import local_name
from policykg.views.source import Row, select_for_nodes, select_named

TYPE_PREFERENCE = (
    "Enterprise",
    "Project",
    "Park",
    "GovernmentBody",
    "Abbreviation",
    "Slogan",
    "Place",
    "Document",
)
AMOUNT_KIND = {"investment": "投资", "capacity": "规模"}
MAX_SENTENCES = 8  # per node in the panel; the total is shown beside them


def document_names(store: ox.Store) -> dict[str, dict[str, str]]:
    """Every document IRI -> its file name, title, county, year and kind (as strings)."""
    docs: dict[str, dict[str, str]] = {}
    for row in select_named(store, "documents"):
        docs.setdefault(row["doc"], {}).update({k: v for k, v in row.items() if k != "doc"})
    return docs


def document_label(doc: dict[str, str], iri: str) -> str:
    """A short Chinese name for a document: county + year + kind when known (titles of reports
    are often just 政府工作报告), else its title, else its file name."""
    if doc.get("county") and doc.get("year"):
        return f"{doc['county']}{doc['year']}年{doc.get('kind', '')}"
    return doc.get("title") or doc.get("fileName") or local_name(iri)


def document_labels(store: ox.Store) -> dict[str, str]:
    """Every document's file name -> its short Chinese name, for the panel."""
    docs = document_names(store)
    return {d.get("fileName") or local_name(i): document_label(d, i) for i, d in docs.items()}


def pick_type(types: set[str]) -> str:
    for name in TYPE_PREFERENCE:
        if name in types:
            return name
    return "Concept"


def _apply_info(graph: nx.MultiDiGraph, rows: list[Row], docs: dict[str, dict[str, str]]) -> None:
    types: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        attrs = graph.nodes[row["node"]]
        if "type" in row:
            types[row["node"]].add(local_name(row["type"]))
        if "label" in row:
            attrs.setdefault("label", row["label"])
        if "definition" in row:
            attrs["definition"] = row["definition"]
    for node, attrs in graph.nodes(data=True):
        attrs.setdefault("type", pick_type(types.get(node, set())))
        if "label" not in attrs:
            attrs["label"] = document_label(docs.get(node, {}), node)


def _apply_aliases(graph: nx.MultiDiGraph, rows: list[Row]) -> None:
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        aliases[row["node"]].add(row["alias"])
    for node, names in aliases.items():
        graph.nodes[node]["aliases"] = sorted(names - {graph.nodes[node].get("label")})


def _apply_documents(
    graph: nx.MultiDiGraph, rows: list[Row], docs: dict[str, dict[str, str]]
) -> None:
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        seen = found[row["node"]]
        seen["documents"].add(docs.get(row["doc"], {}).get("fileName") or local_name(row["doc"]))
        if "county" in row:
            seen["counties"].add(row["county"])
        if "year" in row:
            seen["years"].add(row["year"])
    for node, seen in found.items():
        for key, values in seen.items():
            graph.nodes[node][key] = sorted(values)


def _sentence(row: Row, doc_file: str) -> dict[str, Any]:
    """The sentence around a mention, with the mention's place in it (code points, relative)."""
    start, end = int(row["start"]), int(row["end"])
    if "sentence" in row:
        begin, text = int(row["sentenceStart"]), row["sentence"]
        found = {"doc": doc_file, "start": begin, "end": int(row["sentenceEnd"]), "text": text}
    else:
        begin, found = start, {"doc": doc_file, "start": start, "end": end, "text": ""}
    found["marks"] = [[start - begin, end - begin]] if found["text"] else []
    return found


def _apply_mentions(
    graph: nx.MultiDiGraph, rows: list[Row], docs: dict[str, dict[str, str]]
) -> None:
    sentences: dict[str, dict[tuple[str, int, int], dict[str, Any]]] = defaultdict(dict)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["node"]] += 1
        doc_file = docs.get(row["doc"], {}).get("fileName") or local_name(row["doc"])
        found = _sentence(row, doc_file)
        key = (doc_file, found["start"], found["end"])
        known = sentences[row["node"]].setdefault(key, found)
        if known is not found:
            known["marks"] = sorted(known["marks"] + found["marks"])
    for node, count in counts.items():
        ordered = [sentences[node][k] for k in sorted(sentences[node])]
        graph.nodes[node].update(
            mentions=count, sentences=ordered[:MAX_SENTENCES], sentence_total=len(ordered)
        )


def _apply_amounts(graph: nx.MultiDiGraph, rows: list[Row]) -> None:
    amounts: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        kind = AMOUNT_KIND.get(local_name(row["kind"]), local_name(row["kind"]))
        amounts[row["node"]].add(f"{kind} {row['value']}{row.get('unit', '')}")
    for node, found in amounts.items():
        graph.nodes[node]["amounts"] = sorted(found)


def add_edge_evidence(
    store: ox.Store, graph: nx.MultiDiGraph, docs: dict[str, dict[str, str]]
) -> None:
    """Attach each relation's evidence sentences to its edge (as ``evidence``)."""
    if graph.number_of_edges() == 0:
        return
    for row in select_named(store, "edge_evidence"):
        key = local_name(row["relation"])
        if not graph.has_edge(row["source"], row["target"], key):
            continue
        doc_file = docs.get(row["doc"], {}).get("fileName") or local_name(row["doc"])
        found = {"doc": doc_file, "start": int(row["start"]), "end": int(row["end"])}
        found["text"] = row["text"]
        graph.edges[row["source"], row["target"], key].setdefault("evidence", []).append(found)


def add_node_details(store: ox.Store, graph: nx.MultiDiGraph) -> None:
    """Fill every node's label, type, aliases, definition, documents, counties, years, mention
    count, source sentences and amounts, and every edge's evidence, from the store."""
    docs = document_names(store)
    nodes = list(graph.nodes)
    _apply_info(graph, select_for_nodes(store, "node_info", nodes), docs)
    _apply_aliases(graph, select_for_nodes(store, "node_aliases", nodes))
    _apply_documents(graph, select_for_nodes(store, "node_documents", nodes), docs)
    _apply_mentions(graph, select_for_nodes(store, "node_mentions", nodes), docs)
    _apply_amounts(graph, select_for_nodes(store, "node_amounts", nodes))
    add_edge_evidence(store, graph, docs)
