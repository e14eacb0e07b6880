"""How the build sets Python's cyclic garbage collector for the stages after extraction.

Those stages make millions of short-lived tuples while millions of long-lived objects (the IR)
stay alive: left as it is, the collector walks the IR again on each full collection and runs a
young collection every 700 new objects.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

YOUNG_THRESHOLD = 20_000  # new container objects between two young collections (Python: 700)
BUILDING_THRESHOLD = (100_000, 50, 100)  # while the pipeline is built (Python: 700, 10, 10)


@contextmanager
def unscanned(*, young: int = YOUNG_THRESHOLD) -> Iterator[None]:
    """The objects alive now (the IR: millions of them, kept to the end) frozen out of the
    cyclic garbage collector's sight while the graph is written: the parts make millions of
    short-lived tuples, and each full collection would walk the IR again (half the time of
    writing the corpus graph went to it). Resolution runs so too (0.15–0.17 s less of
    0.6–1.1 s on the corpus). The young generation is also collected less often
    (:data:`YOUNG_THRESHOLD`, the collector still on): the corpus graph stage in one process
    took 2.91–2.95 s instead of 3.31–3.45 s (three runs each; 2.75–2.84 s with the collector
    off). pyshacl makes an rdflib graph per part, and those are freed by the collector: with
    ``--validator pyshacl`` the build keeps Python's threshold (``young=0``; raised, its peak
    memory on the corpus grew from 390 to 546 MB)."""
    threshold = _freeze_and_raise(young)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _freeze_and_raise(young: int) -> tuple[int, ...]:
    """Freeze what is alive now, collect the young generation every ``young`` new objects at
    least; returns the thresholds it replaced."""
    gc.freeze()
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], young), *threshold[1:])
    return threshold


@lru_cache(maxsize=1)
def for_graph_tasks() -> None:
    """In a worker process, on its first graph task (once: the cache): what it holds now (the
    NLP pipeline) frozen and the young threshold raised, for the rest of its life (it only
    makes, writes and checks parts from then on)."""
    _freeze_and_raise(YOUNG_THRESHOLD)


def built_to_last(build: Callable[[], T]) -> T:
    """``build()`` (the NLP pipeline: built once, kept for the life of the process) with the
    collector run less often (:data:`BUILDING_THRESHOLD`), and what is alive then frozen out of
    its sight.

    Building the pipeline allocates hundreds of thousands of objects (jieba's dictionary alone
    is 349,000 entries): the collector ran 777 times, 0.15–0.16 s of the 1.34–1.41 s it took in
    the fork server, which is what the workers of ``build --jobs N`` wait for; with the higher
    threshold, 0.08 s of 1.25–1.33 s, at the same peak memory (paused altogether, 0 s of
    1.15–1.20 s but 10 MB more: the garbage of the build is not reused). Frozen, the pipeline
    is not walked again by later collections, nor, in a worker forked from the fork server,
    written to by them (which would copy its pages): the workers' collector time on the corpus
    fell from 0.4–1.0 s to 0.14–0.18 s each. :func:`unscanned` unfreezes everything when it
    ends."""
    threshold = gc.get_threshold()
    gc.set_threshold(
        *(max(old, new) for old, new in zip(threshold, BUILDING_THRESHOLD, strict=True))
    )
    try:
        return build()
    finally:
        gc.freeze()
        gc.set_threshold(*threshold)


def keep_received() -> None:
    """Freeze what is alive now: called by a process that only receives results from others
    and keeps them (the parent of ``build --jobs N`` while the workers extract), after each
    result, so that the collector does not walk the results again and again as they pile up
    (0.37 s of the parent's time on the corpus, taken from the workers' two cores). Undone by
    the end of the :func:`unscanned` block around it. The objects made since the last call are
    collected first (the young generations only: the last result and whatever garbage came
    with it), so that no garbage is frozen with the results."""
    gc.collect(1)
    gc.freeze()
