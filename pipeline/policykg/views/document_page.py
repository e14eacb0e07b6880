"""The document view: a source text with every mention highlighted by type (after spaCy's
displaCy), glossary definitions on hover, each mention a way into its entity's ego view.

Offsets in the graph are code points; the text is cut here in Python, so the browser never has to
convert them to its UTF-16 units. Every piece of the text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from string import Template
from urllib.parse import quote

import pyoxigraph as ox

from policykg.views.details import document_label, document_names, pick_type
from policykg.views.doc_index import render_index
from policykg.views.embed import viz_asset
from policykg.views.netgraph import local_name
from policykg.views.paragraphs import escaped_with_breaks, line_breaks
from policykg.views.source import Row, select_named
from policykg.views.spec import ViewParamError, ViewSpec


@dataclass(frozen=True, slots=True)
class Span:
    """One mention to highlight: code-point offsets, its entity and what the hover shows."""

    start: int
    end: int
    entity: str
    label: str
    type: str
    definition: str | None


def find_document(docs: Mapping[str, Mapping[str, str]], wanted: str | None) -> str:
    """The document IRI ``wanted`` names (IRI, file name or file stem); the first by default."""
    if not docs:
        raise ViewParamError("the graph holds no documents")
    if not wanted:
        return min(docs, key=lambda iri: (docs[iri].get("fileName", ""), iri))
    for iri, doc in docs.items():
        names = {iri, local_name(iri), doc.get("fileName", "")}
        names.add(doc.get("fileName", "").rsplit(".", 1)[0])
        if wanted in names:
            return iri
    raise ViewParamError(f"no document is called {wanted!r} (give its file name or IRI)")


def mention_spans(rows: list[Row], text_length: int) -> list[Span]:
    """One span per (start, end, entity), sorted by start and then longest first."""
    types: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    info: dict[tuple[int, int, str], Row] = {}
    for row in rows:
        key = (int(row["start"]), int(row["end"]), row["entity"])
        if 0 <= key[0] < key[1] <= text_length:
            info.setdefault(key, row)
            if "type" in row:
                types[key].add(local_name(row["type"]))
    spans = [
        Span(
            s,
            e,
            ent,
            info[(s, e, ent)].get("label", ""),
            pick_type(types[(s, e, ent)]),
            info[(s, e, ent)].get("definition"),
        )
        for (s, e, ent) in info
    ]
    return sorted(spans, key=lambda sp: (sp.start, -sp.end, sp.entity))


def _open_tag(span: Span, spec: ViewSpec) -> str:
    style = spec.type_style(span.type)
    hover = f"{span.label}（{style.label}）"
    if span.definition:
        hover += f"\n定义：{span.definition}"
    attrs = {
        "class": f"ent t-{span.type}",
        "data-start": str(span.start),
        "data-end": str(span.end),
        "data-entity": span.entity,
        "data-label": style.label,
        "id": f"m-{span.start}-{span.end}",
        "title": hover,
        "tabindex": "0",
    }
    return (
        "<mark " + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + ">"
    )


def highlight(text: str, spans: list[Span], spec: ViewSpec) -> tuple[str, int]:
    """``text`` as escaped HTML with ``<mark>`` around each span; nested spans nest, spans that
    cross another are left out; line breaks marked as paragraph ends or wraps
    (``policykg.views.paragraphs``). Returns the HTML and how many spans were left out."""
    body, kept = highlight_kept(text, spans, spec)
    return body, len(spans) - len(kept)


def highlight_kept(text: str, spans: list[Span], spec: ViewSpec) -> tuple[str, list[Span]]:
    """As :func:`highlight`, returning the spans that were marked."""
    breaks = line_breaks(text)

    def piece(start: int, end: int) -> str:
        return escaped_with_breaks(text, start, end, breaks)

    out: list[str] = []
    stack: list[Span] = []
    kept: list[Span] = []
    pos = 0
    for span in spans:
        while stack and stack[-1].end <= span.start:
            out.append(piece(pos, stack[-1].end) + "</mark>")
            pos = stack.pop().end
        if (stack and span.end > stack[-1].end) or span.start < pos:
            continue
        kept.append(span)
        out.append(piece(pos, span.start) + _open_tag(span, spec))
        pos = span.start
        stack.append(span)
    while stack:
        out.append(piece(pos, stack[-1].end) + "</mark>")
        pos = stack.pop().end
    out.append(piece(pos, len(text)))
    return "".join(out), kept


def _ink(colour: str) -> str:
    """Dark text on a light type colour (yellow, light grey), white on the others."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#222" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#fff"


