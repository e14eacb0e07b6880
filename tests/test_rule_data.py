"""Rule data is declared without spaCy and reaches spaCy's registry when the pipeline is built;
the parent of a ``--jobs N`` build (reading, resolving, writing) never imports spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from policykg.nlp import rule_data

PARENT_PATH = """
import sys
from policykg.build.run import nlp_stages
from policykg.graph.rdf import GraphParts
from policykg.text.sources import read_batch
stages = nlp_stages()
results = []
print(stages.resolve(results), "spacy" in sys.modules)
"""


def test_the_build_parent_resolves_without_importing_spacy() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PARENT_PATH], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "((), ()) False"


def test_every_name_in_the_config_is_declared_and_registered() -> None:
    import spacy

    from policykg.nlp.pipeline import build_nlp, default_config

    build_nlp()
    named = {
        value["@misc"]
        for component in default_config()["components"].values()
        for value in component.values()
        if isinstance(value, dict) and "@misc" in value
    }
    assert named and named <= set(rule_data.declared())
    for name in named:
        assert spacy.registry.misc.get(name) is rule_data.declared()[name]


def test_a_name_declared_twice_is_refused() -> None:
    name = next(iter(rule_data.declared()))
    with pytest.raises(ValueError, match="declared twice"):
        rule_data.rule_data(name)(lambda: None)


def test_the_fork_servers_module_builds_the_pipeline_once() -> None:
    import importlib

    from policykg.build import warm
    from policykg.nlp.entry import make_nlp

    importlib.reload(warm)  # what the fork server runs
    assert make_nlp.cache_info().currsize == 1
    assert make_nlp() is make_nlp()
