"""Queries against any SPARQL 1.1 endpoint over HTTP, through SPARQLWrapper."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.error import HTTPError, URLError

from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from policykg.errors import PolicyKGError
from policykg.sparql.formats import ResultFormat
from policykg.sparql.guard import query_form

log = logging.getLogger(__name__)

_WRAPPER_FORMATS = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "ttl": "turtle",
    "nt": "n3",
    "jsonld": "json-ld",
    "rdfxml": "rdf+xml",
}


class EndpointError(PolicyKGError):
    """A remote endpoint could not be reached or refused the query: names it and why."""

    def __init__(self, endpoint: str, reason: str) -> None:
        super().__init__(f"{endpoint}: {reason}")
        self.endpoint = endpoint
        self.reason = reason


@dataclass(frozen=True)
class RemoteAnswer:
    """The raw body of an endpoint's answer and its media type."""

    body: bytes
    media_type: str


def query_endpoint(
    endpoint: str, text: str, fmt: ResultFormat, *, timeout_s: float = 60.0
) -> RemoteAnswer:
    """POST ``text`` to ``endpoint`` asking for ``fmt``; return the body unparsed."""
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setMethod(POST)
    wrapper.setTimeout(int(timeout_s))
    wrapper.setQuery(text)
    wrapper.setReturnFormat(_WRAPPER_FORMATS[fmt.name])
    wrapper.addCustomHttpHeader("Accept", fmt.media_type)
    log.info("querying %s (%s)", endpoint, query_form(text))
    try:
        response = wrapper.query().response
        body = response.read()
        media_type = response.headers.get("Content-Type", fmt.media_type)
    except SPARQLWrapperException as exc:
        raise EndpointError(endpoint, str(exc).strip()) from exc
    except HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:500]
        raise EndpointError(endpoint, f"HTTP {exc.code}: {detail or exc.reason}") from exc
    except (URLError, OSError) as exc:
        raise EndpointError(endpoint, f"cannot reach the endpoint: {exc}") from exc
    return RemoteAnswer(body, media_type.split(";")[0].strip())
