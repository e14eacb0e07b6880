"""Relations across documents: candidate relations mapped to entity ids, evidence collected.

A relation rule can read a string as a second type: a listed project that is a firm's name
(禧跃食品、九五硼业等项目, rule ``firm_item``) is also that enterprise. ``implied_candidates``
adds that reading as a candidate on the same mention, so the relation has both its ends.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from policykg.ir import (
    Candidate,
    DocResult,
    EntityType,
    Mention,
    Relation,
    RelationType,
    TextSpan,
)

LabelIndex = Mapping[tuple[str, EntityType, str], str]


def resolve_relations(results: Sequence[DocResult], index: LabelIndex) -> tuple[Relation, ...]:
    """One ``Relation`` per (type, subject, object), with every evidence span and rule, sorted."""
    evidence: dict[tuple[RelationType, str, str], set[TextSpan]] = defaultdict(set)
    rules: dict[tuple[RelationType, str, str], set[str]] = defaultdict(set)
    for result in results:
        name = result.doc.name
        for cand in result.relations:
            subject = index.get((name, cand.subject.type, cand.subject.label))
            obj = index.get((name, cand.object.type, cand.object.label))
            if subject is None or obj is None or subject == obj:
                continue
            key = (cand.type, subject, obj)
            evidence[key].add(cand.evidence)
            rules[key].add(cand.rule)
    return tuple(
        Relation(
            kind,
            subject,
            obj,
            tuple(sorted(evidence[(kind, subject, obj)], key=lambda t: (t.doc, t.start, t.end))),
            tuple(sorted(rules[(kind, subject, obj)])),
        )
        for kind, subject, obj in sorted(evidence)
    )


def _inside(cand: Candidate, evidence: TextSpan) -> bool:
    span = cand.mention.span
    return span.doc == evidence.doc and evidence.start <= span.start < evidence.end


def implied_candidates(result: DocResult) -> tuple[Candidate, ...]:
    """Candidates for relation ends that no candidate of their type names inside the relation's
    evidence: the same label's mention there, read as the type the relation needs."""
    by_label: dict[str, list[Candidate]] = defaultdict(list)
    for cand in result.candidates:
        by_label[cand.label].append(cand)
    added: dict[tuple[EntityType, str, int, int], Candidate] = {}
    for rel in result.relations:
        for ref in (rel.subject, rel.object):
            here = [c for c in by_label.get(ref.label, ()) if _inside(c, rel.evidence)]
            if any(c.type is ref.type for c in here):
                continue
            for cand in here:
                span = cand.mention.span
                mention = Mention(span, f"implied:{rel.rule}", cand.mention.sentence)
                key = (ref.type, ref.label, span.start, span.end)
                added.setdefault(key, Candidate(ref.type, ref.label, mention))
    return tuple(added[k] for k in sorted(added, key=lambda k: (k[2], k[3], k[0].value)))
