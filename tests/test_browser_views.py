"""The views in headless Debian chromium (Playwright), with every non-file request aborted."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from policykg.views import build_view, render_view, write_view

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"


def _load_sample() -> Any:
    path = Path(__file__).with_name("test_views_sample.py")
    spec = importlib.util.spec_from_file_location("policykg_views_sample", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = _load_sample()


class Watched:
    """A page plus everything it said on the console, raised, alerted or tried to fetch."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def clean(self) -> bool:
        return not (self.errors or self.dialogs or self.blocked)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def watched(browser: Any) -> Iterator[Watched]:
    page = browser.new_page(viewport={"width": 1400, "height": 860})
    yield Watched(page)
    page.close()


def _open_network(watched: Watched, page_html: str, tmp_path: Path, name: str) -> None:
    watched.open(write_view(page_html, tmp_path / f"{name}.html"))
    watched.page.wait_for_function("window.policykg && window.policykg.ready", timeout=30_000)


def _click_node(watched: Watched, node: str) -> None:
    page = watched.page
    page.evaluate("network.fit({animation: false})")
    x, y = page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPosition(id));
        const r = document.getElementById('graph').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""",
        node,
    )
    page.mouse.click(x, y)


def _check_dimmed(page: Any, graph: Any, node: str) -> None:
    """The selected node's neighbours keep their colour; every other node is greyed."""
    near = set(graph.predecessors(node)) | set(graph.successors(node)) | {node}
    colours = page.evaluate(
        "Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.color.background]))"
    )
    assert all((colours[n] == "#e8e8e8") == (n not in near) for n in graph.nodes)


def check_company_projects(watched: Watched, graph: Any, name: str, shot: str) -> None:
    """Load, count, search ``name``, see its projects, click it, see its source sentence."""
    page = watched.page
    assert page.evaluate("network.body.data.nodes.length") == graph.number_of_nodes()
    assert page.inner_text("#node-count") == str(graph.number_of_nodes())
    named = [n for n, d in graph.nodes(data=True) if d["label"] == name]
    node = (named or [n for n, d in graph.nodes(data=True) if name in d.get("aliases", ())])[0]
    label = graph.nodes[node]["label"]
    projects = {
        graph.nodes[t]["label"]
        for _, t, d in graph.out_edges(node, data=True)
        if graph.nodes[t]["type"] == "Project"
    }
    assert projects, f"{name} undertakes no project in this graph"
    page.fill("#search", name)
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [node]
    assert page.inner_text("#panel h2") == label
    panel = page.inner_text("#panel")
    assert all(p in panel for p in projects)
    _check_dimmed(page, graph, node)
    page.click("#reset")
    assert page.is_hidden("#panel")
    _click_node(watched, node)
    assert page.evaluate("network.getSelectedNodes()") == [node]
    shown = ["".join(s.split()) for s in page.locator("#panel .sentence").all_inner_texts()]
    expected = ["".join(s["text"].split()) for s in graph.nodes[node]["sentences"]]
    assert shown and all(any(e in s for s in shown) for e in expected)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / shot))
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)


def test_company_projects_on_the_sample(watched: Watched, tmp_path: Path) -> None:
    source = SAMPLE.sample_graph()
    view = build_view(source, "company_projects")
    _open_network(watched, render_view(source, "company_projects"), tmp_path, "cp")
    check_company_projects(watched, view.graph, SAMPLE.GAOYI, "company_projects_sample.png")


def test_company_projects_on_the_seed_graph(
    watched: Watched, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    for module in ("policykg.nlp.extract", "policykg.nlp.resolve.entities", "policykg.nlp.jsonl"):
        pytest.importorskip(module, reason="the seed build has not landed yet")
    graph_path = request.getfixturevalue("seed_build").graph_path
    view = build_view(graph_path, "company_projects")
    _open_network(watched, render_view(graph_path, "company_projects"), tmp_path, "seed")
    check_company_projects(watched, view.graph, "高义钢铁", "company_projects.png")


@pytest.mark.parametrize(
    ("name", "params"),
    [("abbreviations", {}), ("overview", {}), ("ego", {"entity": "高义", "hops": "1"})],
)
def test_other_network_views_load_clean(
    watched: Watched, tmp_path: Path, name: str, params: dict[str, str]
) -> None:
    source = SAMPLE.sample_graph()
    view = build_view(source, name, params)
    _open_network(watched, render_view(source, name, params), tmp_path, name)
    assert watched.page.evaluate("network.body.data.nodes.length") == view.graph.number_of_nodes()
    if view.center:
        assert watched.page.evaluate("network.getSelectedNodes()") == [view.center]
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)


