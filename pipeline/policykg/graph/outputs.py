"""The names of the files a build writes into OUT/ and how the graph is serialised.

``graph.ttl`` is sorted Turtle (see ``turtle``): the same triples always give the same bytes
(checked in tests with shuffled insertion order and separate processes). The build writes them
with ``policykg.build.report``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph

from policykg.graph.turtle import sorted_turtle

GRAPH_NAME = "graph.ttl"
EXTRACTION_NAME = "extraction.jsonl"
REPORT_NAME = "build.json"


def serialize_graph(graph: Graph) -> str:
    """The byte-stable Turtle text of ``graph``."""
    return sorted_turtle(graph).decode("utf-8")


def jsonl_text(lines: Iterable[str]) -> str:
    """JSONL lines (with or without their newline) as one text, one line each."""
    return "".join(line.rstrip("\n") + "\n" for line in lines)
