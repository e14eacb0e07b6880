"""The timeline view: one place's reports year by year, each cell a link to a highlighted mention."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
import pytest

from policykg.views import ViewParamError, render_view
from policykg.views.timeline_page import choose_place, place_key

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r'<td class="c\d"><a href="document\?doc=([^"#]+)#m-(\d+)-(\d+)"')


def _sample() -> Any:
    path = Path(__file__).with_name("test_views_sample.py")
    spec = importlib.util.spec_from_file_location("policykg_views_sample_tl", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_store(seed_build: Any) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(seed_build.graph_path), format=ox.RdfFormat.TURTLE)
    return store


def test_place_keys_join_a_county_renamed_a_district() -> None:
    assert place_key("清苑县") == place_key("清苑区") == "清苑"
    assert place_key("绛县") == "绛县"  # two characters: the suffix is part of the name
    places = {"清苑": {"a": (2003, "a"), "b": (2021, "b")}, "新绛": {"c": (2022, "c")}}
    assert choose_place(places, None) == "清苑"
    assert choose_place(places, "清苑区") == "清苑"
    with pytest.raises(ViewParamError):
        choose_place(places, "易县")


def test_seed_timeline_years_and_links_land_on_marks(seed_store: ox.Store) -> None:
    page = render_view(seed_store, "timeline", {"place": "新绛县"})
    head = re.search(r"<thead>(.*?)</thead>", page)
    assert head is not None
    years = re.findall(r"<th>(\d{4})</th>", head.group(1))
    assert years == sorted(set(years)) and len(years) >= 3
    cells = CELL.findall(page)
    assert len(cells) > 30
    documents: dict[str, str] = {}
    for file, start, end in cells[:60]:
        name = unquote(file)
        raw = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        assert raw[int(start) : int(end)].strip()
        if name not in documents:
            documents[name] = render_view(seed_store, "document", {"doc": name})
        assert f'id="m-{start}-{end}"' in documents[name]
    for kind in ("缩略语", "企业"):
        assert f"<h2>{kind}（" in page


def test_default_place_is_the_one_with_most_years(seed_store: ox.Store) -> None:
    page = render_view(seed_store, "timeline")
    assert '<a href="timeline?place=' in page
    current = re.search(
        r'<a href="timeline\?place=[^"]+" aria-current="page">([^<]+)<small>(\d+)年', page
    )
    assert current is not None
    counts = [int(n) for n in re.findall(r"<small>(\d+)年</small>", page)]
    assert int(current.group(2)) == max(counts)


def test_names_from_documents_are_escaped_and_no_script_runs() -> None:
    sample = _sample()
    page = render_view(sample.sample_graph(), "timeline", {"place": "新绛县"})
    assert sample.EVIL not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    with pytest.raises(ViewParamError):
        render_view(sample.sample_graph(), "timeline", {"place": "易县"})
