"""``Workers.run`` (``policykg.build.pool``): every item once, largest first, and no more than
``IN_FLIGHT`` tasks per worker out at a time, each prepared only when it is sent."""

from __future__ import annotations

import doctest
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pytest

from policykg.build import fork_server, pool
from policykg.build.pool import Workers
from policykg.build.stages import Stages


class InlineWorkers(Workers):
    """Workers that run a task at once in this process, counting the tasks out."""

    def __init__(self, jobs: int) -> None:
        super().__init__(Stages(list, lambda doc, nlp: None, lambda r: ((), ()), iter), jobs)  # type: ignore[arg-type]
        self.out = 0
        self.most = 0
        self.sent: list[Any] = []

    def _submit(self, task: Callable[[Any], Any], item: Any) -> Future[Any]:
        self.out += 1
        self.most = max(self.most, self.out)
        self.sent.append(item)
        future: Future[Any] = Future()
        future.set_result(task(item))
        return future


def test_run_sends_a_bounded_window_largest_first_and_each_item_once() -> None:
    workers = InlineWorkers(2)
    items = list(range(50))
    prepared: list[int] = []
    answers: dict[int, int] = {}

    def prepare(item: int) -> int:
        prepared.append(item)
        return item * 10

    def done(index: int, future: Future[int]) -> None:
        workers.out -= 1
        assert index not in answers
        answers[index] = future.result()

    workers.run(lambda x: x + 1, items, done, size=lambda item: item, prepare=prepare)
    assert answers == {i: i * 10 + 1 for i in items}
    assert prepared == sorted(items, reverse=True)  # largest first, each prepared once
    assert workers.most == pool.IN_FLIGHT * workers.jobs  # the window fills, never more


def test_without_a_fork_server_the_workers_are_spawned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork_server, "HAS_FORKSERVER", False)
    assert fork_server.context().get_start_method() == "spawn"
    pool.Workers(Stages(list, lambda doc, nlp: None, lambda r: ((), ()), iter), 2).warm_up()  # type: ignore[arg-type]
    monkeypatch.setattr(fork_server, "HAS_FORKSERVER", True)
    assert fork_server.context().get_start_method() == "forkserver"


def test_the_command_line_names_the_builds_that_start_the_fork_server_early() -> None:
    failed, attempted = doctest.testmod(fork_server)
    assert attempted > 0 and failed == 0
    assert fork_server.jobs_asked(["build", "--seeds", "build", "-j", "x"]) == 1
    assert fork_server.jobs_asked([]) == 1


def test_the_console_script_enters_through_launch_which_imports_nothing_by_itself() -> None:
    # A fork server imports the console script again as its main module: that import must not
    # load the command line nor start anything (the script's top level imports only launch).
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "policykg"]
    assert script.value == "policykg.launch:main"
    code = (
        "import sys, multiprocessing, policykg.launch\n"
        "assert 'policykg.cli' not in sys.modules and 'policykg.build' not in sys.modules\n"
        "assert not multiprocessing.active_children()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


class Recorded:
    """A stand-in for the process pool that records what is submitted to it."""

    def __init__(self, broken: bool = False) -> None:
        self.calls: list[Callable[[], object]] = []
        self.broken = broken

    def submit(self, task: Callable[[], object]) -> Future[object]:
        if self.broken:
            from concurrent.futures.process import BrokenProcessPool

            raise BrokenProcessPool("a worker died")
        self.calls.append(task)
        return Future()


def test_send_each_sends_a_task_per_worker_without_waiting_and_a_broken_pool_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from policykg.build.doc_parts import ready_worker

    workers = InlineWorkers(3)
    recorded = Recorded()
    monkeypatch.setattr(workers, "pool", lambda: recorded)
    workers.send_each(ready_worker)
    assert recorded.calls == [ready_worker] * 3
    broken = Recorded(broken=True)
    monkeypatch.setattr(workers, "pool", lambda: broken)
    workers.send_each(ready_worker)  # the real tasks will meet the broken pool and say so
    ready_worker()  # here too: it reads and compiles the shapes, and can run again
    ready_worker()
