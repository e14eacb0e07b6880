"""Issue 13, second round: condensed terms and mottos the first rules missed."""

from __future__ import annotations

import pytest

from policykg.nlp.terms.finder import find_terms


def labelled(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in find_terms(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a condensed term before a policy head noun wins over the motto verb before it
        ("确保“专精特新”企业增至50家", [("专精特新", "Abbreviation")]),
        ("力争“引育用留”机制见效", [("引育用留", "Abbreviation")]),
        # without a head noun the verb still makes a four-character phrase a motto
        ("坚持“水岸共治”", [("水岸共治", "Slogan")]),
    ],
)
def test_head_noun_before_motto_verb(text: str, expected: list[tuple[str, str]]) -> None:
    assert labelled(text) == expected
