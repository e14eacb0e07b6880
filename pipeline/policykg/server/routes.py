"""The server's routes: /sparql, the query page, its JSON lists, the views, static files."""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route

from policykg.server.config import ServerConfig
from policykg.server.fastpath import SparqlFastPath
from policykg.server.headers import SecurityHeaders
from policykg.server.limits import AdmissionError
from policykg.server.pool import QueryTimeoutError, WorkerPool
from policykg.server.protocol import RequestError, SparqlRequest, sparql_request
from policykg.server.static import STATIC_DIR, ConfinedStaticFiles
from policykg.server.worker import Job, QueryJob, ViewJob, WorkerReply, error_reply
from policykg.sparql.guard import UPDATE_SENT_AS_QUERY, RefusedQueryError
from policykg.sparql.saved import load_saved_queries
from policykg.views import list_views

READ_ONLY = "this server is read-only (start it with --allow-update --token)"


@dataclass(frozen=True)
class ServerState:
    """What every request needs: the settings, the workers, and the page's JSON lists."""

    config: ServerConfig
    pool: WorkerPool
    saved_json: bytes
    views_json: bytes

    @classmethod
    def create(cls, config: ServerConfig, pool: WorkerPool) -> ServerState:
        saved = [q.as_json() for q in load_saved_queries(config.queries_dir)]
        views = [
            {"name": v.name, "title": v.title, "description": v.description} for v in list_views()
        ]
        return cls(
            config, pool, json.dumps(saved, ensure_ascii=False).encode(), json.dumps(views).encode()
        )

    async def run(self, job: Job, request: Request) -> Response:
        client = request.client.host if request.client else "unknown"
        limit = self.config.timeout_s
        reply = await self.pool.run(
            job, client=client, timeout_s=limit, wait_s=self.config.queue_wait_s
        )
        return as_response(reply)


def as_response(reply: WorkerReply) -> Response:
    return Response(reply.body, reply.status, reply.headers or None, reply.media_type)


def text_reply(status: int, message: str) -> Response:
    response = as_response(error_reply(status, message))
    if status == 401:
        response.headers["www-authenticate"] = "Bearer"
    if status in (408, 413):
        response.headers["connection"] = "close"
    return response


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.policykg
    return state


async def sparql(request: Request) -> Response:
    state = state_of(request)
    config = state.config
    found = await sparql_request(request, config.max_request_bytes, config.header_timeout_s)
    if found.query is not None and found.update is not None:
        raise RequestError(400, "give either query or update, not both")
    if found.update is not None:
        return await update(request, state, found.update)
    if found.query is None or not found.query.strip():
        raise RequestError(400, "no query: pass query=… (GET or form POST) or a sparql-query body")
    return await state.run(query_job(request, found), request)


def query_job(request: Request, found: SparqlRequest) -> QueryJob:
    return QueryJob(
        found.query or "",
        request.headers.get("accept"),
        state_of(request).config.max_results,
        found.values("format", "output"),
        found.values("default-graph-uri"),
        found.values("named-graph-uri"),
    )


async def update(request: Request, state: ServerState, text: str) -> Response:
    config = state.config
    if request.method != "POST":
        raise RequestError(400, "updates must be sent with POST")
    if not config.allow_update:
        raise RefusedQueryError(READ_ONLY)
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not config.token or not hmac.compare_digest(given.encode(), config.token.encode()):
        raise RequestError(401, "updates need 'Authorization: Bearer <token>'")
    return as_response(await state.pool.run_update(text, timeout_s=config.timeout_s))


async def page(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")


async def saved_queries(request: Request) -> Response:
    return Response(state_of(request).saved_json, media_type="application/json; charset=utf-8")


async def views(request: Request) -> Response:
    return Response(state_of(request).views_json, media_type="application/json; charset=utf-8")


async def view(request: Request) -> Response:
    job = ViewJob(request.path_params["name"], tuple(request.query_params.multi_items()))
    return await state_of(request).run(job, request)


async def on_request_error(request: Request, exc: Exception) -> Response:
    return error_response(exc)


def error_response(exc: Exception) -> Response:
    """The plain-text reply to a request refused or failed with ``exc``."""
    if isinstance(exc, RequestError | AdmissionError):
        return text_reply(exc.status, exc.message)
    if isinstance(exc, RefusedQueryError):
        reason = READ_ONLY if exc.reason == UPDATE_SENT_AS_QUERY else exc.reason
        return text_reply(exc.status, f"refused: {reason}")
    if isinstance(exc, QueryTimeoutError):
        return text_reply(503, str(exc))
    if isinstance(exc, HTTPException):
        return text_reply(exc.status_code, exc.detail)
    return Response(status_code=400)  # ClientDisconnect: nobody is left to read a reason


def make_app(state: ServerState) -> SparqlFastPath:
    """The ASGI app: plain GET /sparql queries answered directly, all else by :func:`full_app`."""
    config = state.config
    return SparqlFastPath(
        full_app(state),
        state.pool,
        hosts=config.hosts,
        enabled=not config.cors,
        max_results=config.max_results,
        timeout_s=config.timeout_s,
        wait_s=config.queue_wait_s,
        on_error=error_response,
    )


def full_app(state: ServerState) -> Starlette:
    """The Starlette app: routes, then security headers, Host allow-list and (optional) CORS."""
    config = state.config
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=config.hosts),
    ]
    if config.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Content-Type", "Accept", "Authorization"],
                expose_headers=["X-PolicyKG-Truncated"],
                max_age=600,
            )
        )
    routes = [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/", page),
        Route("/index.html", page),
        Route("/queries.json", saved_queries),
        Route("/views.json", views),
        Route("/viz/{name:str}", view),
        Mount("/static", ConfinedStaticFiles(directory=STATIC_DIR)),
    ]
    handlers = {
        error: on_request_error
        for error in (
            RequestError,
            AdmissionError,
            RefusedQueryError,
            QueryTimeoutError,
            HTTPException,
            ClientDisconnect,
        )
    }
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)  # type: ignore[arg-type]
    app.state.policykg = state
    return app
