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


def test_what_is_built_to_last_is_built_with_a_higher_threshold_then_frozen() -> None:
    code = (
        "import gc\n"
        "from policykg.build.collector import BUILDING_THRESHOLD, built_to_last\n"
        "before = gc.get_threshold()\n"
        "seen = []\n"
        "value = built_to_last(lambda: seen.append((gc.isenabled(), gc.get_threshold())) or 'nlp')\n"
        "assert value == 'nlp' and seen == [(True, BUILDING_THRESHOLD)]\n"
        "assert gc.get_threshold() == before and gc.get_freeze_count() > 0\n"
        "gc.unfreeze()\n"
        "try:\n"
        "    built_to_last(lambda: 1 / 0)\n"
        "except ZeroDivisionError:\n"
        "    pass\n"
        "assert gc.get_threshold() == before and gc.get_freeze_count() > 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_results_received_from_workers_are_frozen_until_the_stage_ends() -> None:
    code = (
        "import gc\n"
        "from policykg.build.collector import keep_received, unscanned\n"
        "with unscanned():\n"
        "    results = [[i] for i in range(1000)]\n"
        "    keep_received()\n"
        "    assert gc.is_tracked(results) and gc.get_freeze_count() >= 1001\n"
        "assert gc.get_freeze_count() == 0 and gc.isenabled()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
