"""Push the graph into an external store through the SPARQL 1.1 Graph Store HTTP Protocol.

The first chunk is sent with PUT (it replaces the target graph), the rest with POST (they add
to it), as N-Triples, so any GSP store takes them: Oxigraph (``/store``), Fuseki
(``/<dataset>/data``), Virtuoso (``/sparql-graph-crud``), GraphDB (``/repositories/<id>/rdf-graphs/service``).
"""

from __future__ import annotations

import itertools
import logging
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError

import pyoxigraph as ox

from policykg.sparql.client import EndpointError
from policykg.sparql.store import GraphFileError

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushReport:
    """What was sent: triples, requests, bytes, and the target URL."""

    triples: int
    requests: int
    bytes_sent: int
    target: str


def graph_store_url(endpoint: str, graph_iri: str | None) -> str:
    """The GSP URL for a named graph (``?graph=IRI``) or the default graph (``?default``)."""
    query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
    return endpoint + ("&" if "?" in endpoint else "?") + query


def read_triples(path: Path) -> list[ox.Triple]:
    if not path.is_file():
        raise GraphFileError(path, "no such graph file (run `policykg build` first)")
    try:
        quads = ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:]))
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    except (SyntaxError, ValueError) as exc:
        raise GraphFileError(path, f"not valid RDF: {exc}") from exc


def _blank_key(triple: ox.Triple, parent: dict[str, str]) -> str | None:
    """Union the blank nodes of ``triple``; return their component's root, if any."""
    labels = [t.value for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]
    roots = []
    for label in labels:
        parent.setdefault(label, label)
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        roots.append(label)
    for root in roots[1:]:
        parent[root] = roots[0]
    return roots[0] if roots else None


def chunked(triples: list[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """Chunks of about ``size`` triples; triples sharing blank nodes stay in one chunk
    (a blank node label means a different node in each request)."""
    parent: dict[str, str] = {}
    keys = [_blank_key(triple, parent) for triple in triples]
    groups: dict[str, list[ox.Triple]] = {}
    plain: list[list[ox.Triple]] = []
    for triple, key in zip(triples, keys, strict=True):
        if key is None:
            plain.append([triple])
        else:
            root = key
            while parent[root] != root:
                root = parent[root]
            groups.setdefault(root, []).append(triple)
    chunk: list[ox.Triple] = []
    for unit in itertools.chain(plain, groups.values()):
        chunk.extend(unit)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def send_chunk(url: str, method: str, body: bytes, headers: dict[str, str], timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Content-Type", NTRIPLES)
    for key, value in headers.items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:300]
        raise EndpointError(url, f"{method} refused with HTTP {exc.code}: {detail}") from exc
    except (URLError, OSError) as exc:
        raise EndpointError(url, f"cannot reach the store: {exc}") from exc


def push_graph(
    path: Path,
    endpoint: str,
    *,
    graph_iri: str | None = None,
    chunk_size: int = 20_000,
    token: str | None = None,
    timeout_s: float = 120.0,
    on_progress: ProgressCallback | None = None,
) -> PushReport:
    """Replace ``graph_iri`` (or the default graph) at ``endpoint`` with the triples of ``path``."""
    triples = read_triples(path)
    url = graph_store_url(endpoint, graph_iri)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    sent = requests = size = 0
    if not triples:
        send_chunk(url, "PUT", b"", headers, timeout_s)
        requests = 1
    for chunk in chunked(triples, chunk_size):
        body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b""
        send_chunk(url, "PUT" if requests == 0 else "POST", body, headers, timeout_s)
        sent, requests, size = sent + len(chunk), requests + 1, size + len(body)
        log.debug("pushed %d/%d triples to %s", sent, len(triples), url)
        if on_progress:
            on_progress(sent, len(triples))
    return PushReport(sent, requests, size, url)
