"""Server settings, checked once at start-up."""

from __future__ import annotations

import ipaddress
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import PolicyKGError

log = logging.getLogger(__name__)


class ServerConfigError(PolicyKGError):
    """The server options contradict each other or cannot work."""


def default_workers() -> int:
    """One query worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServerConfig:
    """How to serve: what, where, and the limits every request is held to."""

    graph: Path
    host: str = "127.0.0.1"
    port: int = 7878
    cors: bool = False
    timeout_s: float = 30.0
    max_results: int = 10_000
    max_request_bytes: int = 1_000_000
    workers: int = field(default_factory=default_workers)
    allow_update: bool = False
    token: str | None = None
    queries_dir: Path | None = None
    allowed_hosts: tuple[str, ...] = ()  # Host header names accepted besides the defaults
    per_client: int = 16  # requests one remote address may have running or waiting
    queue_limit: int = 64  # requests that may wait for a worker
    header_timeout_s: float = 10.0  # to send a request's line and headers
    keep_alive_s: int = 5  # an idle keep-alive connection is closed after this

    @property
    def hosts(self) -> list[str]:
        """Host header values accepted: the bound address, localhost, and --allow-host names."""
        if "*" in self.allowed_hosts:
            return ["*"]
        defaults = [self.host, "localhost", "127.0.0.1", "[::1]"]
        return list(dict.fromkeys(defaults + list(self.allowed_hosts)))

    @property
    def queue_wait_s(self) -> float:
        """How long a request may wait for a free worker before the server says it is busy."""
        return self.timeout_s + 5.0

    def check(self) -> None:
        """Refuse contradictory settings; warn about a non-loopback bind."""
        if self.timeout_s <= 0 or self.max_results <= 0 or self.max_request_bytes <= 0:
            raise ServerConfigError("--timeout, --max-results and the request limit must be > 0")
        if self.workers < 1:
            raise ServerConfigError("at least one query worker is needed")
        if self.per_client < 1 or self.queue_limit < 0:
            raise ServerConfigError("--per-client must be >= 1 and --queue >= 0")
        if self.allow_update and not self.token:
            raise ServerConfigError("--allow-update needs --token: updates are never anonymous")
        if self.token and not self.allow_update:
            raise ServerConfigError("--token only guards updates: add --allow-update")
        if not is_loopback(self.host):
            log.warning("binding %s: the endpoint is reachable from other machines", self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