def _type_css(spec: ViewSpec) -> str:
    return "\n".join(
        f"mark.t-{s.name} {{ background: {s.color}2e; border-bottom: 2px solid {s.color}; }}\n"
        f"mark.t-{s.name}::after {{ background: {s.color}; color: {_ink(s.color)}; }}\n"
        f".chip.t-{s.name} {{ background: {s.color}2e; border: 1px solid {s.color}; }}\n"
        f"#index details.t-{s.name} summary {{ background: {s.color}2e; }}"
        for s in spec.types
        if s.name.isalnum() and len(s.color) == 7
    )


def _legend(spans: list[Span], spec: ViewSpec) -> str:
    counts: dict[str, int] = defaultdict(int)
    for span in spans:
        counts[span.type] += 1
    items = []
    for style in spec.types:
        if counts.get(style.name):
            items.append(
                f'<label class="chip t-{html.escape(style.name)}"><input type="checkbox" checked '
                f'data-type="{html.escape(style.name)}"> {html.escape(style.label)} '
                f"<span>{counts[style.name]}</span></label>"
            )
    return "\n".join(items)


def _picker(docs: Mapping[str, Mapping[str, str]], current: str) -> str:
    links = []
    for iri in sorted(docs, key=lambda d: (docs[d].get("fileName", ""), d)):
        name = docs[iri].get("fileName") or local_name(iri)
        label = html.escape(document_label(dict(docs[iri]), iri))
        here = ' aria-current="page"' if iri == current else ""
        href = html.escape("document?doc=" + quote(name, safe=""), quote=True)
        links.append(
            f'<li><a href="{href}"{here}>{label}</a> <small>{html.escape(name)}</small></li>'
        )
    return "\n".join(links)


def render_document_page(store: ox.Store, spec: ViewSpec, params: Mapping[str, str]) -> str:
    """The whole HTML page of the document view for ``params['doc']``."""
    docs = document_names(store)
    iri = find_document(docs, params.get("doc"))
    bound = {"doc": ox.NamedNode(iri)}
    texts = select_named(store, "document_text", bound)
    if not texts:
        raise ViewParamError(f"{iri}: the graph holds no text for this document")
    text = texts[0]["text"]
    spans = mention_spans(select_named(store, spec.query, bound), len(text))
    body, kept = highlight_kept(text, spans, spec)
    skipped = len(spans) - len(kept)
    doc = docs[iri]
    facts = [
        doc.get("county", ""),
        f"{doc['year']}年" if doc.get("year") else "",
        doc.get("kind", ""),
    ]
    return Template(viz_asset("document.html")).substitute(
        title=html.escape(document_label(dict(doc), iri)),
        facts=html.escape(" · ".join(f for f in facts if f)),
        file_name=html.escape(doc.get("fileName") or local_name(iri)),
        mention_count=str(len(spans) - skipped),
        skipped=str(skipped),
        char_count=str(len(text)),
        legend=_legend(spans, spec),
        index=render_index(kept, spec),
        entity_count=str(len({s.entity for s in kept})),
        picker=_picker(docs, iri),
        css=viz_asset("document.css") + "\n" + _type_css(spec),
        app_js=viz_asset("document.js"),
        text=body,
    )
