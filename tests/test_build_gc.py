"""The graph stage runs with the IR frozen out of the collector's sight and the young
generation collected less often (``build.write_graph.unscanned``); both are undone after."""

from __future__ import annotations

import gc

import pytest

from policykg.build.write_graph import YOUNG_THRESHOLD, unscanned


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
