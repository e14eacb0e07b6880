"""The progress display of a build: a rich bar on stderr over the documents, then the stages."""

from __future__ import annotations

import logging
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

logger = logging.getLogger(__name__)


class BuildProgress:
    """A context manager; when disabled it only logs, so library callers stay quiet."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.current = "reading documents"
        self.started = time.perf_counter()
        self.timings: dict[str, float] = {}

    def __enter__(self) -> BuildProgress:
        if self.enabled:
            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.finish_stage()
        if self.progress is not None:
            self.progress.stop()

    def finish_stage(self) -> None:
        """Log how long the current stage took."""
        now = time.perf_counter()
        logger.info("%s took %.2f s", self.current, now - self.started)
        self.timings[self.current] = self.timings.get(self.current, 0.0) + now - self.started
        self.started = now

    def carve(self, label: str, seconds: float) -> None:
        """Count ``seconds`` of the current stage as ``label`` instead (a step inside it)."""
        self.timings[label] = self.timings.get(label, 0.0) + seconds
        self.started += seconds

    def start_documents(self, total: int) -> None:
        """Begin the per-document bar."""
        self.finish_stage()
        self.current = f"extracting {total} documents"
        if self.progress is not None:
            self.task = self.progress.add_task("extracting", total=total)

    def document_done(self, name: str, *, from_cache: bool) -> None:
        """One document extracted or taken from the cache."""
        logger.info("%s: %s", name, "from cache" if from_cache else "extracted")
        if self.progress is not None and self.task is not None:
            how = "from cache" if from_cache else "extracted"
            self.progress.update(self.task, advance=1, description=f"{name} ({how})")

    def note(self, description: str) -> None:
        """Say what is happening inside the current stage (no timing)."""
        logger.info("%s", description)
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=description)

    def stage(self, description: str) -> None:
        """A step after extraction (resolution, RDF, SHACL, writing); logs the last one's time."""
        self.finish_stage()
        self.current = description
        logger.info("%s", description)
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=description)
