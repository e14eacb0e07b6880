"""The document view's index: every entity the text mentions, by type, most-mentioned first; a
name opens the entity's neighbourhood view, its count jumps to the first mention in the text."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from policykg.views.spec import ViewSpec

if TYPE_CHECKING:
    from policykg.views.document_page import Span


@dataclass
class Entry:
    entity: str
    label: str
    type: str
    first: Span
    count: int = 0
    seen: set[tuple[int, int]] = field(default_factory=set)


def index_entries(spans: Iterable[Span]) -> list[Entry]:
    """One entry per entity: its label, type, first mention and number of mentions."""
    entries: dict[str, Entry] = {}
    for span in spans:
        entry = entries.setdefault(span.entity, Entry(span.entity, span.label, span.type, span))
        if (span.start, span.end) not in entry.seen:
            entry.seen.add((span.start, span.end))
            entry.count += 1
    return sorted(entries.values(), key=lambda e: (-e.count, e.first.start, e.entity))


def _item(entry: Entry) -> str:
    ego = html.escape(f"ego?entity={quote(entry.entity, safe='')}&hops=1", quote=True)
    jump = html.escape(f"#m-{entry.first.start}-{entry.first.end}", quote=True)
    name = html.escape(entry.label or entry.entity)
    return (
        f'<li><a class="ent-link" href="{ego}" data-entity="{html.escape(entry.entity, quote=True)}"'
        f' title="在图中查看">{name}</a> <a class="jump" href="{jump}" title="跳到第一次提及">'
        f"×{entry.count}</a></li>"
    )


def render_index(spans: Iterable[Span], spec: ViewSpec) -> str:
    """The index as HTML (escaped), one open <details> per type in the legend's order."""
    entries = index_entries(spans)
    groups = []
    for style in spec.types:
        mine = [e for e in entries if e.type == style.name]
        if not mine:
            continue
        items = "\n".join(_item(e) for e in mine)
        groups.append(
            f'<details open class="t-{html.escape(style.name)}"><summary>'
            f"{html.escape(style.label)}（{len(mine)}）</summary><ul>{items}</ul></details>"
        )
    return "\n".join(groups)
