"""The document view in headless Debian chromium (network blocked) on the seed graph: the text
reads as paragraphs (the first screen is full of text, not of blank lines), every entity found
is in the index beside it, and a name in the index opens that entity's graph view."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from policykg.views import render_view, write_view

pytestmark = pytest.mark.browser
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _load_browser_helpers() -> Any:
    path = Path(__file__).with_name("test_browser_views.py")
    spec = importlib.util.spec_from_file_location("policykg_browser_views_doc", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HELPERS = _load_browser_helpers()
browser = HELPERS.browser

# Where the first drawn character at or after code point n of the text (as the graph counts
# offsets) sits: its top, in px (a hidden line break has an empty box and is passed over).
TOP_OF_OFFSET = """(n) => { const walker = document.createTreeWalker(
    document.getElementById('text'), NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = Array.from(node.data);
    for (let i = Math.max(0, n - seen); i < chars.length; i++) {
      const units = chars.slice(0, i).join('').length;
      const range = document.createRange();
      range.setStart(node, units); range.setEnd(node, units + chars[i].length);
      const box = range.getBoundingClientRect();
      if (box.height > 0) { return box.top; } }
    seen += chars.length; }
  return null; }"""


@pytest.fixture()
def watched(browser: Any) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    yield HELPERS.Watched(page)
    page.close()


@pytest.mark.parametrize(
    ("name", "offset"), [("000_c00127774768d764.txt", 600), ("004_d1cd922023492217.txt", 600)]
)
def test_seed_document_reads_as_paragraphs_with_an_index(
    watched: Any, tmp_path: Path, request: pytest.FixtureRequest, name: str, offset: int
) -> None:
    graph_path = request.getfixturevalue("seed_build").graph_path
    page_html = render_view(graph_path, "document", {"doc": name})
    watched.open(write_view(page_html, tmp_path / "doc.html"))
    page = watched.page
    raw = (SEEDS / name).read_text(encoding="utf-8")
    assert page.evaluate("Array.from(document.getElementById('text').textContent).join('')") == raw
    # the first `offset` characters are on the first screen (before: 200 reached its bottom edge)
    assert 0 < page.evaluate(TOP_OF_OFFSET, offset) < 900
    HELPERS.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(HELPERS.SCREENSHOTS / f"document_{name[:3]}.png"))
    marked = set(
        page.evaluate("Array.from(document.querySelectorAll('mark.ent'), m => m.dataset.entity)")
    )
    indexed = page.evaluate(
        "Array.from(document.querySelectorAll('#index .ent-link'), a => a.dataset.entity)"
    )
    assert len(indexed) == len(set(indexed)) and set(indexed) == marked
    assert page.inner_text("#entity-count") == str(len(marked))
    first = page.locator("#index .ent-link").first
    entity = first.get_attribute("data-entity")
    with page.expect_request(lambda r: "ego?entity=" in r.url) as opened:
        first.click()
    assert opened.value.url.endswith(f"ego?entity={quote(entity or '', safe='')}&hops=1")
    assert not watched.errors and not watched.dialogs
    assert all("ego?entity=" in url for url in watched.blocked)
