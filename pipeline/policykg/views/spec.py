"""The view registry: ``viz/views.toml`` read into typed specs, and the views' errors."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError
from policykg.paths import data_dir

VIEW_KINDS = ("network", "document", "timeline")


class ViewError(PolicyKGError):
    """A view cannot be drawn: unknown name, bad parameter, or a broken view definition."""


class UnknownViewError(ViewError):
    """No view of that name in viz/views.toml."""


class ViewParamError(ViewError):
    """A view parameter is missing or names nothing in the graph."""


@dataclass(frozen=True, slots=True)
class ViewInfo:
    """What the query page and ``--help`` show about a view."""

    name: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class TypeStyle:
    """How nodes of one type look: Chinese legend label, colour and vis-network shape."""

    name: str
    label: str
    color: str
    shape: str


@dataclass(frozen=True, slots=True)
class ViewSpec:
    """One view: its kind, the query that selects its graph, and the shared style."""

    name: str
    kind: str
    query: str
    title: str
    description: str
    params: tuple[str, ...]
    max_nodes: int
    spring_max: int
    isolated: bool  # draw nodes without a link (the ``isolated=show|hide`` parameter overrides)
    types: tuple[TypeStyle, ...]
    relations: tuple[tuple[str, str], ...]

    @property
    def info(self) -> ViewInfo:
        return ViewInfo(self.name, self.title, self.description)

    def type_style(self, name: str) -> TypeStyle:
        for style in self.types:
            if style.name == name:
                return style
        return TypeStyle(name, name, "#999999", "dot")

    def relation_label(self, name: str) -> str:
        return dict(self.relations).get(name, name)


def viz_dir() -> Path:
    """The folder holding views.toml, the view queries and the page assets."""
    return data_dir("viz")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ViewError(f"{path}: view registry not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ViewError(f"{path}: not valid TOML: {exc}") from exc


def _types(table: dict[str, Any]) -> tuple[TypeStyle, ...]:
    return tuple(
        TypeStyle(name, str(t.get("label", name)), str(t["color"]), str(t.get("shape", "dot")))
        for name, t in table.items()
    )


def _spec(name: str, table: dict[str, Any], config: dict[str, Any], path: Path) -> ViewSpec:
    kind = table.get("kind", "network")
    if kind not in VIEW_KINDS or "query" not in table:
        raise ViewError(f"{path}: view {name!r} needs kind in {VIEW_KINDS} and a query")
    defaults = config.get("defaults", {})
    return ViewSpec(
        name=name,
        kind=kind,
        query=str(table["query"]),
        title=str(table.get("title", name)),
        description=str(table.get("description", "")),
        params=tuple(table.get("params", ())),
        max_nodes=int(table.get("max_nodes", defaults.get("max_nodes", 2000))),
        spring_max=int(table.get("spring_max", defaults.get("spring_max", 500))),
        isolated=bool(table.get("isolated", True)),
        types=_types(config.get("types", {})),
        relations=tuple((k, str(v)) for k, v in config.get("relations", {}).items()),
    )


@cache
def _load(path: Path) -> tuple[ViewSpec, ...]:
    config = _read_toml(path)
    return tuple(
        _spec(name, table, config, path) for name, table in config.get("views", {}).items()
    )


def load_views(path: Path | None = None) -> tuple[ViewSpec, ...]:
    """Every view in ``viz/views.toml`` (or ``path``), in file order."""
    return _load((path or viz_dir() / "views.toml").resolve())


def get_view(name: str) -> ViewSpec:
    """The view called ``name``; :class:`UnknownViewError` lists the known ones otherwise."""
    views = load_views()
    for spec in views:
        if spec.name == name:
            return spec
    known = ", ".join(spec.name for spec in views)
    raise UnknownViewError(f"unknown view {name!r}; known views: {known}")


def list_views() -> list[ViewInfo]:
    """Name, title and description of every view, for menus and ``--help``."""
    return [spec.info for spec in load_views()]


def read_query(name: str) -> str:
    """The text of ``viz/<name>.rq``."""
    path = viz_dir() / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ViewError(f"{path}: view query not found") from exc
