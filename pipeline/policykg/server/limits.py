"""Who gets the next free worker: a per-client limit, a queue limit, and fair turns.

A client is a remote address. One may hold at most ``per_client`` requests (running or waiting,
429 beyond); at most ``queue_limit`` requests wait for a worker (503 beyond, at once rather than
after a long wait). When a worker comes free it goes to the waiting request whose client has the
fewest requests running, oldest first among equals: a client that keeps every worker busy goes
behind everyone else who is waiting.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")


class AdmissionError(Exception):
    """The request is not queued: 429 (this client holds too many) or 503 (queue full, busy)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(eq=False, slots=True)
class _Waiter(Generic[T]):
    client: str
    future: asyncio.Future[T]


class Dispatcher(Generic[T]):
    """Free workers and the requests waiting for one (use from the event loop's thread only)."""

    def __init__(self, per_client: int, queue_limit: int) -> None:
        self.per_client = per_client
        self.queue_limit = queue_limit
        self.free: list[T] = []
        self._waiting: list[_Waiter[T]] = []
        self._held: dict[str, int] = {}  # running or waiting, per client
        self._running: dict[str, int] = {}

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def add(self, worker: T) -> None:
        """A worker is free: hand it to the fairest waiting request, or keep it."""
        while self._waiting:
            waiter = self._next_waiter()
            if not waiter.future.done():
                self._running[waiter.client] = self._running.get(waiter.client, 0) + 1
                waiter.future.set_result(worker)
                return
        self.free.append(worker)

    def _next_waiter(self) -> _Waiter[T]:
        running = self._running
        best = min(
            range(len(self._waiting)),
            key=lambda i: (running.get(self._waiting[i].client, 0), i),
        )
        return self._waiting.pop(best)

    def turn(self, client: str, wait_s: float) -> _Turn[T]:
        """A worker for ``client``'s request (``async with``); the caller returns it with
        :meth:`add` (or not)."""
        return _Turn(self, client, wait_s)

    def _admit(self, client: str) -> None:
        held = self._held.get(client, 0)
        if held >= self.per_client:
            raise AdmissionError(
                429, f"too many requests from {client}: {held} running or waiting (the limit)"
            )
        if not self.free and len(self._waiting) >= self.queue_limit:
            raise AdmissionError(503, f"server busy: {len(self._waiting)} requests already wait")
        self._held[client] = held + 1

    def _release(self, client: str, *, running: bool) -> None:
        if running:
            self._running[client] -= 1
            if not self._running[client]:
                del self._running[client]
        self._held[client] -= 1
        if not self._held[client]:
            del self._held[client]

    async def _wait(self, client: str, wait_s: float) -> T:
        if self.free and not self._waiting:
            self._running[client] = self._running.get(client, 0) + 1
            return self.free.pop()
        loop = asyncio.get_running_loop()
        waiter: _Waiter[T] = _Waiter(client, loop.create_future())
        self._waiting.append(waiter)
        # A timer on the future rather than ``asyncio.timeout`` (cheaper, on a hot path): when
        # it fires the waiter leaves the queue and its future holds a TimeoutError.
        timer = loop.call_later(wait_s, self._expire, waiter)
        try:
            return await waiter.future
        except BaseException as exc:
            future = waiter.future
            if waiter in self._waiting:
                self._waiting.remove(waiter)
            elif future.done() and not future.cancelled() and future.exception() is None:
                self._running[client] -= 1  # granted, but the request is gone: pass it on
                self.add(future.result())
            if isinstance(exc, TimeoutError):
                raise AdmissionError(
                    503, f"server busy: no query worker came free within {wait_s:g} s"
                ) from exc
            raise
        finally:
            timer.cancel()

    def _expire(self, waiter: _Waiter[T]) -> None:
        if not waiter.future.done():
            self._waiting.remove(waiter)
            waiter.future.set_exception(TimeoutError())


class _Turn(Generic[T]):
    """One request's turn at a worker (a class rather than ``@asynccontextmanager``: this is
    on every request's path, and a generator-based context manager cost more)."""

    __slots__ = ("client", "dispatcher", "wait_s")

    def __init__(self, dispatcher: Dispatcher[T], client: str, wait_s: float) -> None:
        self.dispatcher = dispatcher
        self.client = client
        self.wait_s = wait_s

    async def __aenter__(self) -> T:
        self.dispatcher._admit(self.client)
        try:
            return await self.dispatcher._wait(self.client, self.wait_s)
        except BaseException:
            self.dispatcher._release(self.client, running=False)
            raise

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.dispatcher._release(self.client, running=True)
