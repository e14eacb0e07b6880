"""What counts as a control character when deciding whether a file is text at all."""

from __future__ import annotations

from policykg.text.ingest import _control_ratio, _looks_like_text


def test_every_control_character_but_tab_newlines_and_form_feed_counts() -> None:
    for code in range(0x100):
        ch = chr(code)
        expected = 1.0 if code < 32 and ch not in "\t\n\r\f" else 0.0
        assert _control_ratio(ch) == expected, hex(code)
    assert _control_ratio("") == 0.0
    assert _control_ratio("中文\x00\x1f\t\n") == 2 / 6


def test_a_text_with_one_percent_of_control_characters_is_not_text() -> None:
    assert _looks_like_text("政府工作报告" * 20 + "\x01")
    assert not _looks_like_text("政府\x01" * 10)
