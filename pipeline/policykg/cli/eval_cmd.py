"""``policykg eval`` and ``policykg train``: the annotated data, the statistical NER, the scores."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policykg.cli.app import app, handle_errors, not_yet


@app.command(name="eval")
@handle_errors
def evaluate(
    split: Annotated[
        str, typer.Option("--split", help="Which held-out split to score.")
    ] = "cross-county",
) -> None:
    """Score extraction against the gold annotations: per-type P/R/F1, strict and overlap."""
    not_yet("eval: lands with the extraction issue")


@app.command()
@handle_errors
def train(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Where to write the trained NER model.")
    ] = None,
) -> None:
    """Train the statistical NER component on the annotated training split (tests/data)."""
    not_yet("train: the statistical NER lands with the extraction issue")
