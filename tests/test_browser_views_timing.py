"""How long the main view takes: Python render and headless-chromium load, on the seed graph and
on synthetic graphs of growing size (one connected component: the layout's worst case).

A benchmark, outside the default run: ``pytest -m bench tests/test_browser_views_timing.py -s``.
Figures go to stdout and to out/bench/views_timing.json; nothing here asserts a speed.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from policykg.views import build_view, render_view, write_view

pytestmark = [pytest.mark.bench, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
OUT = Path(__file__).resolve().parents[1] / "out" / "bench" / "views_timing.json"
SIZES = (250, 500, 1000, 2000, 4000)
REPEATS = 3
KG = "https://w3id.org/policykg/def#"
ID = "https://w3id.org/policykg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def synthetic_store(nodes: int, seed: int = 1) -> ox.Store:
    """Enterprises undertake projects, projects are part of parks: one big component."""
    rng = random.Random(seed)
    parks = max(2, int(nodes**0.5) // 2)
    enterprises = (nodes - parks) // 3
    projects = nodes - parks - enterprises
    lines: list[str] = []

    def entity(kind: str, i: int, label: str) -> str:
        iri = f"<{ID}{kind.lower()}/{i}>"
        lines.append(f"{iri} <{RDF_TYPE}> <{KG}{kind}> .")
        lines.append(f'{iri} <{SKOS}prefLabel> "{label}"@zh .')
        return iri

    park_iris = [entity("Park", i, f"第{i}工业园区") for i in range(parks)]
    firm_iris = [entity("Enterprise", i, f"山西合成{i}号有限公司") for i in range(enterprises)]
    for i in range(projects):
        project = entity("Project", i, f"年产{i}万吨合成材料项目")
        lines.append(f"{rng.choice(firm_iris)} <{KG}undertakes> {project} .")
        lines.append(f"{project} <{KG}partOf> {rng.choice(park_iris)} .")
    store = ox.Store()
    store.bulk_load("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 860})
        tab.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        yield tab
        browser.close()


def measure(page: Any, store: ox.Store, tmp: Path) -> dict[str, float | int]:
    """Median seconds to render in Python, to draw in chromium, and to select the top node."""
    renders, loads, selects = [], [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        html = render_view(store, "company_projects")
        renders.append(time.perf_counter() - t0)
        path = write_view(html, tmp / "view.html")
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.policykg && window.policykg.ready", timeout=300_000)
        loads.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        page.evaluate("policykg.selectNode(network.body.data.nodes.getIds()[0])")
        selects.append(time.perf_counter() - t0)
    count = page.evaluate("network.body.data.nodes.length")
    return {
        "nodes": count,
        "html_bytes": len(html.encode("utf-8")),
        "render_s": round(statistics.median(renders), 3),
        "browser_load_s": round(statistics.median(loads), 3),
        "select_s": round(statistics.median(selects), 3),
    }


def test_main_view_timing(page: Any, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    results: dict[str, Any] = {"repeats": REPEATS, "synthetic": []}
    seed = request.getfixturevalue("seed_build").graph_path
    store = ox.Store()
    store.bulk_load(path=str(seed), format=ox.RdfFormat.TURTLE)
    results["seed"] = measure(page, store, tmp_path)
    expected = build_view(store, "company_projects").graph.number_of_nodes()
    assert results["seed"]["nodes"] == expected
    for size in SIZES:
        synthetic = synthetic_store(size)
        row = measure(page, synthetic, tmp_path)
        view = build_view(synthetic, "company_projects")
        assert row["nodes"] == view.graph.number_of_nodes()
        row["nodes_in_graph"] = view.total_nodes
        results["synthetic"].append(row)
        print(json.dumps(row))
    print(json.dumps(results["seed"]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
