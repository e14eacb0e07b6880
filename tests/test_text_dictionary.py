"""jieba's dictionary, parsed once and kept in the user's cache folder (``text.dictionary``):
the cached entries are the parsed ones, and a cache file that is missing, damaged, made from
another dictionary or cannot be written only means parsing again."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policykg.paths import cache_dir
from policykg.text import dictionary
from policykg.text.dictionary import (
    CACHE_NAME,
    STALE_TEMPORARY,
    dictionary_path,
    jieba_words,
    load_words,
    parse_words,
)

TEXT = "经济 3000 n\n发展 3000 n\n长沙 1200 ns\n无标签 5\n深化 800 v\n"
PARSED = {"经济": (3000, "n"), "发展": (3000, "n"), "长沙": (1200, "ns"), "深化": (800, "v")}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "dict.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing fails from now on: what is returned must come from the cache."""

    def refuse(text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(dictionary, "parse_words", refuse)


def test_parse_leaves_out_lines_without_a_tag_and_shares_equal_values() -> None:
    words = parse_words(TEXT)
    assert words == PARSED
    assert words["经济"] is words["发展"]


def test_the_cache_is_written_then_read(
    source: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    cache = tmp_path / "cache" / CACHE_NAME
    assert load_words(source, cache) == PARSED
    assert cache.is_file()
    request.getfixturevalue("no_parsing")
    words = load_words(source, cache)
    assert words == PARSED and list(words) == list(PARSED)
    assert words["经济"] is words["发展"]  # still shared when read back


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda blob: blob[: len(blob) // 2], id="truncated"),
        pytest.param(lambda blob: blob[:-3] + bytes([blob[-3] ^ 0x01]) + blob[-2:], id="bit-flip"),
        pytest.param(lambda blob: b"", id="empty"),
        pytest.param(lambda blob: b"not a cache at all\n" * 10, id="garbage"),
        pytest.param(lambda blob: dictionary.FORMAT + os.urandom(64), id="random-after-header"),
    ],
)
def test_a_damaged_cache_is_ignored_and_made_again(
    source: Path, tmp_path: Path, damage: object
) -> None:
    cache = tmp_path / CACHE_NAME
    load_words(source, cache)
    whole = cache.read_bytes()
    cache.write_bytes(damage(whole))  # type: ignore[operator]
    assert load_words(source, cache) == PARSED
    assert cache.read_bytes() == whole  # written again, whole


def test_a_cache_of_another_dictionary_is_not_used(source: Path, tmp_path: Path) -> None:
    cache = tmp_path / CACHE_NAME
    load_words(source, cache)
    source.write_text(TEXT + "新词 60 n\n", encoding="utf-8")
    assert load_words(source, cache) == {**PARSED, "新词": (60, "n")}
    source.write_text(TEXT, encoding="utf-8")
    assert load_words(source, cache) == PARSED


def test_a_cache_that_cannot_be_written_is_no_error(source: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    cache = blocker / CACHE_NAME  # its folder is a file
    assert load_words(source, cache) == PARSED
    assert load_words(source, None) == PARSED
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_cache_folder_that_cannot_be_read_is_no_error(source: Path, tmp_path: Path) -> None:
    cache = tmp_path / CACHE_NAME
    cache.mkdir()  # a folder where the file should be: neither read nor replaced
    assert load_words(source, cache) == PARSED
    assert not list(tmp_path.glob(".*.tmp"))


def test_leftovers_of_killed_writers_are_removed_when_old(source: Path, tmp_path: Path) -> None:
    cache = tmp_path / CACHE_NAME
    old = tmp_path / f".{CACHE_NAME}.killed.tmp"
    young = tmp_path / f".{CACHE_NAME}.writing.tmp"
    for leftover in (old, young):
        leftover.write_bytes(b"partial")
    past = time.time() - STALE_TEMPORARY - 60
    os.utime(old, (past, past))
    load_words(source, cache)
    assert not old.exists() and young.exists()


def test_the_real_dictionary_from_the_cache_equals_the_parsed_one(tmp_path: Path) -> None:
    path = dictionary_path()
    parsed = parse_words(path.read_text(encoding="utf-8"))
    assert len(parsed) > 300_000
    cache = tmp_path / CACHE_NAME
    assert load_words(path, cache) == parsed  # parsed, written
    cached = load_words(path, cache)  # read back
    assert cached == parsed and list(cached) == list(parsed)
    assert jieba_words() == parsed


def test_the_lexicon_keeps_the_words_of_two_to_four_characters_in_order() -> None:
    from policykg.nlp.rules.lexicon import _entries

    expected = {w: e for w, e in jieba_words().items() if 2 <= len(w) <= 4}
    assert _entries() == expected and list(_entries()) == list(expected)


def test_jieba_is_not_imported_to_read_its_dictionary(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from policykg.text.dictionary import jieba_words\n"
        "assert len(jieba_words()) > 300000\n"
        "assert 'jieba' not in sys.modules, 'jieba imported'\n"
    )
    env = {**os.environ, "POLICYKG_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # parsed, then from the cache
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert (tmp_path / CACHE_NAME).is_file()


def test_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("POLICYKG_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.setenv("POLICYKG_CACHE_DIR", "")
    assert cache_dir() is None
    monkeypatch.delenv("POLICYKG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "policykg"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "policykg"
