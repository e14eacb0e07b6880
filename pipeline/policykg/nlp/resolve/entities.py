"""Resolution: one entity per real-world thing across documents, every merge explained.

Each candidate gets a *resolution key*; candidates with equal keys (and type) are one entity.

* Enterprise: the trade name — place prefix (山西, 新绛县) and legal suffix (有限公司, 集团, 公司)
  removed, so 高义钢铁 = 高义钢铁公司 = 高义钢铁集团 = 山西高义钢铁有限公司. A short name merges with a
  longer one that is the short name plus an industry word (天地和 = 天地和金属制品) only when both
  were found as enterprises. Branches (分公司, 支行) keep their suffix: a branch is not its parent.
  Within one document, a short name defined by （以下简称“X”） after a legal name, or one that opens
  the trade name of exactly one legal name there (京能 … 北京京能清洁能源电力股份有限公司), takes that
  legal name's key (``aliases``).
* Relation ends: a relation rule that reads a string as a second type (a listed project that is
  a firm's name) adds that reading as a candidate (``resolve_links.implied_candidates``).
* Abbreviation: alternates in brackets dropped (“合（和）汽（气）生材（财）” = “合汽生材”); otherwise
  exact, so “五抓一优一促” ≠ “五抓一促”.
* Government body: a name starting with a bare level (县委, 县人民政府) is scoped to the document's
  county (新绛县委 and 绛县委 are two bodies).
* Place, park, slogan: exact (新绛县 ≠ 绛县), provinces with or without 省.
* Project: exact but for a trailing (建设)项目/工程 (…产能置换 = …产能置换项目).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from policykg.ir import (
    Candidate,
    DocResult,
    Entity,
    EntityType,
    Relation,
    entity_id,
)
from policykg.nlp.resolve.aliases import trade_name_matches, with_short_names
from policykg.nlp.resolve.links import implied_candidates, resolve_relations
from policykg.nlp.rules.orgs import strip_place_prefix
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES

_ALTERNATES = re.compile(r"[（(][^（）()]{1,3}[)）]")
_QUOTES = re.compile(r"[“”\"'‘’「」『』\s]")
_PROJECT_TAIL = re.compile(r"(?:建设)?(?:项目|工程)$")
_ENTERPRISE_TAIL = re.compile(
    r"(?:股份有限公司|有限责任公司|集团有限公司|集团公司|有限公司|集团|公司)$"
)
_LEVEL_PREFIX = ("县", "市", "镇", "乡", "区")

Key = tuple[EntityType, str]


def enterprise_key(label: str) -> str:
    """The trade name of an enterprise label (place prefix and legal suffix removed)."""
    core = _ENTERPRISE_TAIL.sub("", label.replace(" ", ""))
    core = strip_place_prefix(core, DEFAULT_NAME_RULES)
    return core if len(core) >= 2 else label


def scoped_label(label: str, place: str | None) -> str:
    """县委 in a document about 新绛县 → 新绛县委; other labels unchanged."""
    if place and label.startswith(_LEVEL_PREFIX) and place.endswith(label[0]):
        return place + label[1:]
    return label


def resolution_key(kind: EntityType, label: str, place: str | None = None) -> str:
    """The key under which candidates of ``kind`` are one entity."""
    text = _QUOTES.sub("", label)
    if kind is EntityType.ENTERPRISE:
        return enterprise_key(text)
    if kind is EntityType.ABBREVIATION:
        return _ALTERNATES.sub("", text)
    if kind is EntityType.GOVERNMENT_BODY:
        return scoped_label(text, place)
    if kind is EntityType.PLACE:
        return text[:-1] if text.endswith("省") and len(text) > 2 else text
    if kind is EntityType.PROJECT:
        stripped = _PROJECT_TAIL.sub("", text)
        return stripped if len(stripped) >= 2 else text
    return text


def _short_name_merges(keys: set[str]) -> dict[str, tuple[str, str]]:
    """Longer enterprise keys that are a shorter key plus an industry word → (short key, evidence)."""
    merges: dict[str, tuple[str, str]] = {}
    for key in sorted(keys):
        for word in DEFAULT_NAME_RULES.industry_words:
            short = key[: -len(word)] if key.endswith(word) else ""
            if len(short) >= 2 and short in keys:
                merges[key] = (short, f"short_name: {key} = {short} + industry word {word}")
                break
    return merges


def _pick_label(labels: Counter[str], kind: EntityType) -> str:
    if kind is EntityType.ENTERPRISE:
        legal = [lab for lab in labels if lab.endswith(("有限公司", "有限责任公司"))]
        if legal:
            return max(legal, key=lambda lab: (len(lab), lab))
    return min(labels, key=lambda lab: (-labels[lab], -len(lab), lab))


def _entity(
    kind: EntityType, key: str, members: list[tuple[Candidate, str]], notes: list[str]
) -> Entity:
    labels = Counter(label for _, label in members)
    label = _pick_label(labels, kind)
    mentions = {
        (c.mention.span.doc, c.mention.span.start, c.mention.span.end): c.mention
        for c, _ in members
    }
    defined = [c for c, _ in members if c.definition]
    amounts = {
        (a.kind, a.value, a.unit, a.span.doc, a.span.start): a
        for c, _ in members
        for a in c.amounts
    }
    merges = set(notes)
    for other in labels:
        if other != label:
            merges.add(f"same_key: {other} = {label} (key {key})")
    return Entity(
        id=entity_id(kind, key),
        type=kind,
        label=label,
        aliases=tuple(sorted(lab for lab in labels if lab != label)),
        definition=defined[0].definition if defined else None,
        parts=defined[0].parts if defined else (),
        mentions=tuple(mentions[k] for k in sorted(mentions)),
        amounts=tuple(amounts[k] for k in sorted(amounts)),
        merges=tuple(sorted(merges)),
    )


Aliases = dict[str, tuple[str, str]]  # short name → (legal name, evidence), per document


def _grouped(
    results: Sequence[DocResult], aliases: Sequence[Aliases]
) -> tuple[dict[Key, list[tuple[Candidate, str]]], dict[Key, list[str]]]:
    groups: dict[Key, list[tuple[Candidate, str]]] = defaultdict(list)
    notes: dict[Key, list[str]] = defaultdict(list)
    key_of = cache(resolution_key)  # a label recurs across candidates: keyed once per batch
    for result, short in zip(results, aliases, strict=True):
        place = result.doc.meta.place
        for cand in result.candidates:
            label = cand.label
            if cand.type is EntityType.GOVERNMENT_BODY:
                label = scoped_label(label, place)
            named = cand.label
            if cand.type is EntityType.ENTERPRISE and cand.label in short:
                named, evidence = short[cand.label]
                notes[(cand.type, key_of(cand.type, named))].append(
                    f"{evidence} ({result.doc.name})"
                )
            groups[(cand.type, key_of(cand.type, named, place))].append((cand, label))
    return groups, notes


def _prepared(result: DocResult) -> tuple[DocResult, Aliases]:
    """Relation ends added as candidates; short names of the document mapped to legal names."""
    extra = implied_candidates(result)
    result = replace(result, candidates=result.candidates + extra) if extra else result
    result, defined = with_short_names(result)
    return result, {**trade_name_matches(result, enterprise_key), **defined}


def resolve(results: Sequence[DocResult]) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    """Entities (sorted by type, label, id) and relations between them, across all documents."""
    prepared = [_prepared(r) for r in results]
    results = [r for r, _ in prepared]
    groups, notes = _grouped(results, [a for _, a in prepared])
    firm_keys = {key for kind, key in groups if kind is EntityType.ENTERPRISE}
    for long_key, (short_key, evidence) in _short_name_merges(firm_keys).items():
        target = (EntityType.ENTERPRISE, short_key)
        groups[target] += groups.pop((EntityType.ENTERPRISE, long_key))
        notes[target] += [*notes.pop((EntityType.ENTERPRISE, long_key), []), evidence]
    entities = [
        _entity(kind, key, members, notes[(kind, key)]) for (kind, key), members in groups.items()
    ]
    entities.sort(key=lambda e: (e.type.value, e.label, e.id))
    index = _label_index(results, entities)
    return tuple(entities), resolve_relations(results, index)


def _label_index(
    results: Sequence[DocResult], entities: list[Entity]
) -> dict[tuple[str, EntityType, str], str]:
    """(document, type, label as the candidate gave it) → entity id."""
    by_mention = {
        (m.span.doc, m.span.start, m.span.end, e.type): e.id for e in entities for m in e.mentions
    }
    index: dict[tuple[str, EntityType, str], str] = {}
    for result in results:
        for cand in result.candidates:
            span = cand.mention.span
            found = by_mention.get((span.doc, span.start, span.end, cand.type))
            if found:
                index.setdefault((result.doc.name, cand.type, cand.label), found)
    return index
