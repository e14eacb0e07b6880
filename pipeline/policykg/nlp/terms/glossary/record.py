"""The glossary entry record (re-exported by :mod:`policykg.nlp.terms.glossary.parse`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """One defined term.

    Offsets are into the text given to ``parse_glossary`` (end exclusive): ``text[term_start:
    term_end] == term``; ``text[def_start:def_end]`` is the definition, which may contain line
    breaks or a page number where the source wrapped it (``definition`` has them removed).
    ``style`` names the format that matched: ``numbered`` (1. / 1、), ``bracketed`` (〔1〕 [1] 【1】),
    ``parenthesized`` (（1）), ``circled`` (①), ``chinese`` (一、), ``unnumbered`` (term：definition
    lines), or an inline form: ``inline-paren`` (“X”（…）), ``inline-ji`` (“X”即…),
    ``inline-shizhi`` (X是指… / “X”指…), ``inline-jiancheng`` (…（简称“X”）).

    An item naming several terms (“六稳”“六保”任务：…) gives one entry per term. Each has the item's
    whole definition (the gold convention: the report explains the terms together), its own
    ``parts``, and in ``own_definition`` the stretch of the definition that defines it alone
    where the text labels it (“六稳”即… → 稳就业、…), else ``""``; ``joined`` lists all the
    item's terms (六稳, 六保), so the item can be read as one (term 六稳、六保).
    """

    term: str
    definition: str
    parts: tuple[str, ...]
    term_start: int
    term_end: int
    def_start: int
    def_end: int
    style: str
    own_definition: str = ""
    joined: tuple[str, ...] = ()
