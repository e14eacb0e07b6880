"""A candidate span, and who proposed it: a typed value with its merge rank, all registered here.

A candidate is a :data:`Spot` ``(start, end, label, rule)``: offsets into the normalised text, an
``EntityType`` value and the :class:`RuleId` of its proposer.

Every proposer is one :class:`RuleId`: a rule of a rule component (named ``rule:<name>``; the
component writes ``<name>`` as the spaCy span id), a document-level finder (``rule:column_item``,
``meta_place``, ``term_use``), a glossary entry, within-document propagation, or the statistical
NER. Its ``rank`` is its priority when candidates conflict in ``resolve.merge`` (lower wins):

* structural rules with strong evidence (专栏 items, legal suffixes, glossary entries) first,
* other rules next, then within-document propagation, then the statistical NER.

A boundary variant (``statistical.boundaries``) is the same proposer ``trimmed``: it ranks as its
origin. ``str(rule)`` is the source the IR records (``Mention.source``, ``kg:foundBy``) and the
decision model reads (its ``src=`` feature), e.g. ``rule:legal_suffix`` or ``ner+trim``; ordering
follows that string. An unknown name is an error, never a default rank.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import total_ordering

RULE_PREFIX = "rule:"
TRIM_SUFFIX = "+trim"


@total_ordering
@dataclass(frozen=True, slots=True, eq=True)
class RuleId:
    """A registered proposer of candidate spans (build them with :func:`_register` only)."""

    name: str  # "rule:legal_suffix", "ner", "propagate", …
    rank: int  # merge priority; lower wins
    trimmed: bool = False  # a boundary variant: the span without its opening words

    def __str__(self) -> str:
        return self.name + TRIM_SUFFIX if self.trimmed else self.name

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RuleId):
            return NotImplemented
        return str(self) < str(other)

    @property
    def by_rule(self) -> bool:
        """Whether a rule (not propagation, the NER or a term use) proposed it."""
        return self.name.startswith(RULE_PREFIX)

    @property
    def needs_decision(self) -> bool:
        """Whether its candidates are only proposals: kept when a decision model judges them
        and keeps them, dropped otherwise (never kept as found)."""
        return self.name in _DECIDED_ONLY

    @property
    def span_id(self) -> str:
        """The id a rule component writes on its spaCy spans (the name without ``rule:``)."""
        return self.name.removeprefix(RULE_PREFIX)

    def trim(self) -> RuleId:
        """The same proposer for a boundary variant of its span."""
        return dataclasses.replace(self, trimmed=True)


Spot = tuple[int, int, str, RuleId]  # (start, end, label, source): one candidate span

# Proposers whose candidates only a decision model keeps (see RuleId.needs_decision).
_DECIDED_ONLY = frozenset(
    {"rule:quoted_any", "rule:legal_doubt", "rule:latin_any", "firm_tagger", "project_tagger"}
)

_REGISTRY: dict[str, RuleId] = {}


def _register(name: str, rank: int) -> RuleId:
    if name in _REGISTRY:
        raise ValueError(f"rule {name!r} is registered twice")
    rule = _REGISTRY[name] = RuleId(name, rank)
    return rule


def _rule(name: str, rank: int) -> RuleId:
    return _register(RULE_PREFIX + name, rank)


def from_span_id(span_id: str) -> RuleId:
    """The rule named by a rule component's span id (``KeyError`` for one not registered)."""
    return _REGISTRY[RULE_PREFIX + span_id]


def registered() -> tuple[RuleId, ...]:
    """Every proposer, in rank order."""
    return tuple(sorted(_REGISTRY.values(), key=lambda r: (r.rank, r.name)))


# Rank 0: structural evidence that is rarely wrong.
COLUMN_ITEM = _rule("column_item", 0)  # 专栏 items (rules/columns.py, found in extract)
GLOSSARY = _register("glossary", 0)  # glossary entries (terms/glossary)
# Rank 1–2: legal names, government bodies, list items, quoted terms.
LEGAL_SUFFIX = _rule("legal_suffix", 1)
BARE_FIRM_ITEM = _rule("bare_firm_item", 1)  # works lists of bare trade names (H-c11)
GOVERNMENT_SUFFIX = _rule("government_suffix", 2)
LIST_ENTERPRISE = _rule("list_enterprise", 2)
LIST_LEADER = _rule("list_leader", 2)
LIST_PROJECT = _rule("list_project", 2)
PROJECT_LIST = _rule("project_list", 2)
NUMBERED_WORKS = _rule("numbered_works", 2)  # 城建工程8项：（1）A（2）B (H-c13)
TERMS = _rule("terms", 2)  # the policykg_terms component (terms/finder.py)
LATIN_ANY = _rule("latin_any", 2)  # a Latin acronym no term rule read: the model decides
QUOTED_ANY = _rule("quoted_any", 2)  # a quoted string no term rule read: the model decides
# Rank 3–5: names found by a shape or a context word.
BRAND_INDUSTRY = _rule("brand_industry", 3)
PARK_SUFFIX = _rule("park_suffix", 3)
PROJECT_HEAD = _rule("project_head", 3)
CAPACITY_PROJECT = _rule("capacity_project", 3)
ENTERPRISE_ITEM = _rule("enterprise_item", 3)
META_PLACE = _register("meta_place", 3)  # the document's own place names (its metadata)
GAZETTEER_PLACE = _rule("gazetteer_place", 3)  # a listed place name beats a guessed firm (成渝)
PROJECT_SIBLING = _rule("project_sibling", 4)
WORKS_ITEM = _rule("works_item", 4)
CAPACITY_NAME = _rule("capacity_name", 4)
LIST_MATE = _rule("list_mate", 4)
PARTNER = _rule("partner", 4)
RELIED_ON = _rule("relied_on", 4)
PROVINCE = _rule("province", 4)
PROJECT_OWNER = _rule("project_owner", 5)
LEGAL_DOUBT = _rule("legal_doubt", 5)  # a name the legal-suffix rule refused: the model decides
PLACE_SUFFIX = _rule("place_suffix", 5)
# Rank 7–9: weak evidence.
PROPAGATE = _register("propagate", 7)  # a name a rule found elsewhere beats a statistical guess
NER = _register("ner", 8)
FIRM_TAGGER = _register("firm_tagger", 8)  # a name the firm tagger finds likely: a model decides
PROJECT_TAGGER = _register("project_tagger", 8)  # the same, of the project tagger
TERM_USE = _register("term_use", 9)  # a later use of a known term
KNOWN_TERM = _register("known_term", 9)  # a use of a term other reports quote (terms/known.py)
MARKED_TERM = _register("marked_term", 9)  # a use of a term training gold marks (terms/known.py)
