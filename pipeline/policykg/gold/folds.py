"""Place-held-out folds of the annotated corpus (``[corpus_folds.*]`` in ``splits.toml``).

A fold is a set of whole provinces, so no place — and no city with its counties — is in two
folds. The 保定 county reports (河北省) are one fold; the city reports' provinces are dealt to
``CITY_FOLDS`` folds, largest first, each to the fold with the fewest drawn characters (ties by
a seeded order). ``SEALED`` folds are kept from everyone who writes rules until they are scored:
their errors are not read while developing; once read, they become ``dev`` and another fold is
sealed (the rotation is recorded in ``splits.toml``). A *fresh* fold (``fresh_of`` in
``splits.toml``) holds a later draw (``fresh-<fold>.toml``) from the provinces of another fold and
takes that fold's side: c5 (sealed) from c4's provinces, c3b (dev) from c3's.
"""

from __future__ import annotations

import random
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from policykg.gold.corpus import DrawnDoc

CITY_FOLDS = 4
COUNTY_FOLD = "hebei"
SEALED = ("c3", "c4")  # as first dealt; splits.toml records later rotations


@dataclass(frozen=True, slots=True)
class CorpusFold:
    name: str
    status: str  # "dev" (rule writers may read its errors) or "sealed"
    provinces: tuple[str, ...]
    docs: tuple[str, ...]
    fresh_of: str | None = None  # a later draw from this fold's provinces
    # reports of the fold's provinces with no annotated range, only drawn sentences (which
    # train with the fold and leave with it; ``policykg eval`` never scores them)
    drawn_only: tuple[str, ...] = ()


def assign_folds(docs: list[DrawnDoc], seed: int) -> list[CorpusFold]:
    """Deal provinces to folds so that the folds have about the same drawn characters."""
    chars: dict[str, int] = defaultdict(int)
    members: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        key = doc.province if doc.source == "cities-2024" else COUNTY_FOLD
        chars[key] += sum(hi - lo for lo, hi in doc.paragraphs.values())
        members[key].append(doc.stem)
    names = [f"c{i}" for i in range(1, CITY_FOLDS + 1)]
    load = dict.fromkeys(names, 0)
    provinces: dict[str, list[str]] = defaultdict(list)
    order = sorted((p for p in chars if p != COUNTY_FOLD), key=lambda p: (-chars[p], p))
    tie = random.Random(seed)
    for province in order:
        low = min(load.values())
        fold = tie.choice(sorted(n for n in names if load[n] == low))
        load[fold] += chars[province]
        provinces[fold].append(province)
    folds = [
        CorpusFold(
            name,
            "sealed" if name in SEALED else "dev",
            tuple(sorted(provinces[name])),
            tuple(sorted(s for p in provinces[name] for s in members[p])),
        )
        for name in names
    ]
    hebei = CorpusFold(COUNTY_FOLD, "dev", ("河北省",), tuple(sorted(members[COUNTY_FOLD])))
    return [*folds, hebei]


def read_corpus_folds(path: Path) -> list[CorpusFold]:
    """The corpus folds of ``splits.toml`` (empty when it has none)."""
    table = tomllib.loads(path.read_text("utf-8")).get("corpus_folds", {})
    return [
        CorpusFold(
            name,
            str(f["status"]),
            tuple(f["provinces"]),
            tuple(f["docs"]),
            str(f["fresh_of"]) if "fresh_of" in f else None,
            tuple(f.get("drawn_only", ())),
        )
        for name, f in table.items()
    ]


def kin_folds(name: str, folds: list[CorpusFold]) -> set[str]:
    """``name`` and every corpus fold that shares a province with it (c1 and its later draw c1b).
    A model that scores ``name`` trains on none of them, so no province is on both sides; a
    seeds fold (not a corpus fold) is its own only kin."""
    provinces = {f.name: set(f.provinces) for f in folds}
    own = provinces.get(name, set())
    return {name} | {other for other, held in provinces.items() if own & held}


def held_out_name(name: str, folds: list[CorpusFold]) -> str:
    """The name of the models held out for ``name``: the folds they were trained without, sorted
    and joined with ``+`` (``c1+c1b`` for c1 and for c1b, ``hebei``, ``xinjiang``). Kin folds
    leave training together, so they share one model file (``decider-without-c1+c1b.json``). A
    sealed kin fold is not named: it never trains, so leaving it out changes nothing; once it
    becomes dev it trains, and the name changes with what the models must be trained without."""
    sealed = {f.name for f in folds if f.status == "sealed"}
    kin = kin_folds(name, folds)
    return "+".join(sorted(k for k in kin if k == name or k not in sealed))
