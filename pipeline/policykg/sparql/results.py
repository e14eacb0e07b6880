"""Query results as plain values, and their serialisations (SPARQL JSON/XML/CSV/TSV, RDF).

We write solution formats ourselves so a capped result (``truncated``) is still a valid
document; RDF formats go through pyoxigraph's serialisers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from policykg.sparql.formats import ResultFormat

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
COMMON_PREFIXES = {
    "kg": "https://w3id.org/policykg/def#",
    "id": "https://w3id.org/policykg/id/",
    "doc": "https://w3id.org/policykg/doc/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class SelectResult:
    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]
    truncated: bool = False


@dataclass(frozen=True)
class AskResult:
    value: bool
    truncated: bool = False


@dataclass(frozen=True)
class GraphResult:
    triples: tuple[ox.Triple, ...]
    truncated: bool = False


QueryResult = SelectResult | AskResult | GraphResult


def term_to_json(term: Term) -> dict[str, object]:
    """One RDF term in the SPARQL 1.1 JSON results shape."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": term_to_json(term.subject),
            "predicate": term_to_json(term.predicate),
            "object": term_to_json(term.object),
        },
    }


def term_to_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            dtype = quoteattr(term.datatype.value)
            return f"<literal datatype={dtype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    parts = (("subject", term.subject), ("predicate", term.predicate), ("object", term.object))
    inner = "".join(f"<{name}>{term_to_xml(value)}</{name}>" for name, value in parts)
    return f"<triple>{inner}</triple>"


def term_to_plain(term: Term | None) -> str:
    """The CSV form of a term: its lexical value, blank nodes as ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def term_to_tsv(term: Term | None) -> str:
    """The TSV form: N-Triples syntax, with tabs and line breaks escaped."""
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def encode_json(result: SelectResult | AskResult) -> bytes:
    if isinstance(result, AskResult):
        return json.dumps({"head": {}, "boolean": result.value}).encode()
    bindings = [
        {var: term_to_json(term) for var, term in zip(result.variables, row, strict=True) if term}
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode()


def encode_xml(result: SelectResult | AskResult) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{SPARQL_RESULTS_NS}">']
    if isinstance(result, AskResult):
        out.append(f"<head/><boolean>{str(result.value).lower()}</boolean></sparql>")
        return "".join(out).encode()
    out.append("<head>")
    out.extend(f"<variable name={quoteattr(var)}/>" for var in result.variables)
    out.append("</head><results>")
    for row in result.rows:
        out.append("<result>")
        for var, term in zip(result.variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(var)}>{term_to_xml(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out).encode()


def encode_csv(result: SelectResult | AskResult) -> bytes:
    if isinstance(result, AskResult):
        return f"{str(result.value).lower()}\r\n".encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([term_to_plain(term) for term in row] for row in result.rows)
    return buffer.getvalue().encode()


def encode_tsv(result: SelectResult | AskResult) -> bytes:
    if isinstance(result, AskResult):
        return f"{str(result.value).lower()}\n".encode()
    lines = ["\t".join(f"?{var}" for var in result.variables)]
    lines.extend("\t".join(term_to_tsv(term) for term in row) for row in result.rows)
    return ("\n".join(lines) + "\n").encode()


_SOLUTION_ENCODERS = {"json": encode_json, "xml": encode_xml, "csv": encode_csv, "tsv": encode_tsv}
_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def encode_graph(triples: Sequence[ox.Triple], fmt: ResultFormat) -> bytes:
    rdf_format = _RDF_FORMATS[fmt.name]
    prefixes = COMMON_PREFIXES if fmt.name in ("ttl", "rdfxml") else None
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""


def encode_result(result: QueryResult, fmt: ResultFormat) -> bytes:
    """Serialise ``result`` as ``fmt`` (which must suit the result's kind)."""
    if isinstance(result, GraphResult):
        if fmt.kind != "graph":
            raise ValueError(f"{fmt.name} cannot hold a graph result")
        return encode_graph(result.triples, fmt)
    if fmt.kind != "solutions":
        raise ValueError(f"{fmt.name} cannot hold query solutions")
    return _SOLUTION_ENCODERS[fmt.name](result)
