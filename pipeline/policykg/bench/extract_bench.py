"""Extraction throughput: the full pipeline against its floors, on the same text in the same run.

Floors: a bare spaCy ``zh`` char-tokenizer pass over the same paragraphs (and the pipeline's own
char tokenizer, which makes the same tokens), and one plain regex scan over the same text. The
full pipeline is ``extract_doc`` per document (normalise, glossary, every spaCy component, the
statistical NER on the firm sentences, propagation, relations), as ``policykg build`` runs it.
"""

from __future__ import annotations

import multiprocessing as mp
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import spacy

from policykg.bench.timing import Timing, measure
from policykg.ir import SourceDoc
from policykg.nlp.char_tokenizer import CharTokenizer
from policykg.nlp.extract import extract_doc
from policykg.text.normalize import normalize

_SCAN = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:有限公司|集团|项目|工程)|“[^”]{1,30}”")


@dataclass(frozen=True, slots=True)
class ExtractFigures:
    """Characters per second of each pass over ``chars`` raw characters."""

    chars: int
    full: Timing
    tokenizer: Timing
    own_tokenizer: Timing
    regex: Timing

    def rate(self, timing: Timing) -> float:
        """Characters per second for one of the timings."""
        return self.chars / timing.median


def _paragraphs(docs: Sequence[SourceDoc]) -> list[str]:
    return [p for doc in docs for p in normalize(doc.raw).text.split("\n") if p]


def bench_extract(
    docs: Sequence[SourceDoc], nlp: Any, *, repeat: int = 3, decider: Any = "shipped"
) -> ExtractFigures:
    """Median chars/s of the full pipeline (with ``decider``, as ``extract_doc`` takes it), the
    bare tokenizer and a regex scan."""
    chars = sum(len(doc.raw) for doc in docs)
    paragraphs = _paragraphs(docs)
    blank = spacy.blank("zh")
    own = CharTokenizer(blank.vocab)
    joined = "\n".join(doc.raw for doc in docs)

    def full() -> None:
        for doc in docs:
            extract_doc(doc, nlp, decider)

    def tokenizer() -> None:
        for _ in blank.pipe(paragraphs, batch_size=256):
            pass

    def own_tokenizer() -> None:
        for text in paragraphs:
            own(text)

    def regex() -> None:
        for _ in _SCAN.finditer(joined):
            pass

    return ExtractFigures(
        chars=chars,
        full=measure(full, repeat=repeat),
        tokenizer=measure(tokenizer, repeat=repeat),
        own_tokenizer=measure(own_tokenizer, repeat=repeat),
        regex=measure(regex, repeat=repeat),
    )


_WORKER_NLP: list[Any] = []


def _init_worker() -> None:
    from policykg.nlp.pipeline import build_nlp

    _WORKER_NLP.append(build_nlp())


def _extract_in_worker(doc: SourceDoc) -> int:
    return len(extract_doc(doc, _WORKER_NLP[0]).candidates)


def bench_parallel(docs: Sequence[SourceDoc], processes: int, *, repeat: int = 3) -> Timing:
    """Wall-clock time of ``extract_doc`` over ``docs`` spread on ``processes`` worker processes
    (each loads the pipeline once, before timing starts)."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_init_worker) as pool:
        pool.map(_extract_in_worker, list(docs))  # warm every worker
        return measure(
            lambda: pool.map(_extract_in_worker, list(docs), chunksize=1), repeat=repeat, warmup=0
        )
