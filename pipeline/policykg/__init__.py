"""policykg: a knowledge graph of what Chinese local-government documents talk about.

From Python (a notebook, say)::

    import policykg
    records = policykg.extract("推动高义钢铁实施年产200万吨精品板带项目。")
    graph = policykg.build_graph("seeds", "out")    # or policykg.open_graph("out/graph.ttl")
    graph.query("enterprise-projects")                # a saved query, or SPARQL text
    graph.view("ego", entity="高义钢铁", hops=1)      # drawn inline in Jupyter

The functions live in ``policykg.api`` and are imported on first use, so ``import policykg``
(and the command line) stays quick.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Graph", "View", "build_graph", "extract", "open_graph", "saved_queries"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from policykg import api

        return getattr(api, name)
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
