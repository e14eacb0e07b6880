"""A query worker: a process holding the graph in an in-memory store, answering jobs from a pipe.

Workers run in their own processes so the server can kill one whose query overruns its time
limit (the engine cannot be interrupted from inside) while the others keep answering.
"""

from __future__ import annotations

import functools
import pickle
import signal
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from policykg.errors import PolicyKGError, QueryError
from policykg.sparql.execute import QuerySyntaxError, run_query
from policykg.sparql.formats import ResultKind, format_by_name, negotiate
from policykg.sparql.guard import (
    UPDATE_SENT_AS_QUERY,
    RefusedQueryError,
    check_query,
    check_update,
    is_update_text,
)
from policykg.sparql.results import GraphResult, encode_result
from policykg.sparql.store import load_memory_store, write_snapshot
from policykg.views import UnknownViewError, ViewError, render_view


@dataclass(frozen=True)
class QueryJob:
    """One query to evaluate; a known ``format=``/``output=`` name wins over ``accept``."""

    text: str
    accept: str | None
    max_results: int | None
    format_names: tuple[str, ...] = ()
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()


@dataclass(frozen=True)
class ViewJob:
    """One view page to render from the worker's store (``params`` as parsed from the URL)."""

    name: str
    params: tuple[tuple[str, str], ...] = ()


Job = QueryJob | ViewJob


@dataclass(frozen=True)
class WorkerReply:
    """An HTTP-ready answer: status, media type, body, and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


# Jobs and replies cross the pipe as pickled plain tuples: cheaper than pickling the dataclasses
# through multiprocessing's ForkingPickler (measured on the per-request path of the server).


def job_to_wire(job: Job) -> bytes:
    if isinstance(job, ViewJob):
        return pickle.dumps(("v", job.name, job.params), protocol=5)
    fields = (job.text, job.accept, job.max_results, job.format_names)
    return pickle.dumps(("q", *fields, job.default_graph_uris, job.named_graph_uris), protocol=5)


def job_from_wire(data: bytes) -> Job:
    kind, *fields = pickle.loads(data)
    return ViewJob(*fields) if kind == "v" else QueryJob(*fields)


def reply_to_wire(reply: WorkerReply) -> bytes:
    return pickle.dumps((reply.status, reply.media_type, reply.body, reply.headers), protocol=5)


def reply_from_wire(data: bytes) -> WorkerReply:
    return WorkerReply(*pickle.loads(data))


def error_reply(status: int, message: str) -> WorkerReply:
    return WorkerReply(status, "text/plain; charset=utf-8", (message + "\n").encode())


# Clients send the same few Accept headers again and again; negotiating one took ~7 µs
# (measured), a cache hit ~0.4 µs.
negotiate_once = functools.lru_cache(maxsize=64)(negotiate)


# The engine recurses over the query's tree; on the default 8 MB stack 10,000 nested braces
# crashed the process (measured). Jobs run on a thread with a larger stack (address space only:
# pages are committed as they are touched), so deep queries meet the time limit instead.
ENGINE_STACK_BYTES = 512 * 1024 * 1024
CACHED_QUERY_CHARS = 4096  # accepted texts up to this length are parsed once per worker


@functools.lru_cache(maxsize=1024)
def _accept_once(text: str) -> None:
    check_query(text)  # a refusal raises, and exceptions are never cached


def check_read_only(text: str) -> None:
    """The guard's verdict on a query text, remembered for short accepted texts."""
    if len(text) <= CACHED_QUERY_CHARS:
        _accept_once(text)
    else:
        check_query(text)


def refusal_reply(exc: RefusedQueryError) -> WorkerReply:
    return error_reply(exc.status, f"refused: {exc.reason}" if exc.status == 403 else exc.reason)


def answer_job(store: ox.Store, job: QueryJob) -> WorkerReply:
    """Check a job with the guard, evaluate it on ``store`` and serialise it as negotiated."""
    try:
        check_read_only(job.text)
    except RefusedQueryError as exc:
        return refusal_reply(exc)
    try:
        result = run_query(
            store,
            job.text,
            max_results=job.max_results,
            default_graph_uris=job.default_graph_uris,
            named_graph_uris=job.named_graph_uris,
        )
    except QuerySyntaxError as exc:
        if is_update_text(job.text):
            return refusal_reply(RefusedQueryError(UPDATE_SENT_AS_QUERY))
        return error_reply(400, str(exc))
    except QueryError as exc:
        return error_reply(400, str(exc))
    kind: ResultKind = "graph" if isinstance(result, GraphResult) else "solutions"
    named = (format_by_name(name, kind) for name in job.format_names)
    fmt = next((f for f in named if f is not None), None) or negotiate_once(job.accept, kind)
    if fmt is None:
        return error_reply(406, f"cannot answer a {kind} result as {job.accept}")
    headers = {"X-PolicyKG-Truncated": str(job.max_results)} if result.truncated else {}
    charset = "; charset=utf-8" if fmt.name not in ("xml", "rdfxml") else ""
    return WorkerReply(200, fmt.media_type + charset, encode_result(result, fmt), headers)


VIEW_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; connect-src 'none'; frame-ancestors 'none'"
)


def answer_view(store: ox.Store, job: ViewJob) -> WorkerReply:
    """A view page rendered from the worker's copy of the graph (CSP as in the page's meta)."""
    params: dict[str, list[str]] = {}
    for key, value in job.params:
        params.setdefault(key, []).append(value)
    try:
        page = render_view(store, job.name, params)
    except UnknownViewError as exc:
        return error_reply(404, str(exc))
    except ViewError as exc:
        return error_reply(400, str(exc))
    headers = {"Content-Security-Policy": VIEW_POLICY}
    return WorkerReply(200, "text/html; charset=utf-8", page.encode(), headers)


def answer(store: ox.Store, job: Job) -> WorkerReply:
    try:
        return answer_view(store, job) if isinstance(job, ViewJob) else answer_job(store, job)
    except Exception as exc:  # a worker must answer, whatever the engine raised
        return error_reply(500, f"query failed: {type(exc).__name__}: {exc}")


def worker_main(snapshot: str, conn: Connection) -> None:
    """Load the graph snapshot into memory, say ``ready``, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the server stops us
    try:
        store = load_memory_store(Path(snapshot))
    except PolicyKGError as exc:
        conn.send(f"cannot load the graph: {exc}")
        return
    conn.send("ready")
    threading.stack_size(ENGINE_STACK_BYTES)
    server = threading.Thread(target=serve_jobs, args=(store, conn), name="engine")
    server.start()
    server.join()


def serve_jobs(store: ox.Store, conn: Connection) -> None:
    """Answer jobs from the pipe until it closes."""
    while True:
        try:
            job = job_from_wire(conn.recv_bytes())
        except (EOFError, OSError):
            return
        conn.send_bytes(reply_to_wire(answer(store, job)))


def update_main(snapshot: str, target: str, conn: Connection, text: str) -> None:
    """Apply one SPARQL update to the snapshot, writing the result to ``target``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        check_update(text)
        store = load_memory_store(Path(snapshot))
        store.update(text)
        write_snapshot(store, Path(target))
        conn.send(WorkerReply(204, "text/plain", b""))
    except RefusedQueryError as exc:
        conn.send(refusal_reply(exc))
    except SyntaxError as exc:
        conn.send(error_reply(400, f"bad update: {exc}"))
    except Exception as exc:  # reported to the client, the server stays up
        conn.send(error_reply(500, f"update failed: {type(exc).__name__}: {exc}"))
