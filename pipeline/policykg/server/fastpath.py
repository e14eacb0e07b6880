"""The ASGI app uvicorn runs: a plain GET /sparql query answered in one step, all else by Starlette.

Most requests are a GET /sparql with one query. Through Starlette's stack each went through
about ten layers (error and exception middleware, the security headers, the Host check,
routing, a Request object, the endpoint, a Response object), each wrapping ``send`` again;
that cost about a third of the front process's CPU per request (measured with py-spy).

Here such a request is answered directly, with the same checks and the same reply:

- the Host header's verdict is the real ``TrustedHostMiddleware``'s, run once per distinct
  header value and remembered; a Host it refuses is left to the full stack, which answers 400;
- a query string is read as Starlette reads it, and anything but exactly one non-empty
  ``query`` and no ``update`` (errors included) is left to the full stack;
- the reply's headers are those Starlette's ``Response`` and :class:`SecurityHeaders` give,
  built once per kind of reply (status, media type, extra headers) and then reused;
- admission and time-limit errors are answered by the same handler as in the full stack.

With ``--cors`` every request takes the full stack (CORS headers depend on the request).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import parse_qsl

from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policykg.server.headers import add_security_headers
from policykg.server.limits import AdmissionError
from policykg.server.pool import QueryTimeoutError, WorkerPool
from policykg.server.worker import QueryJob, WorkerReply

RawHeaders = list[tuple[bytes, bytes]]
ErrorResponse = Callable[[Exception], Response]
CACHED_QUERY_STRING_BYTES = 4096  # longer query strings are parsed every time
CACHED_HOSTS = 64  # distinct Host values whose verdict is remembered


@functools.lru_cache(maxsize=256)
def _cached_query(
    query_string: bytes,
) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    return simple_query(query_string)


def simple_query(
    query_string: bytes,
) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    """(query, format names, default graphs, named graphs) of a plain query string, else None.

    Parsed as Starlette's ``QueryParams`` parses it; None for anything the full stack should
    look at (no query, an empty or repeated one, an update).
    """
    params: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        params.setdefault(key, []).append(value)
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip() or "update" in params:
        return None

    def values(*names: str) -> tuple[str, ...]:
        return tuple(value for name in names for value in params.get(name, []))

    return (
        queries[0],
        values("format", "output"),
        values("default-graph-uri"),
        values("named-graph-uri"),
    )


def parse_query_string(
    query_string: bytes,
) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    if len(query_string) <= CACHED_QUERY_STRING_BYTES:
        return _cached_query(query_string)
    return simple_query(query_string)


@functools.lru_cache(maxsize=64)
def _head_template(
    status: int, media_type: str, extra: tuple[tuple[str, str], ...]
) -> tuple[RawHeaders, RawHeaders] | None:
    """The headers Starlette and :class:`SecurityHeaders` put on such a reply, split around
    Content-Length (None when it carries none)."""
    response = Response(b"", status, dict(extra) or None, media_type)
    add_security_headers(MutableHeaders(raw=response.raw_headers))
    raw = response.raw_headers
    for i, (name, _) in enumerate(raw):
        if name == b"content-length":
            return raw[:i], raw[i + 1 :]
    return None


def reply_headers(reply: WorkerReply) -> RawHeaders:
    """The raw headers of ``reply`` as the full stack would send them."""
    extra = tuple(reply.headers.items()) if reply.headers else ()
    template = _head_template(reply.status, reply.media_type, extra)
    if template is None:  # no body length for this status: build it the slow way
        response = Response(reply.body, reply.status, reply.headers or None, reply.media_type)
        add_security_headers(MutableHeaders(raw=response.raw_headers))
        return response.raw_headers
    before, after = template
    return [*before, (b"content-length", b"%d" % len(reply.body)), *after]


class SparqlFastPath:
    """ASGI app: answer plain GET /sparql queries directly; hand everything else to ``app``."""

    def __init__(
        self,
        app: ASGIApp,
        pool: WorkerPool,
        *,
        hosts: list[str],
        enabled: bool,
        max_results: int | None,
        timeout_s: float,
        wait_s: float,
        on_error: ErrorResponse,
    ) -> None:
        self.app = app
        self.pool = pool
        self.enabled = enabled
        self.max_results = max_results
        self.timeout_s = timeout_s
        self.wait_s = wait_s
        self.on_error = on_error
        self._host_check = TrustedHostMiddleware(_passed, allowed_hosts=hosts)
        self._host_verdicts: dict[bytes | None, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.enabled
            and scope["type"] == "http"
            and scope["path"] == "/sparql"
            and scope["method"] == "GET"
        ):
            job = await self._plain_query(scope)
            if job is not None:
                await self._answer(scope, receive, send, job)
                return
        await self.app(scope, receive, send)

    async def _plain_query(self, scope: Scope) -> QueryJob | None:
        host: bytes | None = None
        accept: bytes | None = None
        for name, value in scope["headers"]:
            if name == b"host":
                if host is None:
                    host = value
            elif name == b"accept" and accept is None:
                accept = value
        if not await self._host_allowed(scope, host):
            return None  # the full stack answers 400
        found = parse_query_string(scope["query_string"])
        if found is None:
            return None
        text, formats, default_graphs, named_graphs = found
        return QueryJob(
            text,
            None if accept is None else accept.decode("latin-1"),
            self.max_results,
            formats,
            default_graphs,
            named_graphs,
        )

    async def _host_allowed(self, scope: Scope, host: bytes | None) -> bool:
        verdict = self._host_verdicts.get(host)
        if verdict is None:
            verdict = await self._judge_host(scope)
            if len(self._host_verdicts) < CACHED_HOSTS:
                self._host_verdicts[host] = verdict
        return verdict

    async def _judge_host(self, scope: Scope) -> bool:
        """Whether Starlette's Host check lets this request through (its reply is dropped)."""
        passed: list[bool] = []
        probe = {**scope, "policykg.host_probe": passed}
        await self._host_check(probe, _no_body, _drop)
        return bool(passed)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, job: QueryJob) -> None:
        client = scope.get("client")
        try:
            reply = await self.pool.run(
                job,
                client=client[0] if client else "unknown",
                timeout_s=self.timeout_s,
                wait_s=self.wait_s,
            )
        except (AdmissionError, QueryTimeoutError) as exc:
            response = self.on_error(exc)
            add_security_headers(response.headers)
            await response(scope, receive, send)
            return
        await send(
            {"type": "http.response.start", "status": reply.status, "headers": reply_headers(reply)}
        )
        await send({"type": "http.response.body", "body": reply.body})


async def _passed(scope: Scope, receive: Receive, send: Send) -> None:
    scope["policykg.host_probe"].append(True)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _drop(message: Message) -> None:
    return None
