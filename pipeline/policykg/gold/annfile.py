"""Annotation files (``tests/data/annotation/*.ann``): the annotators' text, compiled to gold.

An ``.ann`` file annotates the drawn paragraphs of one document (``sample.toml``)::

    # 三亚 · pass 1
    [p12]
    E 高义钢铁
    P 明迈特2×36000KVA矿热炉项目
    L 三亚市 @1,3
    R undertakes 明迈特 > 明迈特2×36000KVA矿热炉项目

A ``[pN]`` header opens paragraph N (an empty block says "nothing to mark"). A line ``X text``
marks every occurrence of ``text`` in the paragraph as type X (E Enterprise, P Project, S Slogan,
A Abbreviation, G GovernmentBody, K Park, L Place), or only the occurrences listed after ``@``
(1-based, left to right). Place occurrences inside another marked span are dropped (a place name
inside a body's or project's name is not a Place). ``R type subject > object`` links two marked
strings of the paragraph; its evidence is the sentence holding both (or the sentences between
them). Compiling checks every string against the raw text and names the file and line of a fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import PolicyKGError

LABELS = {
    "E": "Enterprise",
    "P": "Project",
    "S": "Slogan",
    "A": "Abbreviation",
    "G": "GovernmentBody",
    "K": "Park",
    "L": "Place",
}
RELATIONS = {
    "undertakes": ("Enterprise", "Project"),
    "leads": ("Enterprise", "Park"),
    "responsibleFor": ("GovernmentBody", "Project"),
}
_HEADER = re.compile(r"^\[p(\d+)\]\s*$")
_MARK = re.compile(r"^([A-Z])\s+(.+?)(?:\s+@([\d,\s]+))?\s*$")
_REL = re.compile(r"^R\s+(\w+)\s+(.+?)\s+>\s+(.+?)\s*$")
_SENTENCE_END = "。！？；!?;"


class AnnotationError(PolicyKGError):
    """An ``.ann`` line that cannot be compiled: names the file, the line and the reason."""

    def __init__(self, path: object, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class RelationGold:
    type: str
    subject: Span
    object: Span
    evidence: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Compiled:
    """The gold of one ``.ann`` file: spans, relations and the paragraphs it covers."""

    spans: tuple[Span, ...]
    relations: tuple[RelationGold, ...]
    covered: tuple[int, ...]  # paragraph indices with a header


def _occurrences(text: str, needle: str) -> list[int]:
    found, pos = [], text.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = text.find(needle, pos + len(needle))
    return found


def _sentence(raw: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) of paragraph ``raw[lo:hi]`` around ``[start, end)``."""
    left = max((raw.rfind(c, lo, start) for c in _SENTENCE_END), default=-1)
    s = max(lo, left + 1)
    rights = [i for i in (raw.find(c, end, hi) for c in _SENTENCE_END) if i >= 0]
    return s, (min(rights) + 1 if rights else hi)


class _Block:
    def __init__(self, index: int, lo: int, hi: int) -> None:
        self.index, self.lo, self.hi = index, lo, hi
        self.spans: list[Span] = []
        self.places: list[Span] = []
        self.relations: list[tuple[int, str, str, str]] = []


def _mark(block: _Block, raw: str, where: str, lineno: int, m: re.Match[str]) -> None:
    code, text, picks = m.group(1), m.group(2), m.group(3)
    if code not in LABELS:
        raise AnnotationError(where, lineno, f"unknown type letter {code!r}")
    found = _occurrences(raw[block.lo : block.hi], text)
    if not found:
        raise AnnotationError(where, lineno, f"{text!r} is not in paragraph p{block.index}")
    chosen = found
    if picks:
        numbers = [int(n) for n in re.split(r"[,\s]+", picks.strip()) if n]
        if any(not 1 <= n <= len(found) for n in numbers):
            raise AnnotationError(where, lineno, f"{text!r} occurs {len(found)} times, not {picks}")
        chosen = [found[n - 1] for n in numbers]
    for pos in chosen:
        span = Span(block.lo + pos, block.lo + pos + len(text), LABELS[code], text)
        (block.places if code == "L" else block.spans).append(span)


def _within(inner: Span, outer: Span) -> bool:
    """``inner`` lies inside the longer span ``outer``."""
    longer = outer.end - outer.start > inner.end - inner.start
    return longer and outer.start <= inner.start and inner.end <= outer.end


def _resolve(block: _Block, raw: str, where: str) -> tuple[list[Span], list[RelationGold]]:
    marked = block.spans + block.places
    kept = [p for p in block.places if not any(_within(p, s) for s in marked)]
    spans = block.spans + kept
    relations: list[RelationGold] = []
    for lineno, kind, subj, obj in block.relations:
        if kind not in RELATIONS:
            raise AnnotationError(where, lineno, f"unknown relation {kind!r}")
        want_s, want_o = RELATIONS[kind]
        s_opts = [s for s in spans if s.text == subj and s.label == want_s]
        o_opts = [s for s in spans if s.text == obj and s.label == want_o]
        if not s_opts or not o_opts:
            missing = subj if not s_opts else obj
            raise AnnotationError(
                where, lineno, f"{missing!r} is not marked with the type {kind} needs"
            )
        s, o = min(
            ((a, b) for a in s_opts for b in o_opts), key=lambda ab: abs(ab[0].start - ab[1].start)
        )
        lo, _ = _sentence(raw, block.lo, block.hi, min(s.start, o.start), min(s.end, o.end))
        _, hi = _sentence(raw, block.lo, block.hi, max(s.start, o.start), max(s.end, o.end))
        relations.append(RelationGold(kind, s, o, (lo, hi)))
    return spans, relations


def compile_ann(path: Path, raw: str, paragraphs: dict[int, tuple[int, int]]) -> Compiled:
    """Compile one ``.ann`` file against the raw text and its drawn paragraphs (index -> range)."""
    blocks: list[_Block] = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if header := _HEADER.match(line):
            index = int(header.group(1))
            if index not in paragraphs:
                raise AnnotationError(path, lineno, f"p{index} is not a drawn paragraph")
            if any(b.index == index for b in blocks):
                raise AnnotationError(path, lineno, f"p{index} appears twice")
            blocks.append(_Block(index, *paragraphs[index]))
        elif not blocks:
            raise AnnotationError(path, lineno, "a mark before the first [pN] header")
        elif rel := _REL.match(line):
            blocks[-1].relations.append((lineno, rel.group(1), rel.group(2), rel.group(3)))
        elif mark := _MARK.match(line):
            _mark(blocks[-1], raw, str(path), lineno, mark)
        else:
            raise AnnotationError(path, lineno, f"cannot read {line!r}")
    spans: set[Span] = set()
    relations: list[RelationGold] = []
    for block in blocks:
        block_spans, block_relations = _resolve(block, raw, str(path))
        spans.update(block_spans)
        relations.extend(block_relations)
    ordered = tuple(sorted(spans, key=lambda s: (s.start, s.end, s.label)))
    return Compiled(ordered, tuple(relations), tuple(sorted(b.index for b in blocks)))
