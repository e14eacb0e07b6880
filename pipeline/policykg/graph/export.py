"""``policykg export``: the built graph in other formats.

RDF: ttl (sorted Turtle), nt (sorted lines), jsonld (compacted with our prefixes, sorted),
trig (one named graph per document, one shared graph for entities, relations and the glossary).
Networks: graphml, gexf. Spreadsheets: csv (a folder with entities.csv and relations.csv, UTF-8
with BOM so Excel shows Chinese). jsonl: the extraction JSONL written next to the graph.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from policykg.errors import InputError
from policykg.graph import atomic
from policykg.graph.network import write_gexf, write_graphml
from policykg.graph.outputs import EXTRACTION_NAME, serialize_graph
from policykg.graph.tables import EntityRow, RelationRow, entity_rows, relation_rows
from policykg.graph.vocab import DOC, KG, PREFIXES, SHARED_GRAPH

CSV_ENCODING = "utf-8-sig"
ENTITIES_CSV = "entities.csv"
RELATIONS_CSV = "relations.csv"


def load_graph(path: Path) -> Graph:
    """Parse a Turtle graph, or say which file is missing or broken."""
    if not path.is_file():
        raise InputError(path, "no such graph; run `policykg build` first")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise InputError(path, f"not a readable Turtle file: {exc}") from exc


def write_ttl(graph: Graph, out: Path) -> None:
    atomic.write_text(out, serialize_graph(graph))


def write_nt(graph: Graph, out: Path) -> None:
    lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    atomic.write_text(out, "".join(line + "\n" for line in lines))


def sorted_json(value: Any) -> Any:
    """JSON-LD with every array in a fixed order (we write no ordered @list)."""
    if isinstance(value, dict):
        return {k: sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def write_jsonld(graph: Graph, out: Path) -> None:
    data = json.loads(graph.serialize(format="json-ld", context=dict(PREFIXES)))
    text = json.dumps(sorted_json(data), ensure_ascii=False, indent=2, sort_keys=True)
    atomic.write_text(out, text + "\n")


def document_graph_of(subject: str, documents: set[str]) -> str | None:
    """The document IRI a subject belongs to: the document itself or a node under ``doc:<stem>/``."""
    if not subject.startswith(str(DOC)):
        return None
    head = str(DOC) + subject[len(str(DOC)) :].split("/", 1)[0]
    return head if head in documents else None


def to_dataset(graph: Graph) -> Dataset:
    """One named graph per document (its text, mentions, sentences, amounts); the rest shared."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    documents = {str(d) for d in graph.subjects(RDF.type, KG.Document)}
    graphs = {d: dataset.graph(URIRef(d)) for d in sorted(documents)}
    shared = dataset.graph(SHARED_GRAPH)
    for triple in graph:
        home = document_graph_of(str(triple[0]), documents)
        (graphs[home] if home is not None else shared).add(triple)
    return dataset


def write_trig(graph: Graph, out: Path) -> None:
    atomic.write_text(out, to_dataset(graph).serialize(format="trig"))


def csv_text(rows: Sequence[object], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(dataclasses.asdict(row))  # type: ignore[call-overload]
    return buffer.getvalue()


def write_csv(graph: Graph, out: Path) -> None:
    """``OUT/entities.csv`` and ``OUT/relations.csv`` (``out`` is a folder)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, rows, cls in (
        (ENTITIES_CSV, entity_rows(graph), EntityRow),
        (RELATIONS_CSV, relation_rows(graph), RelationRow),
    ):
        columns = [f.name for f in dataclasses.fields(cls)]
        atomic.write_text(out / name, csv_text(rows, columns), encoding=CSV_ENCODING)


WRITERS: dict[str, Callable[[Graph, Path], None]] = {
    "ttl": write_ttl,
    "nt": write_nt,
    "jsonld": write_jsonld,
    "trig": write_trig,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "csv": write_csv,
}
FORMATS: tuple[str, ...] = (*WRITERS, "jsonl")


def export(graph_path: Path, fmt: str, out: Path) -> Path:
    """Write ``graph_path`` as ``fmt`` to ``out`` (a folder for csv); returns ``out``."""
    if fmt not in FORMATS:
        raise InputError(fmt, f"unknown export format; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        return copy_extraction(graph_path, out)
    WRITERS[fmt](load_graph(graph_path), out)
    return out


def copy_extraction(graph_path: Path, out: Path) -> Path:
    """The extraction JSONL the build wrote beside the graph."""
    source = graph_path.parent / EXTRACTION_NAME
    if not source.is_file():
        raise InputError(source, "no extraction JSONL beside the graph; run `policykg build`")
    with atomic.replacing(out) as temp:
        shutil.copyfile(source, temp)
    return out
