"""Short names of enterprises, resolved inside the document that uses them.

* ``defined``: a legal name followed by （简称“X”）, （以下简称X）, （以下简称“X”） or （下称X）
  defines X for the whole document: every mention of X there (found as an enterprise, or as a
  term by the inline-glossary rule) is that enterprise.
* ``trade_name``: a short enterprise name that begins the trade name of exactly one legal name of
  the same document (京能 and 北京京能清洁能源电力股份有限公司) is that enterprise.

Both work per document: two firms of different places may share a short name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace

from policykg.ir import DocResult, EntityType

ENTERPRISE = EntityType.ENTERPRISE
_DEFINES = re.compile(
    r"\s*[（(](?:以下)?(?:简称|下称)为?[：:]?[“\"「]?(?P<short>[^（）()“”\"「」，。、]{2,12})[”\"」]?[）)]"
)
_LEGAL = re.compile(r"(?:有限公司|有限责任公司|集团公司|股份公司)$")
_SHORT_TYPES = (EntityType.ENTERPRISE, EntityType.ABBREVIATION)


def defined_short_names(result: DocResult) -> dict[str, tuple[str, str]]:
    """Short name → (legal name, evidence) for every （简称“X”） after an enterprise name."""
    raw = result.doc.raw
    found: dict[str, tuple[str, str]] = {}
    for cand in result.candidates:
        if cand.type is not ENTERPRISE:
            continue
        match = _DEFINES.match(raw, cand.mention.span.end)
        if match and match["short"] != cand.label:
            short = match["short"]
            found.setdefault(short, (cand.label, f"defined: {short} = {cand.label}"))
    return found


def trade_name_matches(result: DocResult, key: Callable[[str], str]) -> dict[str, tuple[str, str]]:
    """Short enterprise name → (legal name, evidence) when it opens the trade name (``key``) of
    exactly one legal name of the document.

    Each label's key is made once, and the trade names a short name opens are found by bisecting
    the sorted keys (not by trying every legal name): a document with thousands of names costs
    its names times a logarithm, not their square.
    """
    labels = {c.label for c in result.candidates if c.type is ENTERPRISE}
    legal = sorted(lab for lab in labels if _LEGAL.search(lab))
    by_key = {key(full): full for full in legal}  # the last legal name of a key, as before
    keys = sorted(by_key)
    found: dict[str, tuple[str, str]] = {}
    for short in sorted(labels - set(legal)):
        core = key(short)
        if len(core) < 2:
            continue
        opened = _opened(keys, core)
        if opened is not None:
            full = by_key[opened]
            found[short] = (full, f"trade_name: {short} opens {full}")
    return found


def _opened(keys: list[str], core: str) -> str | None:
    """The one key of ``keys`` (sorted) that starts with ``core`` and is not ``core`` itself (the
    same trade name already resolves to one entity), or None if there are none or several."""
    one: str | None = None
    for index in range(bisect_left(keys, core), len(keys)):
        candidate = keys[index]
        if not candidate.startswith(core):
            break
        if candidate == core:
            continue
        if one is not None:
            return None
        one = candidate
    return one


def with_short_names(result: DocResult) -> tuple[DocResult, dict[str, tuple[str, str]]]:
    """The document with defined short names read as enterprises, and every short name of the
    document mapped to its legal name (with the evidence of each)."""
    defined = defined_short_names(result)
    if not defined:
        return result, {}
    candidates = tuple(
        replace(c, type=ENTERPRISE, definition=None, parts=())
        if c.type in _SHORT_TYPES and c.label in defined
        else c
        for c in result.candidates
    )
    return replace(result, candidates=candidates), defined
