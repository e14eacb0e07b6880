"""Draw the documents and paragraph ranges of the annotated corpus, by a fixed, seeded rule.

The rule is fixed before anyone reads extractor output (issue 12):

* documents: from ``cities-2024`` each province contributes ``max(1, round(n * CITY_SHARE))`` of
  its ``n`` city reports; from ``baoding-counties`` the reports are stratified by period
  (``PERIODS``) and each period contributes ``COUNTY_PER_PERIOD`` reports of distinct places
  where it can, plus every report of a province the cities do not cover. Choice inside a stratum
  is ``random.Random(seed)`` over the sorted file names.
* ranges: paragraphs are the non-blank lines of the raw text (a line over ``LONG_LINE``
  characters, as in reports scraped onto one line, is cut after the first 。 once a piece has
  ``UNIT_CHARS`` characters); in each document every ``k``-th
  paragraph is taken (``k = CITY_STEP`` for city reports, ``COUNTY_STEP`` for county reports),
  starting at a seeded offset ``r`` in ``[0, k)``. A document's glossary (from its 名词解释 /
  注释 / 附注 heading on) is never a range: glossaries are annotated whole, apart.
"""

from __future__ import annotations

import hashlib
import random
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

SEED = 20261206
CITY_SHARE = 0.4
COUNTY_PER_PERIOD = 4
PERIODS = ((2003, 2012), (2013, 2019), (2020, 2022), (2023, 2025))
CITY_STEP = 4
COUNTY_STEP = 3
LONG_LINE = 1000
UNIT_CHARS = 300

