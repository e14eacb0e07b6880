"""Timing helpers for the benchmarks: medians over repeats, peak memory of a child process."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Timing:
    """Median, min and max wall-clock seconds of ``runs`` repeats."""

    median: float
    low: float
    high: float
    runs: int


def measure(func: Callable[[], Any], *, repeat: int = 5, warmup: int = 1) -> Timing:
    """Call ``func`` ``warmup`` times, then time ``repeat`` calls."""
    for _ in range(warmup):
        func()
    samples: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return Timing(statistics.median(samples), min(samples), max(samples), repeat)


_CHILD_EPILOGUE = """
import json as _json, resource as _resource
result["peak_rss_mb"] = round(_resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(_json.dumps(result))
"""


def run_child(code: str, *args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run Python ``code`` (which must set a dict ``result``) in a fresh interpreter.

    The result gains ``peak_rss_mb``, the child's own peak resident memory as the OS saw it, so
    every figure is measured from a cold start, apart from whatever ran before.
    """
    proc = subprocess.run(
        [sys.executable, "-c", code + _CHILD_EPILOGUE, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    parsed: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return parsed


def policykg_command() -> list[str]:
    """How to run the installed ``policykg`` console script next to this interpreter (else ``-m``)."""
    script = Path(sys.executable).with_name("policykg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "policykg"]


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    mem_kib = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    mem_kib = int(line.split()[1])
    except OSError:
        pass
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
