"""The HTTP front: routing, the SPARQL 1.1 Protocol on /sparql, limits, static files."""

from __future__ import annotations

import hmac
import logging
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qs, urlsplit

from policykg.server.pool import PoolBusyError, QueryTimeoutError
from policykg.server.static import find_static_file, media_type_for
from policykg.server.worker import QueryJob, WorkerReply, error_reply
from policykg.sparql.guard import RefusedQueryError

if TYPE_CHECKING:
    from policykg.server.app import PolicyKGHTTPServer

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
PAGE_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'"
)


class RequestError(Exception):
    """A request we answer with an error status and a plain-text reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise RequestError(400, f"give {name!r} once, not {len(values)} times")
    return values[0] if values else None


class Handler(BaseHTTPRequestHandler):
    """One request; the state (config, pool, saved queries) lives on the server object."""

    server: PolicyKGHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "policykg"
    timeout = 60  # seconds an idle or slow client may hold a connection
    # Keep-alive clients wait for each reply before sending the next request: with Nagle on,
    # a reply sent as two writes (headers, body) stalls ~40 ms on the peer's delayed ACK.
    disable_nagle_algorithm = True
    # Buffer the socket writer so status line, headers and a small body leave in one send;
    # ``handle_one_request`` flushes after every request, larger bodies bypass the buffer.
    wbufsize = 64 * 1024

    _date: ClassVar[tuple[int, str]] = (0, "")
    _query_string = ""

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The Date header, formatted once per second rather than once per reply."""
        if timestamp is not None:
            return super().date_time_string(timestamp)
        second, text = Handler._date
        now = int(time.time())
        if now != second:
            text = super().date_time_string(now)
            Handler._date = (now, text)
        return text

    def log_message(self, format: str, *args: object) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s " + format, self.address_string(), *args)

    # -- answering ---------------------------------------------------------------------------

    def send_reply(self, reply: WorkerReply, *, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.media_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.server.config.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "X-PolicyKG-Truncated")
        for key, value in {**reply.headers, **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def send_error_text(self, status: int, message: str) -> None:
        extra = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if status == 413:
            self.close_connection = True
        self.send_reply(error_reply(status, message), extra=extra)

    def dispatch(self) -> None:
        try:
            self.route()
        except RequestError as exc:
            self.send_error_text(exc.status, exc.message)
        except RefusedQueryError as exc:
            self.send_error_text(exc.status, f"refused: {exc.reason}")
        except QueryTimeoutError as exc:
            self.send_error_text(503, str(exc))
        except PoolBusyError as exc:
            self.send_error_text(503, f"server busy: {exc}")

    def do_GET(self) -> None:
        self.dispatch()

    def do_POST(self) -> None:
        self.dispatch()

    def do_HEAD(self) -> None:
        self.dispatch()

    def do_OPTIONS(self) -> None:
        if not self.server.config.cors:
            self.send_error_text(405, "CORS is off (start the server with --cors)")
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- routing -----------------------------------------------------------------------------

    def route(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        self._query_string = parts.query
        if path == "/sparql":
            self.handle_sparql()
        elif self.command == "POST":
            raise RequestError(405, "only /sparql accepts POST")
        elif path in ("/", "/index.html"):
            self.send_static("index.html", page=True)
        elif path == "/queries.json":
            self.send_reply(self.server.saved_queries_reply())
        elif path == "/views.json":
            self.send_reply(self.server.views_reply())
        elif path.startswith("/static/"):
            self.send_static(path.removeprefix("/static/"))
        elif path.startswith("/viz/"):
            self.send_reply(self.server.render_viz(path.removeprefix("/viz/"), self.query_params()))
        else:
            raise RequestError(404, f"nothing at {path}")

    def query_params(self) -> dict[str, list[str]]:
        return parse_qs(self._query_string, keep_blank_values=True)

    def send_static(self, relative: str, *, page: bool = False) -> None:
        file = find_static_file(relative)
        if file is None:
            raise RequestError(404, f"no such file: {relative}")
        extra = {"Content-Security-Policy": PAGE_POLICY} if page else {}
        extra["Cache-Control"] = "no-cache"
        self.send_reply(WorkerReply(200, media_type_for(file), file.read_bytes()), extra=extra)

    # -- SPARQL protocol ---------------------------------------------------------------------

    def read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise RequestError(411, "send a Content-Length (chunked bodies are not accepted)")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            raise RequestError(411, "a POST needs a Content-Length")
        try:
            length = int(length_text)
        except ValueError as exc:
            raise RequestError(400, "Content-Length is not a number") from exc
        limit = self.server.config.max_request_bytes
        if length > limit:
            raise RequestError(413, f"request body of {length} bytes exceeds the {limit} limit")
        return self.rfile.read(length)

    def sparql_params(self) -> tuple[dict[str, list[str]], str | None, str | None]:
        """The protocol parameters, the query text, and the update text of this request."""
        params = self.query_params()
        if self.command != "POST":
            return params, single(params, "query"), single(params, "update")
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        body = self.read_body().decode("utf-8", "replace")
        if content_type == FORM:
            params = {**params, **parse_qs(body, keep_blank_values=True)}
            return params, single(params, "query"), single(params, "update")
        if content_type == "application/sparql-query":
            return params, body, None
        if content_type == "application/sparql-update":
            return params, None, body
        raise RequestError(415, f"unsupported Content-Type {content_type!r} for /sparql")

    def handle_sparql(self) -> None:
        params, query, update = self.sparql_params()
        if query is not None and update is not None:
            raise RequestError(400, "give either query or update, not both")
        if update is not None:
            self.handle_update(update)
            return
        if query is None or not query.strip():
            raise RequestError(
                400, "no query: pass query=… (GET or form POST) or a sparql-query body"
            )
        job = QueryJob(
            query,
            self.headers.get("Accept"),
            self.server.config.max_results,
            tuple(params.get("format", []) + params.get("output", [])),
            tuple(params.get("default-graph-uri", [])),
            tuple(params.get("named-graph-uri", [])),
        )
        config = self.server.config
        reply = self.server.pool.run(job, timeout_s=config.timeout_s, wait_s=config.queue_wait_s)
        self.send_reply(reply)

    def handle_update(self, update: str) -> None:
        config = self.server.config
        if self.command != "POST":
            raise RequestError(400, "updates must be sent with POST")
        if not config.allow_update:
            raise RefusedQueryError(
                "this server is read-only (start it with --allow-update --token)"
            )
        given = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not config.token or not hmac.compare_digest(given.encode(), config.token.encode()):
            raise RequestError(401, "updates need 'Authorization: Bearer <token>'")
        reply = self.server.pool.run_update(
            update, timeout_s=config.timeout_s, wait_s=config.queue_wait_s
        )
        self.send_reply(reply)
