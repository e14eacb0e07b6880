"""Starting child processes cleanly: from a fork server, without re-running ``__main__``."""

from __future__ import annotations

import multiprocessing as mp
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext

_START_LOCK = threading.Lock()


@contextmanager
def main_script_hidden() -> Iterator[None]:
    """Start a child without making it re-run the parent's ``__main__`` script.

    Workers need only ``policykg.server.worker``; re-running the ``policykg`` console script
    in each child imports the whole CLI (spaCy included) and made start-up ~10x slower.
    """
    with _START_LOCK:
        main = sys.modules.get("__main__")
        path = getattr(main, "__file__", None)
        if main is None or path is None:
            yield
            return
        del main.__file__
        try:
            yield
        finally:
            main.__file__ = path


def default_context() -> BaseContext:
    """Workers are forked from a clean fork server (the HTTP server itself runs threads)."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["policykg.server.worker"])
    return ctx
