"""What a build writes into OUT/: ``graph.ttl``, ``extraction.jsonl`` and ``build.json``
(a small report without timestamps), staged and committed together (``publish``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from policykg.build.cache import DocCache
from policykg.build.idle import IdleWork, lines_written
from policykg.build.publish import Publication
from policykg.graph import atomic
from policykg.graph.screen import LeftOut
from policykg.ir import Extraction


@dataclass(frozen=True, slots=True)
class BuildReport:
    """A small summary of a build (no timestamps: two builds of one input write the same report)."""

    documents: int
    reused: int
    failures: list[dict[str, str]]
    triples: int
    entities: dict[str, int]
    relations: dict[str, int]
    pipeline_version: str | None
    left_out: list[dict[str, str]]
    skipped: list[dict[str, str]]

    @classmethod
    def of(
        cls,
        extraction: Extraction,
        triples: int,
        *,
        reused: int,
        cache: DocCache | None,
        left_out: Sequence[LeftOut] = (),
        skipped: Sequence[tuple[str, str]] = (),
    ) -> BuildReport:
        """The report of one build."""
        return cls(
            documents=len(extraction.docs),
            reused=reused,
            failures=[{"path": p, "reason": r} for p, r in extraction.failures],
            triples=triples,
            entities=dict(sorted(Counter(e.type.value for e in extraction.entities).items())),
            relations=dict(sorted(Counter(r.type.value for r in extraction.relations).items())),
            pipeline_version=cache.version if cache is not None else None,
            left_out=[{"what": item.what, "reason": item.reason} for item in left_out],
            skipped=[{"path": p, "reason": r} for p, r in skipped],
        )

    def to_json(self) -> str:
        """The report as indented JSON (Chinese kept readable)."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@contextmanager
def staged_outputs(out: Path) -> Iterator[Publication]:
    """A staging folder for the artifacts; when the block ends they move into ``out`` together
    (see ``publish``), unless it raised: a stopped build changes none of them."""
    publication = Publication(out)
    try:
        yield publication
        publication.commit()
    finally:
        publication.discard()


@contextmanager
def lines_in_steps(path: Path, lines: Iterable[str]) -> Iterator[IdleWork]:
    """JSONL ``lines`` (with or without their newline) written to ``path`` atomically, step by
    step as idle work (see ``idle``), the rest when the block ends: the same bytes as
    ``atomic.write_text(path, jsonl_text(lines))`` without the whole text in memory."""
    with atomic.replacing(path) as temp, temp.open("w", encoding="utf-8", newline="\n") as out:
        work = IdleWork(lines_written(out, lines))
        yield work
        work.finish()
