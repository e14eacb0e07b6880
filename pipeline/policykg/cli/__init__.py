"""The ``policykg`` command line: one module per group of verbs, all registered on one app.

The console script enters through ``policykg.launch``, which starts the workers' fork server for
``policykg build --jobs N`` before this package is imported.
"""

from policykg.cli import (  # noqa: F401  (importing registers the commands)
    bench_cmd,
    eval_cmd,
    extract_cmd,
    gold_cmd,
    graph_cmd,
    serve_cmd,
    viz_cmd,
)
from policykg.cli.app import app, main

__all__ = ["app", "main"]
