"""``policykg eval``: precision, recall and F1 on the held-out split."""

from __future__ import annotations

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
