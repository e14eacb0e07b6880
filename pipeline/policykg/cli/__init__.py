"""The ``policykg`` command line: one module per group of verbs, all registered on one app.

``policykg build --jobs N`` starts the workers' fork server before anything else is imported
(``build.fork_server``): it builds the NLP pipeline while the commands are imported.
"""

import multiprocessing
import sys

from policykg.build import fork_server

# The console script, not a worker process, which imports it again with the same argv while it
# starts (``_inheriting``: the flag by which multiprocessing refuses to start a process then).
_worker = getattr(multiprocessing.current_process(), "_inheriting", False)
if sys.argv[0].endswith("policykg") and not _worker and multiprocessing.parent_process() is None:
    fork_server.start_for(sys.argv[1:])

from policykg.cli import (  # noqa: E402, F401  (importing registers the commands)
    bench_cmd,
    eval_cmd,
    extract_cmd,
    gold_cmd,
    graph_cmd,
    serve_cmd,
    viz_cmd,
)
from policykg.cli.app import app, main  # noqa: E402

__all__ = ["app", "main"]
