"""The ``policykg_places`` component: listed place names (``gazetteer``) marked in text.

It marks the longest listed name at each position, and only where the name does not run on into
a longer word (江门 in 长江门户 is not 江门).
"""

from __future__ import annotations

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc, Span

from policykg.ir import EntityType
from policykg.nlp.candidates import GAZETTEER_PLACE
from policykg.nlp.rules.components import doc_text, to_spans
from policykg.nlp.rules.gazetteer import PlaceGazetteer
from policykg.nlp.rules.lexicon import is_place_word, is_word

PLACES_KEY = "places"
PLACE = EntityType.PLACE.value
_WORD_AFTER = "路街道站港湾桥口城园"  # 深圳湾, 东莞港 … are other places or works: not this one
_ADJECTIVAL = ("特色", "式")  # 中国特色, 中国式现代化: the nation as an adjective, not a place
_NOT_FIRST = "和与及同在对向从把被将"  # 部门和县: a conjunction, not 和县


def _straddling(start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Windows of 2–4 characters that cross the name's start or end (一视|同仁, 长江|门户)."""
    out = []
    for n in (2, 3, 4):
        out += [(a, a + n) for a in range(start - n + 1, start) if a >= 0 and a + n > start]
        out += [(a, a + n) for a in range(end - n + 1, end) if a + n > end and a + n <= size]
    return [(a, b) for a, b in out if a < start < b or a < end < b]


class PlaceFinder:
    """Listed place names, longest match first, not running on into a longer word."""

    def __init__(self, name: str, gazetteer: PlaceGazetteer) -> None:
        self.name = name
        self.automaton = ahocorasick.Automaton()
        for place in gazetteer.names:
            self.automaton.add_word(place, place)
        self.automaton.make_automaton()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """Non-overlapping longest listed names in ``doc``."""
        text = doc_text(doc)
        hits = sorted(
            ((end + 1 - len(place), end + 1) for end, place in self.automaton.iter(text)),
            key=lambda h: (h[0], -h[1]),
        )
        found, reach = [], 0
        for start, end in hits:
            if start < reach or not self._stands_alone(text, start, end):
                continue
            found.append((start, end, PLACE, GAZETTEER_PLACE))
            reach = end
        return to_spans(doc, found)

    @staticmethod
    def _stands_alone(text: str, start: int, end: int) -> bool:
        after = text[end : end + 1]
        if (after and after in _WORD_AFTER) or text.startswith(_ADJECTIVAL, end):
            return False
        if end - start == 2 and text[start] in _NOT_FIRST:
            return False
        return not any(
            is_word(text[a:b]) and not is_place_word(text[a:b])
            for a, b in _straddling(start, end, len(text))
        )

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Store ``spans`` in ``doc.spans["places"]``."""
        doc.spans[PLACES_KEY] = spans


@Language.factory(
    "policykg_places", default_config={"gazetteer": {"@misc": "policykg.place_gazetteer.v1"}}
)
def make_place_finder(nlp: Language, name: str, gazetteer: PlaceGazetteer) -> PlaceFinder:
    """Create the ``policykg_places`` component."""
    return PlaceFinder(name, gazetteer)
