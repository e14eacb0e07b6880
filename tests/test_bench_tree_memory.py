"""The corpus bench counts the memory of processes the command never waits for (the workers of
a fork server are its grandchildren)."""

from __future__ import annotations

import os
import subprocess
import sys

from policykg.bench.tree_memory import TreePeak, descendants, peak_kib

# A parent that starts a child holding 600 MB and exits without ever waiting for it.
PARENT = """
import subprocess, sys, time
subprocess.Popen([sys.executable, "-c", "x = bytearray(600_000_000); import time; time.sleep(3)"])
time.sleep(2)
"""


def test_a_grandchild_that_is_never_waited_for_is_counted() -> None:
    proc = subprocess.Popen([sys.executable, "-c", PARENT])
    with TreePeak(proc.pid, interval=0.05) as tree:
        _, _, usage = os.wait4(proc.pid, 0)
    # wait4 sees the parent alone (its peak may include the copy of this process it was forked
    # from, before it started Python): the 600 MB of the child it never waited for are not in it.
    assert tree.kib > 590_000
    assert tree.kib > usage.ru_maxrss + 300_000


def test_this_process_is_in_its_own_tree_with_its_peak() -> None:
    assert descendants(os.getpid())[0] == os.getpid()
    assert peak_kib(os.getpid()) > 0
    assert peak_kib(2**22 + 12345) == 0  # no such process
