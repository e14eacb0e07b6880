"""uvicorn's httptools protocol with a deadline for each request's line and headers.

uvicorn closes idle keep-alive connections, but its timer is cancelled by any byte received
and is not armed on a new connection: a client sending one header byte every few seconds
(slowloris) would hold its connection for ever. Here a connection must deliver each request's
head within ``head_timeout_s`` of opening or of the previous reply, or it is closed.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class TimedHttpToolsProtocol(HttpToolsProtocol):
    head_timeout_s = 10.0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def on_headers_complete(self) -> None:
        self._disarm_head_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.pipeline and not self.transport.is_closing():
            self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._disarm_head_timer()
        self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_overdue)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_overdue(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def protocol_with_head_timeout(seconds: float) -> type[TimedHttpToolsProtocol]:
    """The protocol class for uvicorn's ``http=`` setting, with this deadline."""
    return type("HeadTimedProtocol", (TimedHttpToolsProtocol,), {"head_timeout_s": seconds})
