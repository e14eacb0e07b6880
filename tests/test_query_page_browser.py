"""The query page in headless Debian chromium on the seed graph (network blocked): labels come
first and whole, IRIs as prefixed names; a saved query shares as ?saved=NAME&run=1; the views sit
above the saved queries; the ego view opens from an entity picker; errors read in both languages."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from policykg.server.app import RunningServer, start_in_background
from policykg.server.config import ServerConfig

pytestmark = [pytest.mark.server, pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(
        f"policykg_{name}", Path(__file__).with_name(name)
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGE = _load("test_server_browser.py")
browser = PAGE.browser


@pytest.fixture(scope="module")
def server(seed_build: Any) -> Iterator[RunningServer]:
    with start_in_background(ServerConfig(graph=seed_build.graph_path, port=0)) as running:
        yield running


def _open(browser: Any, url: str) -> tuple[Any, list[str], list[str]]:
    page, errors, blocked = PAGE.open_page(browser, url)
    page.set_viewport_size({"width": 1400, "height": 900})
    return page, errors, blocked


def test_saved_query_shows_whole_labels_before_prefixed_iris(
    server: RunningServer, browser: Any
) -> None:
    page, errors, blocked = _open(browser, server.url + "/?saved=enterprise-projects&run=1")
    page.wait_for_selector(".yasr table tbody td a.iri", timeout=30_000)
    headers = [h.strip() for h in page.locator(".yasr table thead th").all_inner_texts()]
    named = [h for h in headers if h]
    assert named[:4] == ["enterpriseLabel", "enterprise", "projectLabel", "project"], named
    iris = page.locator(".yasr table tbody td a.iri").all_inner_texts()
    assert iris and all(i.startswith(("id:", "doc:")) for i in iris[:20]), iris[:5]
    cells = page.locator(".yasr table tbody tr").first.locator("td").all_inner_texts()
    assert "…" not in "".join(cells) and "高义钢铁" in "".join(cells)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "query_page.png"))
    page.click("#share")
    link = page.input_value("#share-link")
    assert parse_qs(urlsplit(link).query) == {"saved": ["enterprise-projects"], "run": ["1"]}
    page.close()
    assert errors == [] and blocked == []


def test_views_are_above_the_fold_and_ego_has_a_picker(server: RunningServer, browser: Any) -> None:
    page, errors, blocked = _open(browser, server.url + "/")
    for link in page.locator("#views li").all():
        assert link.bounding_box()["y"] + 20 < 900
    assert page.locator("#views a").count() >= 3
    page.wait_for_function(
        "document.querySelectorAll('#entity-names option').length > 50", timeout=30_000
    )
    page.fill(".picker input[type=search]", "高义钢铁")
    with page.expect_navigation():
        page.click(".picker button")
    assert page.url.split("?")[0].endswith("/viz/ego")
    page.wait_for_selector("#panel h2", timeout=30_000)
    assert "高义钢铁" in page.inner_text("#panel h2")
    page.close()
    assert errors == [] and blocked == []


def test_edited_query_shares_its_text_and_errors_read_in_two_languages(
    server: RunningServer, browser: Any
) -> None:
    page, errors, blocked = _open(browser, server.url + "/?saved=no-such-query")
    assert page.is_visible("#error")
    assert "没有这个已保存的查询" in page.inner_text("#error")
    assert "No saved query named no-such-query" in page.inner_text("#error")
    page.locator("#saved-queries a", has_text="Documents and what they name").click()
    page.evaluate("() => { policykg.yasgui.getTab().setQuery('SELECT * WHERE { ?s ?p }'); }")
    page.click("#share")
    shared = parse_qs(urlsplit(page.input_value("#share-link")).query)
    assert shared == {"query": ["SELECT * WHERE { ?s ?p }"], "run": ["1"]}
    page.locator(".yasqe_queryButton:visible").click()
    page.wait_for_selector("#error:not([hidden])", timeout=30_000)
    assert "查询失败 · The query failed" in page.inner_text("#error")
    page.close()
    assert blocked == []
    assert all("400" in e or "Bad Request" in e for e in errors), errors
