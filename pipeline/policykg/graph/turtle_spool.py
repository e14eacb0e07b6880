"""Sorted Turtle of a graph that arrives in parts, without holding the whole graph.

Each part (a :class:`~policykg.graph.triples.Part` whose subjects no other part has, see
``rdf.GraphParts``) is sorted, handed to Oxigraph as N-Triples and written by its Turtle writer as
in :func:`~policykg.graph.turtle.sorted_turtle`; its subject blocks go to
an anonymous temporary file and only ``(subject, offset, length)`` stays in memory. At the end
the blocks are copied out in subject order, so the file has the same bytes as ``sorted_turtle``
of the whole graph (a test checks this).
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

_STATEMENT_START = re.compile(rb"(?<=\n)(?=[^\t ])")  # a line that is not indented


def statements(turtle: bytes) -> tuple[bytes, list[bytes]]:
    r"""Oxigraph's Turtle split into its prefix lines and one block per subject (a line that is
    not indented starts a statement; Oxigraph escapes newlines inside literals).

    >>> statements(b"@prefix a: <x#> .\n<s> a:p 1 ;\n\ta:q 2 .\n<t> a:p 3 .\n")
    (b'@prefix a: <x#> .\n', [b'<s> a:p 1 ;\n\ta:q 2 .\n', b'<t> a:p 3 .\n'])
    """
    pieces = _STATEMENT_START.split(turtle)
    prefixes = 0
    while prefixes < len(pieces) and pieces[prefixes].startswith(b"@prefix"):
        prefixes += 1
    return b"".join(pieces[:prefixes]), pieces[prefixes:]


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
        self.add_blocks(*subject_blocks(rows_in(part)))

    def add_blocks(self, header: bytes, blocks: Sequence[tuple[str, bytes]], triples: int) -> None:
        """Spool blocks made by :func:`subject_blocks` (here or in a worker process)."""
        self._header = self._header or header
        self.triples += triples
        if not blocks:
            return
        if any(a[0] >= b[0] for a, b in pairwise(blocks)):
            blocks = sorted(blocks)
            _refuse_repeats(subject for subject, _ in blocks)
        data = b"".join(b"\n" + block for _, block in blocks)
        self._file.seek(self._end)
        self._file.write(data)
        self._runs.append(
            _Run(
                blocks[0][0],
                blocks[-1][0],
                self._end,
                len(data),
                "\n".join(subject for subject, _ in blocks),
                array("Q", [len(block) + 1 for _, block in blocks]),
            )
        )
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


def subject_blocks(rows: Sequence[Row]) -> tuple[bytes, list[tuple[str, bytes]], int]:
    """The Turtle of sorted rows as its prefix lines, one ``(subject, block)`` per subject, and
    the number of triples."""
    subjects = list(dict.fromkeys(row[0] for row in rows))  # rows are sorted by subject
    header, blocks = statements(turtle_of(rows))
    if len(blocks) != len(subjects):
        raise RuntimeError(f"{len(subjects)} subjects gave {len(blocks)} Turtle statements")
    return header, list(zip(subjects, blocks, strict=True)), len(rows)
