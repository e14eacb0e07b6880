"""The timeline view: for one place with reports of several years, which abbreviations, slogans
and enterprises its reports name, year by year — when each appears, how long it stays, when it
goes. One heat strip per type: a row per entity, a column per year, each cell the number of
mentions that year, linking to the first of them in the document view. Static HTML, escaped.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Template
from urllib.parse import quote

import pyoxigraph as ox

from policykg.views.details import document_names
from policykg.views.embed import viz_asset
from policykg.views.netgraph import local_name
from policykg.views.source import select
from policykg.views.spec import ViewParamError, ViewSpec, read_query

TYPES = ("Abbreviation", "Slogan", "Enterprise")
ROWS_PER_TYPE = 40  # the entities named in the most years (then the most often) of each type
SUFFIXES = "县区市旗"


def place_key(label: str) -> str:
    """清苑县 and 清苑区 are one place renamed: the name without its county/district suffix."""
    return label[:-1] if len(label) > 2 and label[-1] in SUFFIXES else label


@dataclass
class Row:
    entity: str
    label: str
    type: str
    cells: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)  # year -> mentions

    def years(self) -> list[int]:
        return sorted(self.cells)

    def total(self) -> int:
        return sum(len(m) for m in self.cells.values())


def _docs_by_place(docs: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, tuple[int, str]]]:
    """place key -> {document IRI: (year, file name)} for documents with a county and year."""
    places: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for iri, doc in docs.items():
        if doc.get("county") and str(doc.get("year", "")).isdigit():
            file = doc.get("fileName") or local_name(iri)
            places[place_key(doc["county"])][iri] = (int(doc["year"]), file)
    return places


def choose_place(places: Mapping[str, Mapping[str, tuple[int, str]]], wanted: str | None) -> str:
    """The place ``wanted`` names (its name, or part of it); else the one with the most years."""
    if not places:
        raise ViewParamError("the graph holds no documents with a place and a year")

    def years(key: str) -> int:
        return len({year for year, _ in places[key].values()})

    if not wanted:
        return max(sorted(places), key=years)
    found = [k for k in sorted(places) if place_key(wanted) in k or k in wanted]
    if not found:
        raise ViewParamError(f"no documents of a place called {wanted!r}")
    return max(found, key=years)


def timeline_rows(store: ox.Store, docs: Mapping[str, tuple[int, str]]) -> list[Row]:
    """One row per entity named in ``docs``, its mentions by year (offsets sorted)."""
    values = " ".join(str(ox.NamedNode(iri)) for iri in sorted(docs))
    query = read_query("timeline").replace(
        "WHERE {", "WHERE {\n  VALUES ?doc { " + values + " }", 1
    )
    rows: dict[str, Row] = {}
    for hit in select(store, query):
        kind = local_name(hit["type"])
        row = rows.setdefault(hit["entity"], Row(hit["entity"], hit["label"], kind))
        year, file = docs[hit["doc"]]
        row.cells.setdefault(year, []).append((file, int(hit["start"]), int(hit["end"])))
    for row in rows.values():
        for mentions in row.cells.values():
            mentions.sort()
    return list(rows.values())


def _shade(count: int) -> str:
    return "c1" if count == 1 else "c2" if count <= 3 else "c3" if count <= 7 else "c4"


def _cell(row: Row, year: int) -> str:
    mentions = row.cells.get(year)
    if not mentions:
        return "<td></td>"
    file, start, end = mentions[0]
    href = html.escape(f"document?doc={quote(file, safe='')}#m-{start}-{end}", quote=True)
    title = html.escape(f"{row.label} · {year}年：{len(mentions)} 次", quote=True)
    return (
        f'<td class="{_shade(len(mentions))}"><a href="{href}" title="{title}">'
        f"{len(mentions)}</a></td>"
    )


def _table(rows: list[Row], years: list[int], spec: ViewSpec, kind: str) -> str:
    style = spec.type_style(kind)
    shown = sorted(rows, key=lambda r: (-len(r.cells), -r.total(), r.label))[:ROWS_PER_TYPE]
    shown.sort(key=lambda r: (r.years()[0], -len(r.cells), r.label))
    head = "".join(f"<th>{y}</th>" for y in years)
    body = []
    for row in shown:
        ego = html.escape(f"ego?entity={quote(row.entity, safe='')}&hops=1", quote=True)
        span = f"{row.years()[0]}–{row.years()[-1]}" if len(row.cells) > 1 else str(row.years()[0])
        body.append(
            f'<tr><th scope="row"><a href="{ego}">{html.escape(row.label)}</a>'
            f"<small>{span}</small></th>" + "".join(_cell(row, y) for y in years) + "</tr>"
        )
    more = len(rows) - len(shown)
    note = (
        f"<p class='note'>另有 {more} 个只出现较少的{html.escape(style.label)}未列出。</p>"
        if more > 0
        else ""
    )
    return (
        f'<section class="t-{html.escape(kind)}"><h2>{html.escape(style.label)}（{len(rows)}）</h2>'
        f'<table><thead><tr><th scope="col"></th>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        f"</table>{note}</section>"
    )


def _picker(places: Mapping[str, Mapping[str, tuple[int, str]]], current: str) -> str:
    links = []
    for key in sorted(places, key=lambda k: (-len(places[k]), k)):
        years = sorted({y for y, _ in places[key].values()})
        if len(years) < 2:
            continue
        here = ' aria-current="page"' if key == current else ""
        href = html.escape(f"timeline?place={quote(key, safe='')}", quote=True)
        links.append(f'<a href="{href}"{here}>{html.escape(key)}<small>{len(years)}年</small></a>')
    return "\n".join(links)


def render_timeline_page(store: ox.Store, spec: ViewSpec, params: Mapping[str, str]) -> str:
    """The whole HTML page of the timeline view for ``params['place']``."""
    places = _docs_by_place(document_names(store))
    key = choose_place(places, params.get("place"))
    docs = places[key]
    years = sorted({year for year, _ in docs.values()})
    rows = timeline_rows(store, docs)
    tables = [_table([r for r in rows if r.type == t], years, spec, t) for t in TYPES]
    summary = f"{len(docs)} 份报告，{len(years)} 个年份（{years[0]}–{years[-1]}）"
    return Template(viz_asset("timeline.html")).substitute(
        title=html.escape(f"{key} · {spec.title}"),
        description=html.escape(spec.description),
        summary=html.escape(summary),
        picker=_picker(places, key),
        tables="\n".join(
            t for t, kind in zip(tables, TYPES, strict=True) if any(r.type == kind for r in rows)
        ),
        css=viz_asset("timeline.css"),
    )
