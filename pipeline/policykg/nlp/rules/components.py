"""The rule components of the spaCy pipeline: names (enterprises, bodies, parks, places) and projects.

Each component has a pure ``find(doc) -> list[Span]`` and ``set_annotations(doc, spans)`` that
writes ``doc.spans[<group>]``; ``span.label_`` is an ``EntityType`` value and ``span.id_`` names
the rule that found it (``RuleId.span_id``). ``doc.ents`` is left to the statistical NER.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from policykg.ir import EntityType
from policykg.nlp.candidates import from_span_id
from policykg.nlp.rules.bodies import find_government_bodies, find_parks, find_places
from policykg.nlp.rules.doubtful_names import find_doubtful_legal_names
from policykg.nlp.rules.firm_items import find_firm_items
from policykg.nlp.rules.lists import find_list_mates, find_listed_enterprises
from policykg.nlp.rules.orgs import Found, find_enterprises
from policykg.nlp.rules.owners import find_project_owners
from policykg.nlp.rules.project_lists import (
    find_capacity_projects,
    find_enterprise_items,
    find_listed_projects,
    find_numbered_works,
)
from policykg.nlp.rules.projects import find_projects, settle_projects
from policykg.nlp.rules.vocabulary import NameRules
from policykg.nlp.rules.works import find_works_items

NAMES_KEY = "names"
PROJECTS_KEY = "projects"
PROJECT = EntityType.PROJECT.value
ENTERPRISE = EntityType.ENTERPRISE.value


TEXT_KEY = "policykg_text"
LISTED_KEY = "policykg_listed"


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached in ``doc.user_data`` (spaCy rebuilds it from the tokens on each access).

    ``extract`` puts the paragraph text there when it makes the docs, so no component pays for it.
    """
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def listed_items(doc: Doc, rules: NameRules) -> list[Found]:
    """Items of enterprise and project lists in ``doc`` (both finders need them: found once)."""
    listed = doc.user_data.get(LISTED_KEY)
    if not isinstance(listed, list):
        listed = doc.user_data[LISTED_KEY] = find_listed_enterprises(doc_text(doc), rules)
    return listed


def to_spans(doc: Doc, found: list[Found]) -> list[Span]:
    """Spans for ``(start, end, label, rule)`` tuples (character offsets into ``doc.text``); of
    two with the same extent and label, a rule's candidate is kept before a proposal that only a
    decision model may keep (``RuleId.needs_decision``), whatever their names."""
    spans: list[Span] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, label, rule in sorted(found, key=lambda f: (*f[:3], f[3].needs_decision, f[3])):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or (span.start_char, span.end_char, label) in seen:
            continue
        seen.add((span.start_char, span.end_char, label))
        span.id_ = rule.span_id
        spans.append(span)
    return spans


RulesT = TypeVar("RulesT")


class RuleComponent(Generic[RulesT]):
    """A rule component: ``find`` is pure, ``set_annotations`` writes what it found."""

    def __init__(self, name: str, rules: RulesT) -> None:
        self.name = name
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Span]:
        raise NotImplementedError

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        raise NotImplementedError


class NameFinder(RuleComponent[NameRules]):
    """Enterprises, government bodies, parks and places found by structure."""

    def find(self, doc: Doc) -> list[Span]:
        """Every name span in ``doc`` (overlaps kept; ``extract`` merges them)."""
        text, rules = doc_text(doc), self.rules
        firms = find_enterprises(text, rules)
        firms += [f for f in listed_items(doc, rules) if f[2] == ENTERPRISE]
        firms += find_list_mates(text, [(s, e) for s, e, _, _ in firms], rules)
        firms += find_doubtful_legal_names(text, firms, rules)
        others = find_government_bodies(text, rules) + find_parks(text, rules)
        return to_spans(doc, firms + others + find_places(text, rules))

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Store ``spans`` in ``doc.spans["names"]``."""
        doc.spans[NAMES_KEY] = spans


class ProjectFinder(RuleComponent[NameRules]):
    """Projects (names ending in 项目/工程, items of project lists) and the trade names opening them."""

    def find(self, doc: Doc) -> list[Span]:
        """Every project span in ``doc``."""
        text, rules = doc_text(doc), self.rules
        listed = [f for f in listed_items(doc, rules) if f[2] == PROJECT]
        firms = [
            (s.start_char, s.end_char)
            for s in doc.spans.get(NAMES_KEY, [])
            if s.label_ == ENTERPRISE and not from_span_id(s.id_).needs_decision
        ]
        projects = (
            find_projects(text, rules)
            + listed
            + find_listed_projects(text, rules)
            + find_capacity_projects(text, rules)
            + find_enterprise_items(text, firms, rules)
            + find_works_items(text, rules)
            + find_numbered_works(text)
        )
        items = find_firm_items(text, rules)
        projects += [f for f in items if f[2] == PROJECT]
        owners = find_project_owners(text, projects, rules)
        owners += [f for f in items if f[2] != PROJECT]  # 顺应|二期: the firm before a phase
        return to_spans(doc, settle_projects(text, projects, rules) + owners)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        """Store ``spans`` in ``doc.spans["projects"]``."""
        doc.spans[PROJECTS_KEY] = spans


@Language.factory("policykg_names", default_config={"rules": {"@misc": "policykg.name_rules.v1"}})
def make_name_finder(nlp: Language, name: str, rules: NameRules) -> NameFinder:
    """Create the ``policykg_names`` component."""
    return NameFinder(name, rules)


@Language.factory(
    "policykg_projects", default_config={"rules": {"@misc": "policykg.name_rules.v1"}}
)
def make_project_finder(nlp: Language, name: str, rules: NameRules) -> ProjectFinder:
    """Create the ``policykg_projects`` component."""
    return ProjectFinder(name, rules)
