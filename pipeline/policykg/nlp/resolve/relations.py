"""Relations between the names of one paragraph, each with the sentence that states it.

Rules (each named in the output, so every link is explainable):

* ``named_after``: a project whose name starts with an enterprise (undertakes), a government body
  (responsibleFor), a park (partOf) or a place (locatedIn): 高义钢铁年产200万吨…项目.
* ``firm_item``: a listed project that is a firm's name and nothing else (禧跃食品、九五硼业等6个
  项目): the same string is the enterprise, which undertakes it (the resolver adds that reading).
* ``implementing_body``: 实施主体为A(和B) after a project (专栏 items) → A undertakes it.
* ``responsible_unit``: 责任单位/牵头单位(为)X → X responsibleFor the project before it.
* ``body_in_charge``: A(、B)负责/牵头…Y项目, or Y项目由A负责 (one sentence) → A, B responsibleFor Y.
* ``relies_on``: 依托A、B…(建设/实施)…Y项目 in one sentence → A, B undertake Y.
* ``possessive``: A的Y项目 → A undertakes Y.
* ``built_by``: A投资建设/承建…Y项目, or Y项目由A承建/投资建设 (one sentence) → A undertakes Y.
* ``leader_of``: 以A、B为龙头/代表…C园区/集群 → A, B lead C.
* ``located_at``: …位于X镇Y村 → the project is located in the most specific place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from policykg.ir import EntityType, RelationType
from policykg.nlp.candidates import BARE_FIRM_ITEM, RuleId
from policykg.nlp.rules.names import before_phase
from policykg.nlp.rules.owners import firm_item_length

Spot = tuple[int, int, str, RuleId]  # (start, end, label, rule) in paragraph coordinates

_SENTENCE = re.compile(r"[^。！？；!?]+[。！？；!?]*")
_IMPLEMENTER = re.compile(
    r"实施主体(?:为|是)?[：:]?|承建单位(?:为|是)?[：:]?|建设单位(?:为|是)?[：:]?"
)
_RESPONSIBLE = re.compile(r"(?:责任单位|牵头单位|主管部门)(?:为|是)?[：:]?")
_IN_CHARGE = re.compile(r"负责|牵头")
_BODY_JOINERS = "、和与及"
_LEADER = re.compile(r"以(?P<items>[^，。；]{2,60}?)为(?:龙头|代表|引领)")
_LOCATED = re.compile(r"位于")
_FAR = 1 << 62
_LEADER_REACH = 8  # 为龙头，打造C / 为代表的C: the park follows within a few characters
_NAMED_AFTER = {
    EntityType.ENTERPRISE.value: RelationType.UNDERTAKES,
    EntityType.GOVERNMENT_BODY.value: RelationType.RESPONSIBLE_FOR,
    EntityType.PARK.value: RelationType.PART_OF,
    EntityType.PLACE.value: RelationType.LOCATED_IN,
}
ENTERPRISE = EntityType.ENTERPRISE.value
PROJECT = EntityType.PROJECT.value


@dataclass(frozen=True, slots=True)
class FoundRelation:
    """A relation between two spots of one paragraph, with its evidence stretch."""

    type: RelationType
    subject: Spot
    object: Spot
    evidence: tuple[int, int]
    rule: str


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence stretches of a paragraph (ending at 。！？；)."""
    return [m.span() for m in _SENTENCE.finditer(text)]


def sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence containing ``pos`` (the last one when ``pos`` is past the end)."""
    index = bisect.bisect_right(bounds, (pos, _FAR)) - 1
    if 0 <= index < len(bounds) and bounds[index][0] <= pos < bounds[index][1]:
        return bounds[index]
    return bounds[-1] if bounds else (0, 0)


def _evidence(bounds: list[tuple[int, int]], a: Spot, b: Spot) -> tuple[int, int]:
    first = sentence_at(bounds, min(a[0], b[0]))
    last = sentence_at(bounds, max(a[0], b[0]))
    return first[0], last[1]


def _of(spots: list[Spot], label: str) -> list[Spot]:
    return [s for s in spots if s[2] == label]


def named_after(spots: list[Spot], bounds: list[tuple[int, int]]) -> list[FoundRelation]:
    """Projects whose name begins with another name."""
    found: list[FoundRelation] = []
    for project in _of(spots, PROJECT):
        for spot in spots:
            kind = _NAMED_AFTER.get(spot[2])
            if kind and spot[0] == project[0] and spot[1] < project[1]:
                subject, obj = (project, spot) if kind in _OBJECT_IS_NAME else (spot, project)
                evidence = sentence_at(bounds, project[0])
                found.append(FoundRelation(kind, subject, obj, evidence, "named_after"))
    return found


_OBJECT_IS_NAME = (RelationType.PART_OF, RelationType.LOCATED_IN)
_BEFORE_ITEM = "、和与及"
_AFTER_ITEM = "、和与及等"


def firm_items(text: str, spots: list[Spot], bounds: list[tuple[int, int]]) -> list[FoundRelation]:
    """A list item that is a trade name plus a line of business (禧跃食品、九五硼业等6个项目), or a
    bare trade name in a list of them (航新、速威、豪然等重点项目), is the firm and its project at
    once: the firm undertakes it."""
    found: list[FoundRelation] = []
    for project in _of(spots, PROJECT):
        start, end = project[0], project[1]
        before, after = text[start - 1 : start], text[end : end + 1]
        listed = (before and before in _BEFORE_ITEM) or (after and after in _AFTER_ITEM)
        bare = project[3] == BARE_FIRM_ITEM  # a works list of bare trade names (rules/firm_items)
        if listed and (bare or firm_item_length(text[start:end])):
            firm_end = before_phase(text, start, end)  # 旭合|一期: the firm without the phase
            firm = (start, firm_end, ENTERPRISE, project[3])  # the item its rule found
            evidence = sentence_at(bounds, start)
            found.append(
                FoundRelation(RelationType.UNDERTAKES, firm, project, evidence, "firm_item")
            )
    return found


def _project_before(spots: list[Spot], pos: int) -> Spot | None:
    before = [s for s in _of(spots, PROJECT) if s[1] <= pos]
    return max(before, key=lambda s: s[1]) if before else None


def _after_cue(
    text: str,
    spots: list[Spot],
    bounds: list[tuple[int, int]],
    cue: re.Pattern[str],
    labels: tuple[str, ...],
) -> list[tuple[Spot, Spot, tuple[int, int]]]:
    pairs = []
    for match in cue.finditer(text):
        sent = sentence_at(bounds, match.start())
        project = _project_before(spots, match.start())
        if project is None:
            continue
        for spot in spots:
            if spot[2] in labels and match.end() <= spot[0] < sent[1]:
                pairs.append((spot, project, _evidence(bounds, project, spot)))
    return pairs


def implementing_body(
    text: str, spots: list[Spot], bounds: list[tuple[int, int]]
) -> list[FoundRelation]:
    """实施主体为A和B → A, B undertake the project named before."""
    return [
        FoundRelation(RelationType.UNDERTAKES, s, p, ev, "implementing_body")
        for s, p, ev in _after_cue(text, spots, bounds, _IMPLEMENTER, (ENTERPRISE,))
    ]


def responsible_unit(
    text: str, spots: list[Spot], bounds: list[tuple[int, int]]
) -> list[FoundRelation]:
    """责任单位/牵头单位为X → X is responsible for the project named before."""
    labels = (EntityType.GOVERNMENT_BODY.value,)
    return [
        FoundRelation(RelationType.RESPONSIBLE_FOR, s, p, ev, "responsible_unit")
        for s, p, ev in _after_cue(text, spots, bounds, _RESPONSIBLE, labels)
    ]


def _bodies_before(text: str, spots: list[Spot], pos: int) -> list[Spot]:
    """The government bodies that end at ``pos``, joined by 、/和 (县发改局、县经信局负责)."""
    bodies = {s[1]: s for s in _of(spots, EntityType.GOVERNMENT_BODY.value)}
    found: list[Spot] = []
    while pos in bodies:
        body = bodies[pos]
        found.append(body)
        pos = body[0] - 1 if text[body[0] - 1 : body[0]] in _BODY_JOINERS else -1
    return found


def body_in_charge(
    text: str, spots: list[Spot], bounds: list[tuple[int, int]]
) -> list[FoundRelation]:
    """A(、B)负责/牵头 … Y项目 → A, B are responsible for Y; Y项目由A负责 → A for Y."""
    found: list[FoundRelation] = []
    for match in _IN_CHARGE.finditer(text):
        bodies = _bodies_before(text, spots, match.start())
        if not bodies:
            continue
        sent = sentence_at(bounds, match.start())
        after = [p for p in _of(spots, PROJECT) if match.end() <= p[0] < sent[1]]
        first = min(b[0] for b in bodies)
        if not after and text[first - 1 : first] == "由":
            after = [p for p in _of(spots, PROJECT) if sent[0] <= p[0] and p[1] < first][-1:]
        for body in bodies:
            for project in after:
                found.append(
                    FoundRelation(
                        RelationType.RESPONSIBLE_FOR, body, project, sent, "body_in_charge"
                    )
                )
    return found


def relies_on(text: str, spots: list[Spot], bounds: list[tuple[int, int]]) -> list[FoundRelation]:
    """依托A、B … Y项目 (one sentence) and A的Y项目 → A undertakes Y."""
    found: list[FoundRelation] = []
    for start, end in bounds:
        cue = text.find("依托", start, end)
        if cue < 0:
            continue
        firms = [s for s in _of(spots, ENTERPRISE) if cue < s[0] < end]
        projects = [p for p in _of(spots, PROJECT) if firms and p[0] > firms[0][1] and p[1] <= end]
        for firm in firms:
            for project in projects:
                if not project[0] <= firm[0] < project[1]:
                    found.append(
                        FoundRelation(
                            RelationType.UNDERTAKES, firm, project, (start, end), "relies_on"
                        )
                    )
    for firm in _of(spots, ENTERPRISE):
        for project in _of(spots, PROJECT):
            if text[firm[1] : project[0]] == "的":
                ev = sentence_at(bounds, firm[0])
                found.append(
                    FoundRelation(RelationType.UNDERTAKES, firm, project, ev, "possessive")
                )
    return found


_BUILDS = re.compile(r"(?:投资)?(?:建设|兴建|承建|实施|负责建设)")
_BUILDS_FIRST = re.compile(r"投资建设|投资兴建|承建|负责建设")


def built_by(text: str, spots: list[Spot], bounds: list[tuple[int, int]]) -> list[FoundRelation]:
    """A投资建设/承建(的)Y项目 → A undertakes Y; Y项目由A承建/投资建设 → A undertakes Y."""
    found: list[FoundRelation] = []
    projects = _of(spots, PROJECT)
    for firm in _of(spots, ENTERPRISE):
        sent = sentence_at(bounds, firm[0])
        if text[firm[0] - 1 : firm[0]] == "由" and _BUILDS.match(text, firm[1]):
            before = [p for p in projects if sent[0] <= p[0] and p[1] < firm[0]]
            target = before[-1:]
        elif _BUILDS_FIRST.match(text, firm[1]):
            after = [p for p in projects if firm[1] < p[0] < sent[1]]
            target = after[:1]
        else:
            continue
        found += [FoundRelation(RelationType.UNDERTAKES, firm, p, sent, "built_by") for p in target]
    return found


def leader_of(text: str, spots: list[Spot], bounds: list[tuple[int, int]]) -> list[FoundRelation]:
    """以A、B为龙头/代表 … C (park or cluster, same sentence) → A, B lead C."""
    found: list[FoundRelation] = []
    for match in _LEADER.finditer(text):
        sent = sentence_at(bounds, match.start())
        firms = [
            s for s in _of(spots, ENTERPRISE) if match.start("items") <= s[0] < match.end("items")
        ]
        parks = [
            s
            for s in _of(spots, EntityType.PARK.value)
            if match.end() <= s[0] <= match.end() + _LEADER_REACH and s[0] < sent[1]
        ]
        for firm in firms:
            for park in parks[:1]:
                found.append(FoundRelation(RelationType.LEADS, firm, park, sent, "leader_of"))
    return found


def located_at(text: str, spots: list[Spot], bounds: list[tuple[int, int]]) -> list[FoundRelation]:
    """…位于X县Y镇Z村 → the project named before is located in the last place of that chain."""
    found: list[FoundRelation] = []
    places = sorted(_of(spots, EntityType.PLACE.value))
    for match in _LOCATED.finditer(text):
        chain = [p for p in places if p[0] >= match.end()]
        pos, last = match.end(), None
        for place in chain:
            if place[0] != pos:
                break
            pos, last = place[1], place
        project = _project_before(spots, match.start())
        if last and project:
            found.append(
                FoundRelation(
                    RelationType.LOCATED_IN,
                    project,
                    last,
                    _evidence(bounds, project, last),
                    "located_at",
                )
            )
    return found


def find_relations(text: str, spots: list[Spot]) -> list[FoundRelation]:
    """Every relation the rules find in one paragraph."""
    bounds = sentences(text)
    items = firm_items(text, spots, bounds)
    whole = {r.object for r in items}  # the firm is the whole item: no shorter owner inside it
    return (
        [r for r in named_after(spots, bounds) if r.object not in whole]
        + items
        + implementing_body(text, spots, bounds)
        + responsible_unit(text, spots, bounds)
        + body_in_charge(text, spots, bounds)
        + relies_on(text, spots, bounds)
        + built_by(text, spots, bounds)
        + leader_of(text, spots, bounds)
        + located_at(text, spots, bounds)
    )
