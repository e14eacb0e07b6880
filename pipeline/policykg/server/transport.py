"""uvicorn's httptools protocol with a deadline for each request's line and headers, and
one write per reply.

uvicorn closes idle keep-alive connections, but its timer is cancelled by any byte received
and is not armed on a new connection: a client sending one header byte every few seconds
(slowloris) would hold its connection for ever. Here a connection must deliver each request's
head within ``head_timeout_s`` of opening or of the previous reply, or it is closed.

uvicorn writes a reply's status line and headers, then its body: two ``send`` calls, two TCP
segments and two wake-ups of the client for every small reply. Each request's transport here
holds the head back until the first body write and sends both together.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class TimedHttpToolsProtocol(HttpToolsProtocol):
    head_timeout_s = 10.0
    _head_timer: asyncio.TimerHandle | None = None
    _head_deadline: float | None = None  # None while a request is being answered

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._expect_head()

    def on_headers_complete(self) -> None:
        self._head_deadline = None
        before = self.cycle
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is not None and cycle is not before and self.scope["method"] != "HEAD":
            # (uvicorn writes no body for HEAD: there the head must go out on its own)
            cycle.transport = HeadWithBody(cycle.transport)  # type: ignore[assignment]

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.pipeline and not self.transport.is_closing():
            self._expect_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_deadline = None
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        super().connection_lost(exc)

    def _expect_head(self) -> None:
        """The next request's head is due within the timeout from now.

        The timer is not cancelled and re-armed for every request (two heap operations each):
        when it fires it compares the time with the deadline set last, and waits on if that
        moved, or stops if a request is being answered (the reply sets a new deadline).
        """
        self._head_deadline = self.loop.time() + self.head_timeout_s
        if self._head_timer is None:
            self._head_timer = self.loop.call_at(self._head_deadline, self._head_check)

    def _head_check(self) -> None:
        self._head_timer = None
        deadline = self._head_deadline
        if deadline is None or self.transport.is_closing():
            return
        if self.loop.time() < deadline:
            self._head_timer = self.loop.call_at(deadline, self._head_check)
        else:
            self.transport.close()


class HeadWithBody:
    """One request's view of the connection: the response head waits for the body's first write.

    Only the first write is held, and only when it is a final response head (``HTTP/1.1 1xx``
    interim replies such as ``100 Continue`` go out at once); anything else, including closing
    the connection, sends what is held first.
    """

    __slots__ = ("_first", "_held", "_transport")

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._held: bytes | None = None
        self._first = True

    def write(self, data: bytes) -> None:
        if self._first:
            self._first = False
            if data.startswith(b"HTTP/") and not data.startswith(b"HTTP/1.1 1"):
                self._held = data
                return
        held = self._held
        if held is not None:
            self._held = None
            data = held + data
        self._transport.write(data)

    def flush(self) -> None:
        held = self._held
        if held is not None:
            self._held = None
            self._transport.write(held)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def __getattr__(self, name: str) -> object:
        self.flush()
        return getattr(self._transport, name)


def protocol_with_head_timeout(seconds: float) -> type[TimedHttpToolsProtocol]:
    """The protocol class for uvicorn's ``http=`` setting, with this deadline."""
    return type("HeadTimedProtocol", (TimedHttpToolsProtocol,), {"head_timeout_s": seconds})
