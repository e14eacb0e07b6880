"""The decision stage's text index answers exactly as the plain scans it replaces."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.nlp.statistical.text_index import CLAUSE_STOP, clause_around, occurrences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# few distinct characters, so strings recur, overlap themselves (啊啊 in 啊啊啊) and meet marks
_TEXT = st.text(alphabet="啊吧项目。，\n；a", max_size=60)


def _plain_clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((text.rfind(c, 0, start) for c in CLAUSE_STOP), default=-1) + 1
    his = [i for i in (text.find(c, end) for c in CLAUSE_STOP) if i >= 0]
    return lo, min(his) if his else len(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.data())
def test_the_clause_is_the_plain_scans(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert clause_around(text, start, end) == _plain_clause(text, start, end)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.text(alphabet="啊吧项目。a", min_size=0, max_size=4))
def test_occurrences_are_str_count(text: str, key: str) -> None:
    assert occurrences(text, key) == text.count(key)


def test_on_a_seed_report_every_clause_and_count_is_the_plain_scans() -> None:
    text = sorted(SEEDS.glob("*.txt"))[0].read_text("utf-8")
    for start in range(0, len(text) - 8, 97):
        end = start + 1 + start % 7
        assert clause_around(text, start, end) == _plain_clause(text, start, end)
        for key in (text[start:end], text[start : end + 1], text[start : start + 2]):
            assert occurrences(text, key) == text.count(key)


def test_a_self_overlapping_string_is_counted_without_overlap() -> None:
    assert occurrences("啊啊啊啊啊", "啊啊") == 2
    assert occurrences("ababa", "aba") == 1
