"""The query page in headless Debian chromium: offline, no console errors, runs a saved query."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from policykg.server.app import RunningServer, start_in_background
from policykg.server.config import ServerConfig

pytestmark = [pytest.mark.server, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = '<script>window.pwned=1</script>"onload=alert(1) 有限公司'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("page")
    graph = folder / "graph.ttl"
    graph.write_text(
        "@prefix kg: <https://w3id.org/policykg/def#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/policykg/doc/a> a kg:Document ; kg:fileName "a.txt" .\n'
        '<https://w3id.org/policykg/id/enterprise/1> a kg:Enterprise ; skos:prefLabel "高义钢铁"@zh ;\n'
        "    kg:mentionedIn <https://w3id.org/policykg/doc/a> .\n"
        "<https://w3id.org/policykg/id/enterprise/2> a kg:Enterprise ;\n"
        f"    skos:prefLabel {json.dumps(HOSTILE, ensure_ascii=False)}@zh .\n",
        encoding="utf-8",
    )
    with start_in_background(ServerConfig(graph=graph, port=0)) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser: Any, url: str) -> tuple[Any, list[str], list[str]]:
    """A page where every non-loopback request is blocked and recorded, and console errors kept."""
    page = browser.new_page()
    errors: list[str] = []
    blocked: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def route(request_route: Any) -> None:
        host = urlsplit(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or request_route.request.url.startswith("data:"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(url)
    # a DOM marker, not wait_for_function: the page's CSP (rightly) forbids the eval it needs
    page.wait_for_selector("html[data-policykg-ready]", state="attached", timeout=30_000)
    return page, errors, blocked


def test_page_runs_a_saved_query_offline(server: RunningServer, browser: Any) -> None:
    page, errors, blocked = open_page(browser, server.url + "/")
    links = page.locator("#saved-queries a")
    assert links.count() >= 12
    page.locator("#saved-queries a", has_text="Documents and what they name").click()
    page.locator(".yasqe_queryButton:visible").click()
    page.wait_for_selector(".yasr table tbody td:has-text('a.txt')", timeout=30_000)
    page.close()
    assert errors == [] and blocked == []


def test_shared_link_runs_its_query_and_escapes_document_text(
    server: RunningServer, browser: Any
) -> None:
    query = "SELECT ?label WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    page, errors, blocked = open_page(
        browser, server.url + "/?run=1&query=" + quote(query, safe="")
    )
    page.wait_for_selector(".yasr table tbody td:has-text('高义钢铁')", timeout=30_000)
    cells = page.locator(".yasr table tbody td").all_inner_texts()
    assert any("高义钢铁" in cell for cell in cells)
    assert any("<script>" in cell for cell in cells), "the hostile label is shown as text"
    assert page.evaluate("window.pwned === undefined")
    page.close()
    assert errors == [] and blocked == []
