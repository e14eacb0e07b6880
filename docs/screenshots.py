"""Screenshots of every view on the seed graph, for the README: `make screenshots`.

Each view is rendered by policykg.views, opened in headless Debian chromium (/usr/bin/chromium,
every request other than the page's own file refused) at 1400×900 and saved at half scale
(700×450 PNG) under docs/screenshots/. Builds out/graph.ttl from seeds/ first if it is missing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

from policykg.views import render_view, write_view

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
VIEWS: list[tuple[str, str, dict[str, str]]] = [
    ("company_projects", "company_projects", {}),
    ("abbreviations", "abbreviations", {}),
    ("overview", "overview", {}),
    ("ego", "ego", {"entity": "高义钢铁", "hops": "1"}),
    ("document", "document", {"doc": "000_c00127774768d764.txt"}),
    ("timeline", "timeline", {"place": "新绛"}),
]


def _local_only(route: Route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def _shoot(page: Page, graph: Path, folder: Path, shot: str, view: str, params: dict[str, str]) -> Path:
    path = write_view(render_view(graph, view, params), folder / f"{shot}.html")
    page.goto(path.as_uri())
    if view not in ("document", "timeline"):
        page.wait_for_function("window.policykg && window.policykg.ready", timeout=60_000)
        page.wait_for_timeout(200)  # the labels layer paints on the frame after the first draw
    out = SHOTS / f"{shot}.png"
    page.screenshot(path=str(out))
    return out


def main() -> int:
    graph = ROOT / "out" / "graph.ttl"
    if not graph.is_file():
        from policykg.graph.build import build

        build(ROOT / "seeds", ROOT / "out")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=0.5)
        page.route("**/*", _local_only)
        for shot, view, params in VIEWS:
            out = _shoot(page, graph, Path(folder), shot, view, params)
            print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size:,} bytes)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
