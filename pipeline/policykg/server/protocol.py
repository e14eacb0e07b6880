"""The SPARQL 1.1 Protocol on /sparql: where the query or update is in a request, and the body
limit. HTTP framing itself (lengths, chunks, headers) is uvicorn's and httptools'."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.requests import Request

FORM = "application/x-www-form-urlencoded"
Params = dict[str, list[str]]


class RequestError(Exception):
    """A request we answer with an error status and a plain-text reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SparqlRequest:
    """The protocol parameters, and the query or update text, of one request."""

    params: Params
    query: str | None
    update: str | None

    def values(self, *names: str) -> tuple[str, ...]:
        return tuple(value for name in names for value in self.params.get(name, []))


def single(params: Params, name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise RequestError(400, f"give {name!r} once, not {len(values)} times")
    return values[0] if values else None


def url_params(request: Request) -> Params:
    params: Params = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


async def read_body(request: Request, limit: int, timeout_s: float) -> bytes:
    """The body, refused (413) as soon as it passes ``limit`` bytes, declared or sent."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RequestError(413, f"request body of {declared} bytes exceeds the {limit} limit")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout_s):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise RequestError(413, f"request body exceeds the {limit} byte limit")
                chunks.append(chunk)
    except TimeoutError as exc:
        raise RequestError(408, f"the request body did not arrive within {timeout_s:g} s") from exc
    return b"".join(chunks)


async def sparql_request(request: Request, limit: int, timeout_s: float) -> SparqlRequest:
    """Read a GET or POST /sparql request as the protocol describes it."""
    params = url_params(request)
    if request.method != "POST":
        return SparqlRequest(params, single(params, "query"), single(params, "update"))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await read_body(request, limit, timeout_s)).decode("utf-8", "replace")
    if content_type == FORM:
        for key, values in parse_qs(body, keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
        return SparqlRequest(params, single(params, "query"), single(params, "update"))
    if content_type == "application/sparql-query":
        return SparqlRequest(params, body, None)
    if content_type == "application/sparql-update":
        return SparqlRequest(params, None, body)
    raise RequestError(415, f"unsupported Content-Type {content_type!r} for /sparql")
