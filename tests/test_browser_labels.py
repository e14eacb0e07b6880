"""Names readable at first draw, measured in headless Debian chromium (network blocked): the
top-20 nodes by importance carry a label whose rendered font is at least 12 px, no two label
boxes overlap, and zooming in shows more names. Screenshots go to out/screenshots/."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykg.views import render_view

pytestmark = pytest.mark.browser


def _load_browser_helpers() -> Any:
    path = Path(__file__).with_name("test_browser_views.py")
    spec = importlib.util.spec_from_file_location("policykg_browser_views", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HELPERS = _load_browser_helpers()
browser = HELPERS.browser
TOP = 20

# Every label element the page shows, as the browser laid it out: rank, text, box, font size.
READ_LABELS = """() => Array.from(document.querySelectorAll('#labels .node-label'))
  .filter(e => !e.hidden)
  .map(e => { const r = e.getBoundingClientRect();
    return {rank: Number(e.dataset.rank), text: e.textContent,
            box: [r.left, r.top, r.right, r.bottom],
            px: parseFloat(getComputedStyle(e).fontSize)}; })"""


@pytest.fixture()
def watched(browser: Any) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    yield HELPERS.Watched(page)
    page.close()


def zoom(page: Any, factor: float) -> None:
    """Zoom by ``factor`` and wait until the frame after it is drawn (labels follow each frame)."""
    page.evaluate(
        """(factor) => new Promise(done => {
        network.once('afterDrawing', () => setTimeout(done, 0));
        network.moveTo({scale: network.getScale() * factor, animation: false}); })""",
        factor,
    )


def overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of labels whose rendered boxes share any area."""
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            if al < br and bl < ar and at < bb and bt < ab:
                found.append((a["text"], b["text"]))
    return found


def first_draw(watched: Any, page_html: str, tmp_path: Path, name: str) -> list[dict[str, Any]]:
    HELPERS._open_network(watched, page_html, tmp_path, name)
    labels: list[dict[str, Any]] = watched.page.evaluate(READ_LABELS)
    HELPERS.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(HELPERS.SCREENSHOTS / f"{name}_first_draw.png"))
    return labels


def check_readable(labels: list[dict[str, Any]], node_count: int) -> None:
    top = [lab for lab in labels if lab["rank"] < TOP]
    assert len(top) == min(TOP, node_count), sorted(lab["rank"] for lab in top)
    assert all(lab["px"] >= 12 for lab in top)
    inside = [lab for lab in labels if lab["box"][0] >= 230]  # right of the filter column
    assert len(inside) == len(labels)
    assert overlapping(labels) == []


def test_seed_company_projects_opens_with_names_readable(
    watched: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    graph_path = request.getfixturevalue("seed_build").graph_path
    page_html = render_view(graph_path, "company_projects")
    labels = first_draw(watched, page_html, tmp_path, "company_projects")
    node_count = watched.page.evaluate("network.body.data.nodes.length")
    check_readable(labels, node_count)
    firms_and_projects = watched.page.evaluate(
        """(ids) => network.body.data.nodes.get(ids).filter(n =>
        n.type === 'Enterprise' || n.type === 'Project').length""",
        [lab["id"] for lab in watched.page.evaluate("policykg.labels()")],
    )
    assert firms_and_projects >= 40
    before = len(labels)
    zoom(watched.page, 2.5)
    assert len(watched.page.evaluate(READ_LABELS)) > 0
    watched.page.evaluate("network.fit({animation: false})")
    zoom(watched.page, 0.5)
    assert len(watched.page.evaluate(READ_LABELS)) < before  # zoomed out: fewer names fit
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)


@pytest.mark.parametrize("name", ["abbreviations", "overview"])
def test_other_seed_views_open_with_names_readable(
    watched: Any, tmp_path: Path, request: pytest.FixtureRequest, name: str
) -> None:
    graph_path = request.getfixturevalue("seed_build").graph_path
    labels = first_draw(watched, render_view(graph_path, name), tmp_path, name)
    check_readable(labels, watched.page.evaluate("network.body.data.nodes.length"))
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)


def test_selection_labels_the_neighbours_first(watched: Any, tmp_path: Path) -> None:
    source = HELPERS.SAMPLE.sample_graph()
    HELPERS._open_network(watched, render_view(source, "company_projects"), tmp_path, "cp")
    page = watched.page
    page.fill("#search", HELPERS.SAMPLE.GAOYI)
    page.press("#search", "Enter")
    selected = page.evaluate("network.getSelectedNodes()[0]")
    near = set(page.evaluate(f"network.getConnectedNodes({selected!r})")) | {selected}
    shown = {lab["id"] for lab in page.evaluate("policykg.labels()")}
    assert shown == near
    assert page.inner_text("#labels .node-label.center") == HELPERS.SAMPLE.GAOYI
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)
