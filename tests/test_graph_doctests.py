"""The examples in the graph modules' docstrings are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["iri", "rdf_text", "rdf_amounts", "turtle", "triples"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"policykg.graph.{name}")
    failed, attempted = doctest.testmod(module)
    assert attempted > 0 and failed == 0
