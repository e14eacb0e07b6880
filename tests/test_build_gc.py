"""The graph stage runs with the IR frozen out of the collector's sight and the young
generation collected less often (``build.collector.unscanned``); both are undone after."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from policykg.build.collector import YOUNG_THRESHOLD, unscanned


def test_the_collector_is_set_back_as_it_was() -> None:
    before = gc.get_threshold()
    with unscanned():
        assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_collector_is_set_back_when_the_stage_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), unscanned():
        raise RuntimeError("stage failed")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_worker_sets_its_collector_once_for_its_graph_tasks() -> None:
    code = (
        "import gc\n"
        "from policykg.build.collector import YOUNG_THRESHOLD, for_graph_tasks\n"
        "for_graph_tasks(); frozen = gc.get_freeze_count(); for_graph_tasks()\n"
        "assert gc.get_threshold()[0] == YOUNG_THRESHOLD and gc.isenabled()\n"
        "assert frozen > 0 and gc.get_freeze_count() == frozen\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
