"""Headers every reply carries: no MIME sniffing, no caching without revalidation, and a
Content-Security-Policy on every HTML reply (static pages included) that forbids framing."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP reply (a route may set its own
    Content-Security-Policy, as the view pages do; it is kept)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_security_headers(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_security_headers(headers: MutableHeaders) -> None:
    headers.setdefault("x-content-type-options", "nosniff")
    headers.setdefault("cache-control", "no-cache")
    if headers.get("content-type", "").lower().startswith("text/html"):
        headers.setdefault("content-security-policy", PAGE_POLICY)
        headers.setdefault("x-frame-options", "DENY")
