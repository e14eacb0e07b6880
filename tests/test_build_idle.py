"""Idle work (``policykg.build.idle``): a build's parent writes ``extraction.jsonl`` in small
steps while it waits for its workers, with the same bytes as written at once."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from policykg.build.idle import IdleWork, lines_written
from policykg.build.pool import Workers
from policykg.build.report import lines_in_steps, staged_outputs
from policykg.build.stages import Stages


def counted(steps: int, log: list[int]) -> Iterator[int]:
    for step in range(steps):
        log.append(step)
        yield step


def test_steps_run_one_at_a_time_then_finish_runs_the_rest() -> None:
    log: list[int] = []
    work = IdleWork(counted(5, log))
    assert not work.done and log == []  # nothing runs before it is asked
    work.step()
    work.step()
    assert log == [0, 1] and not work.done
    work.finish()
    assert log == [0, 1, 2, 3, 4] and work.done
    work.step()  # nothing left: no error
    assert log == [0, 1, 2, 3, 4]


def test_lines_are_written_in_steps_with_one_newline_each() -> None:
    out = io.StringIO()
    lines = [f'{{"n": {i}}}' + ("\n" if i % 2 else "") for i in range(250)]
    written = list(lines_written(out, lines, per_step=100))
    assert written == [100, 200, 250]
    assert out.getvalue() == "".join(line.rstrip("\n") + "\n" for line in lines)


def test_lines_in_steps_write_the_same_bytes_as_at_once(tmp_path: Path) -> None:
    lines = ['{"label": "高义钢铁"}', "{}\n", "[1, 2]"]
    with lines_in_steps(tmp_path / "x.jsonl", lines) as work:
        work.step()
    assert (tmp_path / "x.jsonl").read_bytes() == "".join(
        line.rstrip("\n") + "\n" for line in lines
    ).encode("utf-8")


def test_lines_in_steps_leave_nothing_when_the_block_raises(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), lines_in_steps(tmp_path / "x.jsonl", ["{}"]) as work:
        work.step()
        raise RuntimeError("the graph did not validate")
    assert list(tmp_path.iterdir()) == []


def test_staged_outputs_appear_together_or_not_at_all(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), staged_outputs(out) as staged:
        staged.path("build.json").write_text("{}")
        raise RuntimeError("stopped")
    assert not (out / "build.json").exists()
    assert [p.name for p in out.iterdir()] == []  # the staging folder is gone too
    with staged_outputs(out) as staged:
        staged.path("build.json").write_text("{}")
        staged.path("graph.ttl").write_text("")
    assert sorted(p.name for p in out.iterdir()) == ["build.json", "graph.ttl"]


class SlowWorkers(Workers):
    """Workers whose answers come back a little later, from a timer thread."""

    def __init__(self) -> None:
        super().__init__(Stages(list, lambda doc, nlp: None, lambda r: ((), ()), iter), 2)  # type: ignore[arg-type]

    def _submit(self, task: Callable[[Any], Any], item: Any) -> Future[Any]:
        future: Future[Any] = Future()
        threading.Timer(0.005, lambda: future.set_result(task(item))).start()
        return future


def sleepy(steps: list[int]) -> Iterator[None]:
    while True:
        steps.append(1)
        time.sleep(0.001)
        yield


def test_the_pool_runs_idle_steps_only_inside_meanwhile_and_still_gets_every_answer() -> None:
    workers = SlowWorkers()
    steps: list[int] = []
    work = IdleWork(sleepy(steps))
    answers: dict[int, int] = {}

    def done(index: int, future: Future[int]) -> None:
        answers[index] = future.result()

    workers.run(lambda x: x * 2, list(range(10)), done)
    assert steps == []  # no idle work outside the block
    with workers.meanwhile(work):
        workers.run(lambda x: x * 3, list(range(30)), done)
    assert answers == {i: i * 3 for i in range(30)}
    assert steps  # it waited, so it stepped
    count = len(steps)
    workers.run(lambda x: x, list(range(5)), done)
    assert len(steps) == count  # the block is over


def test_idle_work_that_ends_leaves_the_pool_waiting_as_before() -> None:
    workers = SlowWorkers()
    log: list[int] = []
    work = IdleWork(counted(2, log))
    answers: dict[int, int] = {}

    def done(index: int, future: Future[int]) -> None:
        answers[index] = future.result()

    with workers.meanwhile(work):
        workers.run(lambda x: x + 1, list(range(20)), done)
    assert log == [0, 1] and work.done
    assert answers == {i: i + 1 for i in range(20)}
