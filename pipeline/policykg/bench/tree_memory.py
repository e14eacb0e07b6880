"""The peak resident memory of a process and of every process below it, sampled from ``/proc``.

``wait4`` reports the largest peak among the children a process waited for; processes it never
waits for (a fork server's workers, which are its grandchildren) are not in it. A
:class:`TreePeak` reads the kernel's own per-process peak (``VmHWM``) of every process in the
tree a few times a second while the command runs, so a worker that lives until the end of its
work is counted. Linux only; elsewhere it samples nothing.
"""

from __future__ import annotations

import threading
from pathlib import Path

PROC = Path("/proc")


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (as far as ``/proc`` shows them now)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in (PROC / str(current) / "task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def peak_kib(pid: int) -> int:
    """The kernel's peak resident set (``VmHWM``) of ``pid``, in KiB; 0 if it is gone."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreePeak:
    """Samples the largest per-process peak of a process tree until :meth:`stop`."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in descendants(self.pid):
                self.kib = max(self.kib, peak_kib(pid))
            self._stop.wait(self.interval)
