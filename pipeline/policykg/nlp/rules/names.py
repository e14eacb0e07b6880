"""Where a Chinese name begins: the left-boundary mechanism every name rule shares.

Chinese has no spaces, so a suffix (有限公司, 局, 项目) tells where a name ends but not where it
starts. The start is found in three steps, all linear in the text:

1. the *run*: name characters (Han, Latin letters, digits) reaching left from the suffix, up to a
   limit; it starts at punctuation, so a name never crosses “，、。：” or quotation marks;
2. *cut points*: the run's start (when the run really starts there) and the end of every boundary
   word inside it (verbs, prepositions, conjunctions: 依托, 支持, 实施主体为, 和, 的);
3. the latest cut whose remainder a validator accepts wins. Trying later cuts first trims the
   verbs (“依托恒强化工” → 恒强化工); falling back to earlier cuts keeps names that contain a
   boundary character (“祥和机械”: the cut after 和 leaves only an industry word, so it is refused).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

NAME_CHAR = r"[\u3400-\u9fffA-Za-z0-9.×·]"
_NAME_CHAR_RE = re.compile(NAME_CHAR)
_NAME_RUN_END = re.compile(f"{NAME_CHAR}*\\Z")
_NUMBERING = re.compile(r"\d{1,2}[.．]")
_MIN_LEFT = 2
PHASE = re.compile(r"[一二三四五六七八九十]期")  # a project's phase: 二期
_PHASE_SIZE = 2


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so a longer word always wins."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)


@lru_cache(maxsize=128)
def word_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """A compiled alternation of ``words`` (cached per word tuple)."""
    return re.compile(alternation(words))


def is_name_char(ch: str) -> bool:
    """True for characters that can be part of a name (Han, ASCII letters and digits)."""
    return bool(_NAME_CHAR_RE.match(ch))


def run_start(text: str, end: int, limit: int) -> tuple[int, bool]:
    """Start of the run of name characters ending at ``end``, at most ``limit`` long.

    The flag tells whether the run really starts there (``False`` when the limit cut it).
    """
    floor = max(0, end - limit)
    run = _NAME_RUN_END.search(text, floor, end)
    start = run.start() if run else end
    natural = start == 0 or not is_name_char(text[start - 1])
    return start, natural


def cut_points(
    text: str, start: int, end: int, natural: bool, boundary: re.Pattern[str]
) -> list[int]:
    """Candidate name starts inside ``text[start:end]``, latest first."""
    cuts = [m.end() for m in boundary.finditer(text, start, end)]
    if natural:
        cuts.insert(0, start)
        numbering = _NUMBERING.match(text, start, end)
        if numbering:
            cuts.append(
                numbering.end()
            )  # “3.新绛县交通运输局…”: a list number is no part of a name
    return sorted(set(cuts), reverse=True)


def find_start(
    text: str,
    end: int,
    *,
    limit: int,
    boundary: re.Pattern[str],
    accept: Callable[[int], bool],
    earliest: bool = False,
) -> int | None:
    """The latest (or ``earliest``) cut before ``end`` whose name ``accept(start)`` takes.

    ``end`` is where the searched run ends (usually the start of the suffix). A name never
    begins with a boundary word (“在县委” is not the place 在县). ``None`` when no cut fits.
    """
    start, natural = run_start(text, end, limit)
    cuts = cut_points(text, start, end, natural, boundary)
    for cut in reversed(cuts) if earliest else cuts:
        if cut < end and boundary.match(text, cut, end):
            continue
        if accept(cut):
            return cut
    return None


def latest_cut(text: str, start: int, end: int, boundary: re.Pattern[str]) -> int:
    """After the last multi-character boundary word in ``text[start:end]`` (else a 1-character one).

    Used for the first item of a list, whose start carries the clause's verb (实施天地和… → 天地和…).
    """
    ends = [
        (len(m.group()) > 1, m.end())
        for m in boundary.finditer(text, start, end)
        if end - m.end() >= _MIN_LEFT  # “推进…提质改造”: the cut after 改造 would leave nothing
    ]
    long_ends = [e for is_long, e in ends if is_long]
    if long_ends:
        return max(long_ends)
    return max((e for _, e in ends), default=start)


def before_phase(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends without a project's phase (采埃孚|二期, 嘉尚|二期): a
    firm's name never holds one; at least two characters stay."""
    cut = end - _PHASE_SIZE
    return cut if cut - start >= _MIN_LEFT and PHASE.fullmatch(text, cut, end) else end


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """True when any of ``words`` occurs in ``text`` (one cached regex per word tuple)."""
    return bool(words) and word_regex(words).search(text) is not None


@lru_cache(maxsize=32)
def _edge_regexes(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alt = alternation(words)
    return re.compile(f"(?:{alt})*"), re.compile(f"(?:{alt})*$")


def strip_words(text: str, words: tuple[str, ...]) -> str:
    """Remove runs of ``words`` (longest first) from both ends of ``text``."""
    if not words:
        return text
    head, tail = _edge_regexes(words)
    match = head.match(text)
    text = text[match.end() :] if match else text
    end = tail.search(text)
    return text[: end.start()] if end else text
