"""Who gets the next free worker: per-client and queue limits, and fair turns between clients."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

import pytest

from policykg.server.limits import AdmissionError, Dispatcher


async def hold(
    dispatcher: Dispatcher[str], client: str, order: list[str], wait_s: float = 5
) -> None:
    async with dispatcher.turn(client, wait_s) as worker:
        order.append(client)
        await asyncio.sleep(0.01)
        dispatcher.add(worker)


def test_a_busy_client_goes_behind_the_others() -> None:
    """Client A holds the only worker and queued first; B, queued later, is served before A."""

    async def scenario() -> list[str]:
        dispatcher: Dispatcher[str] = Dispatcher(per_client=8, queue_limit=8)
        dispatcher.add("w1")
        order: list[str] = []
        async with dispatcher.turn("A", 5) as worker:
            a_again = asyncio.create_task(hold(dispatcher, "A", order))
            await asyncio.sleep(0)
            b = asyncio.create_task(hold(dispatcher, "B", order))
            await asyncio.sleep(0)
            # A still runs one query: B (none running) gets the worker first
            dispatcher.add(worker)
            await asyncio.gather(a_again, b)
        return order

    assert asyncio.run(scenario()) == ["B", "A"]


def test_per_client_and_queue_limits_answer_at_once() -> None:
    async def scenario() -> tuple[int, int]:
        dispatcher: Dispatcher[str] = Dispatcher(per_client=2, queue_limit=1)
        dispatcher.add("w1")
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(dispatcher.turn("A", 5))
            waiting = asyncio.create_task(hold(dispatcher, "A", []))
            await asyncio.sleep(0)
            with pytest.raises(AdmissionError) as too_many:
                await stack.enter_async_context(dispatcher.turn("A", 5))
            with pytest.raises(AdmissionError) as queue_full:
                await stack.enter_async_context(dispatcher.turn("B", 5))
            waiting.cancel()
        return too_many.value.status, queue_full.value.status

    assert asyncio.run(scenario()) == (429, 503)


def test_a_wait_past_the_limit_is_503_and_leaves_no_trace() -> None:
    async def scenario() -> tuple[int, int, list[str]]:
        dispatcher: Dispatcher[str] = Dispatcher(per_client=4, queue_limit=4)
        dispatcher.add("w1")
        async with dispatcher.turn("A", 5) as worker:
            with pytest.raises(AdmissionError) as busy:
                async with dispatcher.turn("B", 0.05):
                    pass
            dispatcher.add(worker)
        return busy.value.status, dispatcher.waiting, dispatcher.free

    assert asyncio.run(scenario()) == (503, 0, ["w1"])


def test_a_cancelled_waiter_does_not_swallow_the_worker() -> None:
    async def scenario() -> list[str]:
        dispatcher: Dispatcher[str] = Dispatcher(per_client=4, queue_limit=4)
        dispatcher.add("w1")
        order: list[str] = []
        async with dispatcher.turn("A", 5) as worker:
            gone = asyncio.create_task(hold(dispatcher, "B", order))
            later = asyncio.create_task(hold(dispatcher, "C", order))
            await asyncio.sleep(0)
            gone.cancel()
            dispatcher.add(worker)
            await asyncio.gather(gone, later, return_exceptions=True)
        return order

    assert asyncio.run(scenario()) == ["C"]
