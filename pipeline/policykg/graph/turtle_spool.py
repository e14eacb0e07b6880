"""Sorted Turtle of a graph that arrives in parts, without holding the whole graph.

Each part (a :class:`~policykg.graph.triples.Part` whose subjects no other part has, see
``rdf.GraphParts``) is sorted, handed to Oxigraph as N-Triples and written by its Turtle writer as
in :func:`~policykg.graph.turtle.sorted_turtle`; its subject blocks go to an anonymous
temporary file as one sorted run, and only the run's subjects (as one text) and the length of
each block stay in memory. At the end the runs are merged in subject order, so the file has the
same bytes as ``sorted_turtle`` of the whole graph (a test checks this).
"""

from __future__ import annotations

import heapq
import re
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import IO

from policykg.graph.atomic import replacing
from policykg.graph.triples import PartRows, Row, rows_in
from policykg.graph.turtle import turtle_of

_STATEMENT = re.compile(rb"\n(?=[^\t ])")  # ends the line before one that is not indented


@dataclass(frozen=True, slots=True)
class Blocks:
    """A part's Turtle cut for the spool: its prefix lines, its subjects in order, their blocks
    one after the other (each after a newline, as in ``graph.ttl``) and each block's length."""

    header: bytes
    subjects: list[str]
    data: bytes
    lengths: array[int]
    triples: int

    def pieces(self) -> list[tuple[str, bytes]]:
        """``(subject, block)`` pairs, each block with its leading newline."""
        found, offset = [], 0
        for subject, length in zip(self.subjects, self.lengths, strict=True):
            found.append((subject, self.data[offset : offset + length]))
            offset += length
        return found


def subject_blocks(rows: Sequence[Row]) -> Blocks:
    r"""The Turtle of sorted rows of a build's part cut into one block per subject (a line that
    is not indented starts a statement; Oxigraph escapes newlines inside literals). The IRIs of
    a part are minted by ``graph.iri`` (see :func:`~policykg.graph.turtle.turtle_of`).

    >>> b = subject_blocks([("s:a", True, "x:p", "1", "L", "", ""), ("s:b", True, "x:p", "2", "L", "", "")])
    >>> b.subjects, b.data, list(b.lengths)
    (['s:a', 's:b'], b'\n<s:a> <x:p> "1" .\n\n<s:b> <x:p> "2" .\n', [19, 19])
    """
    subjects = list(dict.fromkeys(row[0] for row in rows))  # rows are sorted by subject
    turtle = turtle_of(rows, minted=True)
    body = 0
    while turtle.startswith(b"@prefix", body):
        body = turtle.index(b"\n", body) + 1
    starts = [body, *(match.end() for match in _STATEMENT.finditer(turtle, body))] if rows else []
    if len(starts) != len(subjects):
        raise RuntimeError(f"{len(subjects)} subjects gave {len(starts)} Turtle statements")
    ends = [*starts[1:], len(turtle)] if starts else []
    data = b"\n" + _STATEMENT.sub(b"\n\n", turtle[body:]) if rows else b""
    lengths = array("Q", [end - start + 1 for start, end in zip(starts, ends, strict=True)])
    return Blocks(turtle[:body], subjects, data, lengths, len(rows))


@dataclass(frozen=True, slots=True)
class _Run:
    """The subject blocks of one part, stored one after the other in the spool file (each with
    the newline that goes before it in ``graph.ttl``), sorted by subject."""

    first: str
    last: str
    start: int  # offset of the first block in the spool file
    size: int  # bytes of all its blocks
    subjects: str  # the subjects, joined by newlines (no IRI or blank node holds one)
    lengths: array[int]  # of each block, its leading newline included

    def entries(self) -> Iterator[tuple[str, int, int]]:
        """``(subject, offset, length)`` of each block, in subject order."""
        offset = self.start
        for subject, length in zip(self.subjects.split("\n"), self.lengths, strict=True):
            yield subject, offset, length
            offset += length


class TurtleSpool:
    """Collects parts as sorted subject blocks; :meth:`write` puts them in one sorted file.

    Memory per subject is its text and one 8-byte length (a part's blocks are one sorted run);
    :meth:`write` merges the runs, copying a run whose subjects no other run falls among
    (most document parts) in one piece."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        # closed by __exit__: the spool is used as a context manager
        self._file: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115
            dir=folder, prefix=".graph-spool."
        )
        self._runs: list[_Run] = []
        self._end = 0
        self._header = b""  # Oxigraph writes the prefixes only with the first triple
        self.triples = 0

    def __enter__(self) -> TurtleSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def add(self, part: PartRows) -> None:
        """Spool the subject blocks of ``part`` (a Part, rows in sorted order, or a Graph)."""
        self.add_blocks(subject_blocks(rows_in(part)))

    def add_blocks(self, blocks: Blocks) -> None:
        """Spool blocks made by :func:`subject_blocks` (here or in a worker process)."""
        self._header = self._header or blocks.header
        self.triples += blocks.triples
        if not blocks.subjects:
            return
        subjects, data, lengths = blocks.subjects, blocks.data, blocks.lengths
        if any(a >= b for a, b in pairwise(subjects)):  # not sorted: sort the blocks
            pieces = sorted(blocks.pieces())
            _refuse_repeats(subject for subject, _ in pieces)
            subjects = [subject for subject, _ in pieces]
            data = b"".join(block for _, block in pieces)
            lengths = array("Q", [len(block) for _, block in pieces])
        self._file.seek(self._end)
        self._file.write(data)
        run = _Run(subjects[0], subjects[-1], self._end, len(data), "\n".join(subjects), lengths)
        self._runs.append(run)
        self._end += len(data)

    def write(self, path: Path) -> None:
        """Write the sorted Turtle of every part to ``path`` (atomically)."""
        self._file.flush()
        with replacing(path) as temp, temp.open("wb") as out:
            out.write(self._header)
            for cluster in _overlapping(sorted(self._runs, key=lambda run: run.first)):
                if len(cluster) == 1:
                    self._copy(out, cluster[0].start, cluster[0].size)
                    continue
                merged = list(heapq.merge(*(run.entries() for run in cluster)))
                _refuse_repeats(subject for subject, _, _ in merged)
                for _, offset, length in merged:
                    self._file.seek(offset)
                    out.write(self._file.read(length))

    def _copy(self, out: IO[bytes], start: int, size: int) -> None:
        self._file.seek(start)
        while size > 0:
            chunk = self._file.read(min(size, _CHUNK))
            out.write(chunk)
            size -= len(chunk)


_CHUNK = 1 << 24


def _overlapping(runs: Sequence[_Run]) -> Iterator[list[_Run]]:
    """Runs sorted by first subject, grouped so that no group's subjects fall among another's."""
    group: list[_Run] = []
    last = ""
    for run in runs:
        if group and run.first > last:
            yield group
            group = []
        if not group or run.last > last:
            last = run.last
        group.append(run)
    if group:
        yield group


def _refuse_repeats(subjects: Iterable[str]) -> None:
    """Raise if a subject comes twice in a row (the subjects are sorted)."""
    previous = None
    for subject in subjects:
        if subject == previous:
            raise RuntimeError(f"subject {subject} is in two parts of the graph")
        previous = subject
