"""Relations across documents: candidate relations mapped to entity ids, evidence collected."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from policykg.ir import DocResult, EntityType, Relation, RelationType, TextSpan

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
