"""Leaving the process without tearing down what is still alive, once a command has written
and closed everything it writes.

A build ends with millions of objects alive (the documents, the resolved entities, the parent's
share of the graph): the interpreter's teardown frees them one by one and walks them once more
with the garbage collector, 0.3–0.4 s of a corpus build spent after the outputs were already in
place (from the line that says they were written to the end of the process). A command that is
done (``build``, ``extract``) raises :class:`Finished` with its exit status instead; the console
script (``policykg.launch``) then calls :func:`leave`, which still does what an exit must do:
the threads that keep the process alive are joined, the ``atexit`` handlers run (logging
flushes its handlers, multiprocessing stops its helpers, temporary folders are removed), stdout
and stderr are flushed; only the freeing of objects is skipped. Run in-process (tests,
``CliRunner``), :class:`Finished` is the ``SystemExit`` it derives from, nothing more.

A command may raise it only when no file it wrote is still open (an open file's buffer is
flushed when the object is freed, which :func:`leave` skips) and every process pool it started
is shut down (its manager thread is joined here).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn


class Finished(SystemExit):
    """The command is done and every output it writes is closed: the console script may leave
    without freeing the objects still alive (``SystemExit`` everywhere else)."""


def status_of(code: object) -> int:
    """The exit status of ``SystemExit(code)``, as the interpreter gives it (a message is
    printed to stderr by :func:`leave`, status 1).

    >>> status_of(None), status_of(0), status_of(3), status_of("no")
    (0, 0, 3, 1)
    """
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1


def leave(code: object) -> NoReturn:
    """Exit now with the status of ``SystemExit(code)``, after the threads, the ``atexit``
    handlers and the standard streams, without freeing the objects still alive."""
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not current and not thread.daemon:
            thread.join()
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or its reader went away
            stream.flush()
    os._exit(status_of(code))
