"""Work a build's parent does in small steps while it only waits for its workers.

Under ``--jobs N`` the parent spends the graph stage's last passes (the document parts, the
other parts' checks) waiting for answers, with both cores busy on the workers' side; before this,
it then wrote ``extraction.jsonl`` alone, with the workers gone. :class:`IdleWork` holds such
work as an iterator of steps (each a few milliseconds: the pool looks for answers between two
steps, so the workers are never kept waiting longer); :meth:`IdleWork.finish` runs what is left
(all of it in a one-process build). No thread: a second thread would hold the interpreter's
lock against the one that feeds the workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO

LINES_PER_STEP = 100  # ≈ 1 ms of extraction.jsonl


class IdleWork:
    """Work split into steps, run one step at a time (:meth:`step`) or to the end
    (:meth:`finish`)."""

    def __init__(self, steps: Iterable[object]) -> None:
        self._steps: Iterator[object] | None = iter(steps)

    @property
    def done(self) -> bool:
        """Whether every step has run."""
        return self._steps is None

    def step(self) -> None:
        """Run the next step (nothing once every step has run)."""
        if self._steps is not None and next(self._steps, _END) is _END:
            self._steps = None

    def finish(self) -> None:
        """Run every step that is left."""
        while not self.done:
            self.step()


_END = object()


def lines_written(
    out: IO[str], lines: Iterable[str], per_step: int = LINES_PER_STEP
) -> Iterator[int]:
    """Write ``lines`` (each with or without its newline) to ``out``, ``per_step`` lines at a
    time; yields the number of lines written so far after each step."""
    written = 0
    iterator = iter(lines)
    while chunk := list(islice(iterator, per_step)):
        out.writelines(line.rstrip("\n") + "\n" for line in chunk)
        written += len(chunk)
        yield written
