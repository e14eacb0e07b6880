"""The parent's side of an update: run it in a writer process, under the time limit."""

from __future__ import annotations

from multiprocessing.context import BaseContext
from pathlib import Path

from policykg.server.procs import main_script_hidden
from policykg.server.worker import WorkerReply, error_reply, update_main


def apply_update(
    ctx: BaseContext, snapshot: Path, target: Path, text: str, timeout_s: float
) -> WorkerReply:
    """Check and apply ``text`` to ``snapshot`` in a child process that writes ``target``.

    The child runs the guard first (LOAD and SERVICE refused), so the parse is under the time
    limit too; a child still running after ``timeout_s`` is killed and the update answered 503.
    """
    parent_end, child_end = ctx.Pipe()  # type: ignore[attr-defined]
    writer = ctx.Process(  # type: ignore[attr-defined]
        target=update_main, args=(str(snapshot), str(target), child_end, text), daemon=True
    )
    with main_script_hidden():
        writer.start()
    child_end.close()
    try:
        if not parent_end.poll(timeout_s):
            return error_reply(503, f"update cancelled after the {timeout_s:g} s time limit")
        reply: WorkerReply = parent_end.recv()
        writer.join(timeout_s)
        return reply
    except (EOFError, OSError):
        return error_reply(503, "the update process died; the graph is unchanged")
    finally:
        if writer.is_alive():
            writer.kill()
            writer.join(5)
        parent_end.close()
