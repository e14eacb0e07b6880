"""``policykg bench build --corpus DIR``: a real corpus built end to end, as a user runs it.

In one run: ``policykg extract`` of the corpus, then ``policykg build --no-cache`` of it (and
``--jobs N`` when asked, its graph compared byte for byte with the one-process build). Each is the
console script in a fresh process, timed by wall clock; its peak memory is the largest resident
set of the process and of every process below it (``wait4``, and ``/proc`` sampled for the
workers a fork server started, ``tree_memory``); the build writes the time of each
stage (``--timings``). The ratio build ÷ extraction is of two runs made one after the other.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from policykg.bench.timing import policykg_command
from policykg.bench.tree_memory import TreePeak
from policykg.text.sources import read_batch

DEFAULT_CORPUS = Path("../shared/corpus")


@dataclass(frozen=True, slots=True)
class Run:
    """One timed command: wall-clock seconds, peak resident memory, the stage times it wrote."""

    seconds: float
    peak_mb: float
    stages: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CorpusFigures:
    """Extraction and build of one corpus in one run."""

    folders: tuple[Path, ...]
    documents: int
    chars: int
    extract: Run
    build: Run
    triples: int
    parallel: Run | None = None
    jobs: int = 1
    identical: bool | None = None
    reference: Run | None = None  # the one-process build validated by pyshacl

    def rate(self, run: Run) -> float:
        """Characters per second of ``run``."""
        return self.chars / run.seconds


def corpus_folders(corpus: Path) -> list[Path]:
    """The folders to build: ``corpus`` when it holds documents, and each subfolder that does."""
    subfolders = sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith("."))
    has_docs = any(p.is_file() and p.suffix == ".txt" for p in corpus.iterdir())
    return ([corpus] if has_docs or not subfolders else []) + subfolders


def timed(command: list[str]) -> Run:
    """Run ``command``; its seconds and peak memory (raises when it fails)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        with TreePeak(proc.pid) as tree:  # workers of a fork server are not waited for
            _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            tail = errors.read()[-2000:].decode("utf-8", "replace")
            raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}): {tail}")
    return Run(seconds, max(usage.ru_maxrss, tree.kib) / 1024)


def build_run(folders: list[Path], out: Path, *extra: str) -> Run:
    """One cold ``policykg build`` of ``folders`` into ``out``, with its stage times."""
    seeds = [arg for folder in folders for arg in ("--seeds", str(folder))]
    stages_path = out.parent / f"{out.name}-timings.json"
    command = [*policykg_command(), "build", *seeds, "--out", str(out), "--no-cache"]
    run = timed([*command, "--timings", str(stages_path), *extra])
    stages = json.loads(stages_path.read_text(encoding="utf-8"))
    return Run(run.seconds, run.peak_mb, stages)


def _same_outputs(one: Path, other: Path) -> bool:
    names = ("graph.ttl", "extraction.jsonl", "build.json")
    return all((one / name).read_bytes() == (other / name).read_bytes() for name in names)


def bench_corpus(
    corpus: Path, work: Path, *, jobs: int = 1, reference: bool = False
) -> CorpusFigures:
    """Extraction, then the one-process build (then the ``jobs``-process build, if > 1, and the
    one-process build validated by pyshacl, if ``reference``; both must write the same bytes)."""
    folders = corpus_folders(corpus)
    docs = read_batch(folders).docs
    chars = sum(len(doc.raw) for doc in docs)
    extract = timed(
        [*policykg_command(), "extract", *map(str, folders), "-o", str(work / "x.jsonl")]
    )
    build = build_run(folders, work / "serial")
    report = json.loads((work / "serial" / "build.json").read_text(encoding="utf-8"))
    parallel, identical, checked = None, None, None
    if jobs > 1:
        parallel = build_run(folders, work / "parallel", "--jobs", str(jobs))
        identical = _same_outputs(work / "serial", work / "parallel")
    if reference:
        checked = build_run(folders, work / "pyshacl", "--validator", "pyshacl")
        if not _same_outputs(work / "serial", work / "pyshacl"):
            raise RuntimeError("--validator pyshacl wrote other outputs than the compiled shapes")
    return CorpusFigures(
        tuple(folders),
        len(docs),
        chars,
        extract,
        build,
        report["triples"],
        parallel,
        jobs,
        identical,
        checked,
    )
