"""Views without a browser: registry, graph of each view, escaping, size limit, document spans."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from policykg.views import (
    UnknownViewError,
    ViewParamError,
    build_view,
    list_views,
    render_view,
)
from policykg.views.compose import build_view_graph
from policykg.views.document_page import Span, highlight
from policykg.views.embed import script_json
from policykg.views.layout import layout_positions
from policykg.views.network_page import render_network_page
from policykg.views.source import as_store
from policykg.views.spec import get_view

_sample_path = Path(__file__).with_name("test_views_sample.py")


def _load_sample() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("policykg_views_sample", _sample_path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = _load_sample()
VIEW_PARAMS = {
    "company_projects": {},
    "abbreviations": {},
    "overview": {},
    "ego": {"entity": SAMPLE.GAOYI, "hops": "2"},
    "document": {"doc": "新绛2022.txt"},
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return as_store(SAMPLE.sample_graph())


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and the text inside each <mark>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[dict[str, str | None], list[str]]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._open.append([])
            self.marks.append((dict(attrs), self._open[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for parts in self._open:
            parts.append(data)


def parse(page: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(page)
    return collector


def page_data(page: str) -> dict[str, Any]:
    start = page.index('<script id="policykg-data" type="application/json">') + 51
    return json.loads(page[start : page.index("</script>", start)])


def test_registry_lists_every_view_with_a_title() -> None:
    names = [v.name for v in list_views()]
    assert names == ["company_projects", "abbreviations", "ego", "overview", "document", "timeline"]
    assert all(v.title and v.description for v in list_views())


@pytest.mark.parametrize("name", list(VIEW_PARAMS))
def test_every_view_is_self_contained_and_inert(store: ox.Store, name: str) -> None:
    page = render_view(store, name, VIEW_PARAMS[name])
    tags = parse(page).tags
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    assert all("src" not in attrs for attrs in scripts)
    assert not [t for t, _ in tags if t in ("link", "iframe", "img", "object", "embed")]
    assert "bootstrap" not in page.lower() and "cdn" not in page.lower()
    # the hostile company name never becomes markup: no handler attributes, no extra scripts
    assert "<script>alert" not in page
    assert all(not key.startswith("on") for _, attrs in tags for key in attrs)
    assert len(scripts) == (1 if name == "document" else 3)


def test_hostile_name_survives_as_data(store: ox.Store) -> None:
    page = render_view(store, "company_projects", {})
    labels = {n["fullLabel"] for n in page_data(page)["nodes"]}
    assert SAMPLE.EVIL in labels


def test_page_node_count_is_the_view_graph(store: ox.Store) -> None:
    view = build_view(store, "company_projects")
    page = render_view(store, "company_projects")
    data = page_data(page)
    assert len(data["nodes"]) == view.graph.number_of_nodes() == 6
    assert len(data["edges"]) == view.graph.number_of_edges() == len(SAMPLE.RELATIONS)
    assert f'<span id="node-count">{len(data["nodes"])}</span>' in page
    assert {n["type"] for n in data["nodes"]} == {"Enterprise", "Project", "Park", "GovernmentBody"}


def test_unlinked_entities_are_left_out_and_counted(store: ox.Store) -> None:
    hidden = build_view(store, "company_projects")
    shown = build_view(store, "company_projects", {"isolated": "show"})
    lone = str(SAMPLE.entity("hengqiang"))
    assert lone not in hidden.graph and lone in shown.graph
    assert hidden.isolated_hidden == 1 and shown.isolated_hidden == 0
    assert "另有 1 个实体与其他实体没有关系" in render_view(store, "company_projects")
    with pytest.raises(ViewParamError):
        build_view(store, "company_projects", {"isolated": "maybe"})


def test_node_details_carry_aliases_amounts_and_sentences(store: ox.Store) -> None:
    graph = build_view(store, "company_projects").graph
    gaoyi = graph.nodes[str(SAMPLE.entity("gaoyi"))]
    assert gaoyi["aliases"] == ["高义"]
    assert gaoyi["counties"] == ["新绛县", "绛县"] and gaoyi["years"] == ["2022", "2023"]
    texts = SAMPLE.TEXTS
    for sentence in gaoyi["sentences"]:
        assert texts[sentence["doc"]][sentence["start"] : sentence["end"]] == sentence["text"]
        marked = {sentence["text"][a:b] for a, b in sentence["marks"]}
        assert marked <= {SAMPLE.GAOYI, "高义"} and marked
    project = graph.nodes[str(SAMPLE.entity("coking"))]
    assert project["amounts"] == ["投资 12.5亿元"]
    edge = graph.edges[str(SAMPLE.entity("gaoyi")), str(SAMPLE.entity("coking")), "undertakes"]
    assert SAMPLE.PROJECT in edge["evidence"][0]["text"]


def test_abbreviation_parts_inherit_counties_for_the_filters(store: ox.Store) -> None:
    graph = build_view(store, "abbreviations").graph
    part = graph.nodes[str(SAMPLE.entity("wenjinrong"))]
    assert part["type"] == "Concept" and part["counties"] == ["新绛县"]
    liuwen = graph.nodes[str(SAMPLE.entity("liuwen"))]
    assert liuwen["definition"] == "稳就业、稳金融"


def test_ego_view_by_label_alias_or_iri(store: ox.Store) -> None:
    by_label = build_view(store, "ego", {"entity": SAMPLE.GAOYI, "hops": "1"})
    by_alias = build_view(store, "ego", {"entity": "高义", "hops": "1"})
    by_iri = build_view(store, "ego", {"entity": str(SAMPLE.entity("gaoyi")), "hops": "1"})
    one_hop = {str(SAMPLE.entity(k)) for k in ("gaoyi", "coking", "chempark")}
    assert set(by_label.graph) == set(by_alias.graph) == set(by_iri.graph) == one_hop
    two_hops = build_view(store, "ego", {"entity": SAMPLE.GAOYI, "hops": "2"})
    assert str(SAMPLE.entity("gongxin")) in two_hops.graph
    assert str(SAMPLE.entity("evil")) not in two_hops.graph


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("ego", {}),
        ("ego", {"entity": "没有这个实体"}),
        ("ego", {"entity": "高义", "hops": "9"}),
        ("ego", {"entity": "高义", "hops": "two"}),
        ("company_projects", {"colour": "red"}),
        ("document", {"doc": "missing.txt"}),
    ],
)
def test_bad_parameters_are_named(store: ox.Store, name: str, params: dict[str, str]) -> None:
    with pytest.raises(ViewParamError):
        render_view(store, name, params)


def test_unknown_view_lists_the_known_ones(store: ox.Store) -> None:
    with pytest.raises(UnknownViewError, match="company_projects"):
        render_view(store, "nope")


def test_query_string_params_are_accepted(store: ox.Store) -> None:
    page = render_view(store, "ego", {"entity": ["x", "高义"], "hops": ["1"]})
    assert len(page_data(page)["nodes"]) == 3


def test_sources_rdflib_store_and_turtle_agree(store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    SAMPLE.sample_graph().serialize(path, format="turtle")
    counts = {
        build_view(src, "overview").graph.number_of_nodes()
        for src in (store, SAMPLE.sample_graph(), path, str(path))
    }
    assert counts == {8}  # 2 documents, 2 counties, 2 years, 高义钢铁 and 六稳 (shared)


def test_big_views_are_cut_and_say_so(store: ox.Store) -> None:
    spec = dataclasses.replace(get_view("company_projects"), max_nodes=3)
    view = build_view_graph(store, spec, {})
    assert view.graph.number_of_nodes() == 3 and view.total_nodes == 6 and view.truncated
    assert str(SAMPLE.entity("gaoyi")) in view.graph  # the most mentioned and linked stays
    page = render_network_page(spec, view, {})
    assert "共有 6 个节点" in page and "超过上限 3" in page


def test_document_marks_are_the_source_substrings(store: ox.Store) -> None:
    page = render_view(store, "document", {"doc": "新绛2022.txt"})
    text = SAMPLE.TEXTS["新绛2022.txt"]
    marks = parse(page).marks
    assert len(marks) >= 10
    for attrs, parts in marks:
        start, end = int(attrs["data-start"] or 0), int(attrs["data-end"] or 0)
        assert "".join(parts) == text[start:end]
    nested = [a for a, _ in marks if a["data-start"] == str(text.index(SAMPLE.PROJECT))]
    assert {a["class"] for a in nested} == {"ent t-Project", "ent t-Enterprise"}
    glossary = next(a for a, _ in marks if a["class"] == "ent t-Abbreviation")
    assert "定义：稳就业、稳金融" in (glossary["title"] or "")


def test_crossing_spans_are_left_out_and_counted() -> None:
    text = "甲乙丙丁戊"
    spans = [
        Span(0, 3, "a", "甲乙丙", "Enterprise", None),
        Span(2, 5, "b", "丙丁戊", "Project", None),
    ]
    body, skipped = highlight(text, spans, get_view("document"))
    assert skipped == 1 and body.count("<mark") == 1 and body.endswith("丁戊")


def test_script_json_cannot_close_its_element() -> None:
    encoded = script_json({"name": "</script><!-- & \u2028"})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"name": "</script><!-- & \u2028"}


def test_layout_places_every_node_apart_and_deterministically(store: ox.Store) -> None:
    graph = build_view(store, "company_projects").graph
    first, second = layout_positions(graph), layout_positions(graph)
    assert first == second and set(first) == set(graph.nodes)
    assert len(set(first.values())) == graph.number_of_nodes()


def test_viz_command_writes_a_utf8_file(runner: Any, tmp_path: Path) -> None:
    from policykg.cli import app

    graph = tmp_path / "g.ttl"
    SAMPLE.sample_graph().serialize(graph, format="turtle")
    out = tmp_path / "ego.html"
    args = ["viz", "--graph", str(graph), "--view", "ego", "-p", "entity=高义", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "实体邻域" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["viz", "--graph", str(graph), "--param", "hops"])
    assert bad.exit_code == 1 and "key=value" in bad.output


def test_leaves_of_a_big_component_ring_their_neighbour() -> None:
    import math

    import networkx as nx

    from policykg.views.layout import SPACING

    graph = nx.MultiDiGraph()
    hubs = ["hub-a", "hub-b", "hub-c"]
    graph.add_edges_from([("hub-a", "hub-b"), ("hub-b", "hub-c")])
    for hub in hubs:
        graph.add_edges_from((hub, f"{hub}-leaf-{i}") for i in range(6))
    for node in graph:
        graph.nodes[node]["label"] = node
    pos = layout_positions(graph, spring_max=5)
    assert set(pos) == set(graph) and len(set(pos.values())) == graph.number_of_nodes()
    for hub in hubs:
        dists = [math.dist(pos[hub], pos[f"{hub}-leaf-{i}"]) for i in range(6)]
        assert max(dists) - min(dists) < 0.5 and min(dists) >= SPACING - 0.5  # positions: 0.1 px
