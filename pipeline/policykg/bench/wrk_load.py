"""Load from ``wrk`` (Debian package), a C load generator, so the client costs little CPU.

The Python client threads share the two cores with the server and spend a good part of them;
``wrk`` sends the same GET (keep-alive, fixed connections, bounded duration) at a fraction of
that cost. We read its plain-text report: request count, duration, latency percentiles and
errors (socket errors and non-2xx answers).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.parse

from policykg.bench.server_bench import LoadResult
from policykg.errors import PolicyKGError

_UNIT_SECONDS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"
_TOTAL = re.compile(r"^\s*(\d+) requests in " + _DURATION, re.MULTILINE)
_PERCENTILE = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+" + _DURATION + r"\s*$", re.MULTILINE)
_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)", re.MULTILINE)


class WrkError(PolicyKGError):
    """wrk could not run, or printed a report we cannot read."""


def wrk_path() -> str | None:
    """The ``wrk`` executable on PATH, or None (then only the Python client is used)."""
    return shutil.which("wrk")


def _seconds(value: str, unit: str) -> float:
    return float(value) * _UNIT_SECONDS[unit]


def parse_wrk_report(text: str) -> LoadResult:
    """The figures of a ``wrk --latency`` report.

    ``requests`` counts answers without a socket error (wrk counts non-2xx answers among its
    requests: they are subtracted here and counted as errors, like the Python client does).
    """
    total = _TOTAL.search(text)
    percentiles = {m.group(1): _seconds(m.group(2), m.group(3)) for m in _PERCENTILE.finditer(text)}
    if total is None or set(percentiles) != {"50", "99"}:
        raise WrkError(f"cannot read this wrk report (was --latency given?):\n{text}")
    sockets = _SOCKET_ERRORS.search(text)
    socket_errors = sum(int(n) for n in sockets.groups()) if sockets else 0
    non_2xx = _NON_2XX.search(text)
    bad_answers = int(non_2xx.group(1)) if non_2xx else 0
    answered = int(total.group(1))
    return LoadResult(
        requests=answered - bad_answers,
        errors=bad_answers + socket_errors,
        seconds=_seconds(total.group(2), total.group(3)),
        p50_ms=percentiles["50"] * 1000,
        p99_ms=percentiles["99"] * 1000,
    )


def wrk_command(
    exe: str, url: str, query: str, *, connections: int, seconds: int, threads: int = 2
) -> list[str]:
    """A bounded wrk run: GET ``url?query=…`` on ``connections`` keep-alive connections."""
    target = url + "?" + urllib.parse.urlencode({"query": query})
    return [
        exe,
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=30s",
        "--latency",
        "--header=Accept: application/sparql-results+json",
        target,
    ]


def wrk_load(
    url: str, query: str, *, connections: int = 4, seconds: int = 5, exe: str | None = None
) -> LoadResult:
    """Run wrk against ``url`` with one query for ``seconds`` and read its report."""
    exe = exe or wrk_path()
    if exe is None:
        raise WrkError("wrk is not on PATH (Debian: apt-get install wrk)")
    cmd = wrk_command(exe, url, query, connections=connections, seconds=seconds)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise WrkError(f"wrk did not finish: {exc}") from exc
    if done.returncode != 0:
        raise WrkError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    return parse_wrk_report(done.stdout)
