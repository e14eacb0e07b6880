"""``policykg extract``: the NLP stage on the command line."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policykg.cli.app import DASK_OPTION, JOBS_OPTION, app, err_console, handle_errors
from policykg.cli.quick_exit import Finished
from policykg.errors import PolicyKGError
from policykg.ir import Extraction

if TYPE_CHECKING:
    from policykg.build.plan import ExtractPlan
    from policykg.text.sources import Batch

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "table")


def table_lines(ex: Extraction) -> Iterable[str]:
    """A plain tab-separated overview: type, label, mentions, aliases; then relation counts."""
    yield "type\tlabel\tmentions\taliases"
    for entity in ex.entities:
        yield f"{entity.type.value}\t{entity.label}\t{len(entity.mentions)}\t{'、'.join(entity.aliases)}"
    labels = {e.id: e.label for e in ex.entities}
    yield ""
    yield "relation\tsubject\tobject\tevidence"
    for rel in ex.relations:
        yield f"{rel.type.value}\t{labels.get(rel.subject, rel.subject)}\t{labels.get(rel.object, rel.object)}\t{len(rel.evidence)}"


def write_lines(lines: Iterable[str], out: Path | None) -> None:
    """Write to ``out`` atomically (temp file, then rename), or to stdout."""
    if out is None:
        for line in lines:
            sys.stdout.write(line + "\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            for line in lines:
                stream.write(line + "\n")
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def extract_with(batch: Batch, plan: ExtractPlan) -> Extraction:
    """The serial extractor for the default plan; the build's extraction loop otherwise."""
    if plan.jobs == 1 and plan.dask is None:
        from policykg.nlp.extract import extract_batch

        return extract_batch(batch)
    from policykg.build.run import extract_batch_with, nlp_stages

    return extract_batch_with(batch, nlp_stages(), plan)


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
    jobs: Annotated[int, JOBS_OPTION] = 1,
    dask: Annotated[str | None, DASK_OPTION] = None,
) -> None:
    """Extract enterprises, projects, slogans, abbreviations (with definitions) and their relations.

    --format jsonl (the default) prints one JSON object per line: entities
    ({"kind":"entity",...}, with mentions and stated amounts) then relations
    ({"kind":"relation",...}, with evidence sentences); offsets index the raw decoded text of
    each source file. --format table prints a tab-separated overview for reading.
    Files that cannot be read are named on stderr with the reason and skipped; the exit status
    is 1 if any was. Folder entries that are not files (subfolders, named pipes, dangling
    symbolic links, link loops) and manifest entries whose file is missing are named as
    warnings.
    --jobs N or --dask SCHEDULER spread the documents over worker processes or a Dask cluster
    (same output); there a document whose extraction fails is also named and skipped.
    """
    from policykg.build.plan import ExtractPlan
    from policykg.nlp.jsonl import dump_extraction
    from policykg.text.sources import read_batch

    if format not in FORMATS:
        raise PolicyKGError(
            f"--format: unknown format {format!r} (choose from {', '.join(FORMATS)})"
        )
    plan = ExtractPlan(jobs=jobs, dask=dask)
    batch = read_batch(paths)
    ex = extract_with(batch, plan)
    write_lines(dump_extraction(ex) if format == "jsonl" else table_lines(ex), out)
    for path, reason in batch.skipped:
        err_console.print(
            f"policykg: warning: skipped {path}: {reason}", markup=False, highlight=False
        )
    for path, reason in ex.failures:
        err_console.print(f"policykg: skipped {path}: {reason}", markup=False, highlight=False)
    # Written and closed (stdout is flushed on the way out): the console script leaves without
    # freeing the documents and entities, as after a build (``cli.quick_exit``).
    raise Finished(1 if ex.failures else 0)
