"""Shared fixtures: the seed corpus read, extracted and built once per test session.

The only conftest. Area-specific fixtures live in the area's test modules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policykg.paths import data_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return data_dir("seeds")


@pytest.fixture(scope="session")
def seed_batch(seeds_dir: Path) -> Any:
    from policykg.text.sources import read_batch

    batch = read_batch([seeds_dir])
    assert len(batch.docs) == 5 and not batch.failures
    return batch


@pytest.fixture(scope="session")
def nlp() -> Any:
    from policykg.nlp.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def seed_extraction(seed_batch: Any, nlp: Any) -> Any:
    from policykg.nlp.extract import extract_batch

    return extract_batch(seed_batch, nlp=nlp)


@pytest.fixture(scope="session")
def seed_build(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The full build of seeds/ (graph.ttl and its artifacts) in a temporary out/ folder."""
    from policykg.build.run import build

    return build(seeds_dir, tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="session")
def seed_graph(seed_build: Any) -> Any:
    """The seed graph as an rdflib Graph."""
    return seed_build.graph


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
