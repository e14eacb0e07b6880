"""The fork server the build's worker processes are forked from (``build.pool``), and starting it
as the command line starts, before it imports anything else.

The server imports ``build.warm``, which builds the NLP pipeline (≈ 0.9 s with jieba's
dictionary from the user's cache, ``text.dictionary``; 1.25–1.35 s parsing it). ``policykg build
--jobs N`` starts it first thing (:func:`start_for`, called by ``policykg.launch`` before it
imports its commands), so that it builds while this process imports the command line (≈ 0.35 s)
and reads the documents (≈ 0.45 s); the build itself then finds it running. Only the standard library is
imported here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from multiprocessing.context import BaseContext

HAS_FORKSERVER = "forkserver" in multiprocessing.get_all_start_methods()
PRELOAD = ["policykg.build.warm"]


def context() -> BaseContext:
    """Forked from a fork server that has the NLP pipeline built (if this process starts it);
    spawned where there is no fork server (Windows)."""
    if not HAS_FORKSERVER:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def start() -> None:
    """Start the fork server now, if there is one and it is not running."""
    if not HAS_FORKSERVER:
        return
    from multiprocessing import forkserver

    context()
    forkserver.ensure_running()


def jobs_asked(argv: Sequence[str]) -> int:
    """The ``--jobs`` of a ``policykg build`` command line (1 for any other command, for
    ``--dask`` and for ``--help``).

    >>> jobs_asked(["build", "--seeds", "s", "--jobs", "2"]), jobs_asked(["-v", "build", "-j2"])
    (2, 2)
    >>> jobs_asked(["build", "--jobs=3", "--dask", "processes"]), jobs_asked(["extract", "-j", "2"])
    (1, 1)
    >>> jobs_asked(["build", "--jobs=3"]), jobs_asked(["build", "-j", "2", "--help"])
    (3, 1)
    """
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    if command != "build" or any(
        a in ("--dask", "--help") or a.startswith("--dask=") for a in argv
    ):
        return 1
    jobs = "1"
    for arg, following in zip(argv, [*argv[1:], ""], strict=True):
        if arg in ("--jobs", "-j"):
            jobs = following
        elif arg.startswith("--jobs="):
            jobs = arg.removeprefix("--jobs=")
        elif arg.startswith("-j") and arg[2:].isdigit():
            jobs = arg[2:]
    return int(jobs) if jobs.isdigit() else 1


def start_for(argv: Sequence[str]) -> None:
    """Start the fork server if ``argv`` (without the program name) is a build on workers."""
    if jobs_asked(argv) > 1:
        start()
