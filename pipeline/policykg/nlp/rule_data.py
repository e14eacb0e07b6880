"""Versioned names of the rule data that ``config.cfg`` refers to (``@misc = "policykg.….v1"``).

A module declares its rule data with :func:`rule_data` without importing spaCy; ``pipeline``
hands every declared function to spaCy's ``misc`` registry (:func:`register_with_spacy`) before
it loads the config. So what only needs the data, such as resolving entities across documents in
the parent process of a ``--jobs N`` build, never pays for importing spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[[], object])

_DECLARED: dict[str, Callable[[], object]] = {}


def rule_data(name: str) -> Callable[[F], F]:
    """Declare ``func`` as the rule data named ``name``; a name declared twice is refused."""

    def declare(func: F) -> F:
        if _DECLARED.setdefault(name, func) is not func:
            raise ValueError(f"rule data {name!r} is declared twice")
        return func

    return declare


def declared() -> dict[str, Callable[[], object]]:
    """Every rule data function declared so far, by its versioned name."""
    return dict(_DECLARED)


def register_with_spacy() -> None:
    """Put every declared function in spaCy's ``misc`` registry (again, if it was)."""
    import spacy

    for name, func in _DECLARED.items():
        spacy.registry.misc.register(name, func=func)
