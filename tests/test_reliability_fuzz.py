"""Fuzzing ingest + extract: random and mutated report text never crashes, offsets stay exact."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import InputError
from policykg.ir import DocMeta, SourceDoc
from policykg.text.ingest import decode_bytes


def _doc(raw: str) -> SourceDoc:
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return SourceDoc("fuzz.txt", "fuzz.txt", raw, "utf-8", digest, DocMeta(name="fuzz.txt"))


def _check_offsets(raw: str, result: Any) -> None:
    for cand in result.candidates:
        span = cand.mention.span
        assert 0 <= span.start < span.end <= len(raw)
        assert raw[span.start : span.end] == span.text
    for rel in result.relations:
        ev = rel.evidence
        assert raw[ev.start : ev.end] == ev.text


@pytest.fixture(scope="module")
def seed_slices(seeds_dir: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    return [t[i : i + 1500] for t in texts for i in range(0, len(t), 7919)]


_NOISE = st.text(
    alphabet=st.sampled_from(
        [
            *"有限公司项目工程“”（）、，。：；\n -—?*#0123456789Ａ以为龙头实施主体为",
            "\x00",
            "\ufffd",
            "𠀀",
        ]
    ),
    max_size=40,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_seed_text_extracts_without_crashing(
    nlp: Any, seed_slices: list[str], data: st.DataObject
) -> None:
    from policykg.nlp.extract import extract_doc

    base = data.draw(st.sampled_from(seed_slices))
    cut = data.draw(st.integers(0, len(base)))
    raw = base[:cut] + data.draw(_NOISE) + base[cut:]
    if data.draw(st.booleans()):
        raw = raw[data.draw(st.integers(0, len(raw))) :]
    result = extract_doc(_doc(raw), nlp)
    _check_offsets(raw, result)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=400))
def test_random_text_extracts_without_crashing(nlp: Any, raw: str) -> None:
    from policykg.nlp.extract import extract_doc

    result = extract_doc(_doc(raw), nlp)
    _check_offsets(raw, result)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_decode_or_are_refused_with_a_reason(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "x.txt")
    except InputError as exc:
        assert exc.reason and str(exc).startswith("x.txt: ")
    else:
        assert isinstance(text, str) and encoding