GLOSSARY_HEADING = re.compile(
    r"^\s*(?:附件[一二三四五六七八九十\d]*[：:]\s*)?[※【\[\*［]?\s*(?:名词解释|注释|附注)\s*[※】\]］]?\s*[：:]?\s*$"
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One non-blank line of a raw text: its index among paragraphs and raw offsets."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SampledDoc:
    """A drawn document and the paragraphs of it to annotate."""

    stem: str
    source: str  # the corpus subfolder, e.g. "cities-2024"
    file: str
    meta: dict[str, object]
    stratum: str
    step: int
    offset: int
    paragraphs: tuple[Paragraph, ...]
    glossary_start: int | None  # raw offset of the glossary heading, if the document has one

    @property
    def chars(self) -> int:
        return sum(p.end - p.start for p in self.paragraphs)


def _pieces(start: int, end: int, raw: str) -> list[tuple[int, int]]:
    """Cut a long line ``raw[start:end]`` after a 。 once a piece reaches ``UNIT_CHARS``."""
    if end - start <= LONG_LINE:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    lo = start
    while lo < end:
        stop = raw.find("。", lo + UNIT_CHARS, end)
        hi = end if stop < 0 or end - (stop + 1) < UNIT_CHARS // 2 else stop + 1
        pieces.append((lo, hi))
        lo = hi
    return pieces


def paragraphs(raw: str) -> list[Paragraph]:
    """The non-blank lines of ``raw`` (long lines cut in pieces), with raw offsets."""
    result: list[Paragraph] = []
    pos = 0
    for line in raw.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            for lo, hi in _pieces(pos + lead, pos + len(line.rstrip()), raw):
                result.append(Paragraph(len(result), lo, hi))
        pos += len(line) + 1
    return result


def glossary_start(raw: str) -> int | None:
    """Raw offset of the first line that is a glossary heading (名词解释, ※名词解释※…)."""
    pos = 0
    for line in raw.split("\n"):
        if GLOSSARY_HEADING.match(line):
            return pos
        pos += len(line) + 1
    return None


def _manifest(folder: Path) -> list[dict[str, object]]:
    data = tomllib.loads((folder / "manifest.toml").read_text("utf-8"))
    return sorted(data["document"], key=lambda d: str(d["file"]))


def _rng(seed: int, key: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def _draw_cities(entries: list[dict[str, object]], seed: int) -> list[tuple[dict, str]]:
    by_province: dict[str, list[dict[str, object]]] = defaultdict(list)
    for entry in entries:
        by_province[str(entry["province"])].append(entry)
    drawn: list[tuple[dict, str]] = []
    for province in sorted(by_province):
        members = by_province[province]
        k = max(1, round(len(members) * CITY_SHARE))
        for entry in _rng(seed, province).sample(members, k):
            drawn.append((entry, f"city/{province}"))
    return drawn


def _period(year: int) -> str:
    for lo, hi in PERIODS:
        if lo <= year <= hi:
            return f"{lo}-{hi}"
    raise ValueError(f"year {year} is outside every period")


def _draw_counties(
    entries: list[dict[str, object]], seed: int, covered: set[str]
) -> list[tuple[dict, str]]:
    drawn: list[tuple[dict, str]] = []
    strata: dict[str, list[dict[str, object]]] = defaultdict(list)
    for entry in entries:
        province = str(entry["province"])
        if province != "河北省" and province not in covered:
            drawn.append((entry, f"county/{province}"))
            continue
        strata[_period(int(str(entry["year"])))].append(entry)
    for period in sorted(strata):
        pool = strata[period][:]
        _rng(seed, period).shuffle(pool)
        places: set[str] = set()
        chosen: list[dict[str, object]] = []
        for entry in pool:  # distinct places first, then any
            if len(chosen) < COUNTY_PER_PERIOD and str(entry["place"]) not in places:
                chosen.append(entry)
                places.add(str(entry["place"]))
        for entry in pool:
            if len(chosen) < COUNTY_PER_PERIOD and entry not in chosen:
                chosen.append(entry)
        drawn.extend((entry, f"county/河北省/{period}") for entry in chosen)
    return drawn


def _ranges(
    raw: str, step: int, rng: random.Random
) -> tuple[int, tuple[Paragraph, ...], int | None]:
    cut = glossary_start(raw)
    body = [p for p in paragraphs(raw) if cut is None or p.end <= cut]
    offset = rng.randrange(step)
    return offset, tuple(p for p in body if p.index % step == offset), cut


def draw(corpus: Path, seed: int = SEED) -> list[SampledDoc]:
    """The drawn documents with their ranges, in a stable order."""
    cities = _draw_cities(_manifest(corpus / "cities-2024"), seed)
    covered = {s.split("/")[1] for _, s in cities}
    counties = _draw_counties(_manifest(corpus / "baoding-counties"), seed, covered)
    result: list[SampledDoc] = []
    for folder, drawn, step in (
        ("cities-2024", cities, CITY_STEP),
        ("baoding-counties", counties, COUNTY_STEP),
    ):
        for entry, stratum in drawn:
            file = str(entry["file"])
            raw = (corpus / folder / file).read_text("utf-8")
            offset, paras, cut = _ranges(raw, step, _rng(seed, file))
            meta = {k: v for k, v in entry.items() if k != "file"}
            stem = Path(file).stem
            result.append(SampledDoc(stem, folder, file, meta, stratum, step, offset, paras, cut))
    return sorted(result, key=lambda d: (d.source, d.stem))


def glossary_docs(corpus: Path) -> list[SampledDoc]:
    """Every corpus document that has a glossary heading (annotated whole, apart from ranges)."""
    found: list[SampledDoc] = []
    for folder in ("cities-2024", "baoding-counties"):
        for entry in _manifest(corpus / folder):
            file = str(entry["file"])
            raw = (corpus / folder / file).read_text("utf-8")
            cut = glossary_start(raw)
            if cut is not None:
                meta = {k: v for k, v in entry.items() if k != "file"}
                found.append(
                    SampledDoc(Path(file).stem, folder, file, meta, "glossary", 0, 0, (), cut)
                )
    return found


def _fresh_doc(
    corpus: Path, folder: str, entry: dict[str, object], step: int, level: str, seed: int
) -> SampledDoc:
    """One report of a later draw, its ranges by the rule of its level (every ``step``-th
    paragraph from a seeded offset), its stratum ``<level>/<province>/fresh``."""
    file = str(entry["file"])
    raw = (corpus / folder / file).read_text("utf-8")
    offset, paras, cut = _ranges(raw, step, _rng(seed, f"fresh:{file}"))
    meta = {k: v for k, v in entry.items() if k != "file"}
    stratum = f"{level}/{entry['province']}/fresh"
    return SampledDoc(Path(file).stem, folder, file, meta, stratum, step, offset, paras, cut)


def draw_fresh(
    corpus: Path, provinces: set[str], taken: set[str], seed: int = SEED
) -> list[SampledDoc]:
    """A later draw for a fresh sealed fold: every city report of ``provinces`` whose stem is
    not in ``taken`` (already drawn, or read by anyone), with ranges by the same rule."""
    result = [
        _fresh_doc(corpus, "cities-2024", entry, CITY_STEP, "city", seed)
        for entry in _manifest(corpus / "cities-2024")
        if str(entry["province"]) in provinces and Path(str(entry["file"])).stem not in taken
    ]
    return sorted(result, key=lambda d: d.stem)


def county_key(place: str) -> str:
    """A county's name without its level (徐水县 and 徐水区 are one place)."""
    return place[:-1] if len(place) > 2 and place[-1] in "县区市" else place


def draw_fresh_counties(corpus: Path, taken: set[str], seed: int = SEED) -> list[SampledDoc]:
    """A later draw for a fresh sealed fold of county reports: every report of
    ``baoding-counties`` whose place has no report in ``taken`` (a county drawn, judged or read
    in any year is not fresh in another year), ranges by the county rule."""
    entries = _manifest(corpus / "baoding-counties")
    seen = {county_key(str(e["place"])) for e in entries if Path(str(e["file"])).stem in taken}
    result = [
        _fresh_doc(corpus, "baoding-counties", entry, COUNTY_STEP, "county", seed)
        for entry in entries
        if county_key(str(entry["place"])) not in seen
    ]
    return sorted(result, key=lambda d: d.stem)
