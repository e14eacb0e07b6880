"""Sorted Turtle of a graph that arrives in parts, without holding the whole graph.

Each part (a :class:`~policykg.graph.triples.Part` whose subjects no other part has, see
``rdf.GraphParts``) is sorted, handed to Oxigraph as N-Triples and written by its Turtle writer as
in :func:`~policykg.graph.turtle.sorted_turtle`; its subject blocks go to
an anonymous temporary file and only ``(subject, offset, length)`` stays in memory. At the end
the blocks are copied out in subject order, so the file has the same bytes as ``sorted_turtle``
of the whole graph (a test checks this).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
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


class TurtleSpool:
    """Collects parts as sorted subject blocks; :meth:`write` puts them in one sorted file."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        # closed by __exit__: the spool is used as a context manager
        self._file: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115
            dir=folder, prefix=".graph-spool."
        )
        self._index: list[tuple[str, int, int]] = []
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
        for subject, block in blocks:
            self._index.append((subject, self._file.tell(), len(block)))
            self._file.write(block)
        self.triples += triples

    def write(self, path: Path) -> None:
        """Write the sorted Turtle of every part to ``path`` (atomically)."""
        self._index.sort()
        for (first, *_), (second, *_) in zip(self._index, self._index[1:], strict=False):
            if first == second:
                raise RuntimeError(f"subject {first} is in two parts of the graph")
        self._file.flush()
        with replacing(path) as temp, temp.open("wb") as out:
            out.write(self._header)
            for _, offset, length in self._index:
                self._file.seek(offset)
                out.write(b"\n" + self._file.read(length))


def subject_blocks(rows: Sequence[Row]) -> tuple[bytes, list[tuple[str, bytes]], int]:
    """The Turtle of sorted rows as its prefix lines, one ``(subject, block)`` per subject, and
    the number of triples."""
    subjects = list(dict.fromkeys(row[0] for row in rows))  # rows are sorted by subject
    header, blocks = statements(turtle_of(rows))
    if len(blocks) != len(subjects):
        raise RuntimeError(f"{len(subjects)} subjects gave {len(blocks)} Turtle statements")
    return header, list(zip(subjects, blocks, strict=True)), len(rows)
