"""``policykg extract`` and ``policykg train``: the NLP stage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, handle_errors, not_yet


@app.command()
@handle_errors
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Documents (.txt/.md/.docx/.pdf) or folders of them.")
    ],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl (one entity or relation per line) or table."),
    ] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Extract enterprises, projects, slogans, abbreviations (with definitions) and their relations.

    Prints one JSON object per line: entities ({"kind":"entity",...}) then relations
    ({"kind":"relation",...}); offsets index the raw decoded text of each source file.
    Files that cannot be read are named on stderr and skipped; the exit status is 1 if any was.
    """
    not_yet("extract: the extractor lands with the extraction issue")