def test_filters_hide_and_physics_toggles(watched: Watched, tmp_path: Path) -> None:
    source = SAMPLE.sample_graph()
    graph = build_view(source, "company_projects").graph
    _open_network(watched, render_view(source, "company_projects"), tmp_path, "cp")
    page = watched.page
    page.select_option("#county", "绛县")
    hidden = page.evaluate("network.body.data.nodes.get({filter: n => n.hidden}).length")
    assert hidden == sum(1 for n in graph if "绛县" not in graph.nodes[n]["counties"]) > 0
    page.select_option("#county", "")
    page.uncheck('#legend input[data-type="Enterprise"]')
    hidden = page.evaluate("network.body.data.nodes.get({filter: n => n.hidden}).length")
    assert hidden == sum(1 for n in graph if graph.nodes[n]["type"] == "Enterprise")
    assert page.evaluate("network.physics.options.enabled") is False
    page.click("#physics")
    assert page.evaluate("network.physics.options.enabled") is True
    assert page.get_attribute("#physics", "aria-pressed") == "true"
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)


def test_hostile_name_is_inert_text_in_every_view(watched: Watched, tmp_path: Path) -> None:
    source = SAMPLE.sample_graph()
    _open_network(watched, render_view(source, "company_projects"), tmp_path, "cp")
    page = watched.page
    page.fill("#search", "有限公司")
    page.press("#search", "Enter")
    page.evaluate(f"policykg.selectNode({str(SAMPLE.entity('evil'))!r})")
    assert page.inner_text("#panel h2") == SAMPLE.EVIL
    assert page.evaluate("document.scripts.length") == 3
    watched.open(write_view(render_view(source, "document", {}), tmp_path / "doc.html"))
    assert page.evaluate("document.scripts.length") == 1
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)


def test_document_view_marks_equal_the_source_text(watched: Watched, tmp_path: Path) -> None:
    source = SAMPLE.sample_graph()
    name = "新绛2022.txt"
    watched.open(write_view(render_view(source, "document", {"doc": name}), tmp_path / "d.html"))
    marks = watched.page.evaluate(
        """() => Array.from(document.querySelectorAll('mark.ent')).map(m =>
        [Number(m.dataset.start), Number(m.dataset.end), m.textContent])"""
    )
    text = SAMPLE.TEXTS[name]
    assert len(marks) >= 10
    assert all(text[start:end] == shown for start, end, shown in marks)
    # the browser's own UTF-16 string agrees once offsets are taken as code points
    in_js = watched.page.evaluate(
        """() => { const t = Array.from(document.getElementById('text').textContent);
        return Array.from(document.querySelectorAll('mark.ent')).every(m =>
          t.slice(Number(m.dataset.start), Number(m.dataset.end)).join('') === m.textContent); }"""
    )
    assert in_js
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(SCREENSHOTS / "document_sample.png"))
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)
    # a glossary term carries its definition; a click opens its entity's ego view
    term = watched.page.locator("mark.t-Abbreviation").first
    assert "稳就业、稳金融" in (term.get_attribute("title") or "")
    with watched.page.expect_request(lambda r: "ego?entity=" in r.url) as opened:
        term.click()
    assert quote(str(SAMPLE.entity("liuwen")), safe="") in opened.value.url


def test_document_view_on_the_seed_graph(
    watched: Watched, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    for module in ("policykg.nlp.extract", "policykg.nlp.resolve.entities", "policykg.nlp.jsonl"):
        pytest.importorskip(module, reason="the seed build has not landed yet")
    graph_path = request.getfixturevalue("seed_build").graph_path
    name = "000_c00127774768d764.txt"
    raw = (Path(__file__).resolve().parents[1] / "seeds" / name).read_text(encoding="utf-8")
    page_html = render_view(graph_path, "document", {"doc": name})
    watched.open(write_view(page_html, tmp_path / "seed_doc.html"))
    marks = watched.page.evaluate(
        """() => Array.from(document.querySelectorAll('mark.ent')).map(m =>
        [Number(m.dataset.start), Number(m.dataset.end), m.textContent])"""
    )
    assert len(marks) > 100
    assert all(raw[start:end] == shown for start, end, shown in marks)
    assert watched.page.inner_text("#mention-count") == str(len(marks))
    watched.page.screenshot(path=str(SCREENSHOTS / "document.png"))
    assert watched.clean(), (watched.errors, watched.dialogs, watched.blocked)
