"""Counts the saved queries would otherwise compute over the whole graph, made once from the IR.

A query that counts mentions per entity or entities per document walks every mention of the
corpus, so it grows with the corpus. The build knows these numbers already, so it writes them:

- per entity: ``kg:mentionCount`` (distinct mention phrases), ``kg:documentCount``,
  ``kg:firstYear`` / ``kg:lastYear`` (of the documents naming it, where their year is known),
  ``kg:mentionedInPlace`` (the places, ``dcterms:spatial``, of those documents), and
  for the :data:`RANKED` most-named entities of each type ``kg:rank`` (1 = named in the most
  documents, then the most mentions, then by label), so a top-N list reads N entities, not all;
- per document and per year: one ``kg:EntityCount`` node per entity class, with ``kg:countOf``
  (the class), ``kg:count`` and ``kg:inDocument`` or ``kg:inYear``.

Pure and deterministic like the rest of ``rdf``: the same extraction gives the same triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from policykg.graph import iri
from policykg.graph.rdf_text import INTEGER, source_of
from policykg.graph.triples import TYPE, Part, plain
from policykg.graph.vocab import ENTITY_CLASSES, KG
from policykg.ir import Entity, EntityType, SourceDoc

RANKED = 1000
URIRef = str  # an IRI, as text
_CLASSES = {kind: plain(cls) for kind, (cls, _) in ENTITY_CLASSES.items()}
_MENTIONS, _DOCUMENTS, _RANK = plain(KG.mentionCount), plain(KG.documentCount), plain(KG.rank)
_FIRST, _LAST, _IN_PLACE = plain(KG.firstYear), plain(KG.lastYear), plain(KG.mentionedInPlace)
_ENTITY_COUNT, _COUNT_OF, _COUNT = plain(KG.EntityCount), plain(KG.countOf), plain(KG["count"])
_IN_DOCUMENT, _IN_YEAR = plain(KG.inDocument), plain(KG.inYear)


@dataclass(frozen=True, slots=True)
class EntityStats:
    """What the build counts about one entity node."""

    mentions: int
    documents: int
    first_year: int | None
    last_year: int | None
    places: tuple[URIRef, ...] = ()
    rank: int | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """Per-entity statistics and the entity counts of each document and year."""

    entities: Mapping[URIRef, EntityStats]
    by_document: Mapping[str, Mapping[EntityType, int]]
    by_year: Mapping[int, Mapping[EntityType, int]]


def summarize(
    docs: Mapping[str, SourceDoc],
    entities: Mapping[URIRef, Sequence[Entity]],
    places: Mapping[str, URIRef] | None = None,
) -> Summary:
    """The summary of the entities (grouped by node, as ``rdf_plan`` groups them);
    ``places`` gives the place node of a document's ``meta.place``."""
    places = places or {}
    named_in: dict[str, dict[EntityType, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
    stats: dict[URIRef, EntityStats] = {}
    for node, same in entities.items():
        kind = same[0].type
        spans = {(m.span.doc, m.span.start, m.span.end) for e in same for m in e.mentions}
        names = {source_of(docs, m.span).name for e in same for m in e.mentions}
        for name in names:
            named_in[name][kind].add(node)
        years = sorted({y for name in names if (y := docs[name].meta.year) is not None})
        first, last = (years[0], years[-1]) if years else (None, None)
        where = {places[p] for name in names if (p := docs[name].meta.place or "") in places}
        stats[node] = EntityStats(len(spans), len(names), first, last, tuple(sorted(where)))
    by_year: dict[int, dict[EntityType, set[URIRef]]] = defaultdict(lambda: defaultdict(set))
    for name, kinds in named_in.items():
        year = docs[name].meta.year
        if year is not None:
            for kind, nodes in kinds.items():
                by_year[year][kind] |= nodes
    return Summary(
        ranked(stats, entities),
        {name: sizes(kinds) for name, kinds in named_in.items()},
        {year: sizes(kinds) for year, kinds in by_year.items()},
    )


def sizes(kinds: Mapping[EntityType, set[URIRef]]) -> dict[EntityType, int]:
    """How many nodes of each type."""
    return {kind: len(nodes) for kind, nodes in kinds.items()}


def ranked(
    stats: Mapping[URIRef, EntityStats], entities: Mapping[URIRef, Sequence[Entity]]
) -> dict[URIRef, EntityStats]:
    """``stats`` with ``rank`` set on the :data:`RANKED` most-named nodes of each type."""
    by_type: dict[EntityType, list[URIRef]] = defaultdict(list)
    for node, same in entities.items():
        by_type[same[0].type].append(node)
    result = dict(stats)
    for nodes in by_type.values():
        nodes.sort(key=lambda n: rank_key(stats[n], entities[n][0].label, n))
        for place, node in enumerate(nodes[:RANKED], start=1):
            s = stats[node]
            result[node] = EntityStats(
                s.mentions, s.documents, s.first_year, s.last_year, s.places, place
            )
    return result


def rank_key(stats: EntityStats, label: str, node: URIRef) -> tuple[int, int, str, str]:
    """Most documents first, then most mentions, then label and IRI (a total order)."""
    return (-stats.documents, -stats.mentions, label, str(node))


def integer(g: Part, node: str, predicate: str, value: int) -> None:
    """``node predicate value`` with an ``xsd:integer``."""
    g.literal(node, predicate, str(value), datatype=INTEGER)


def add_entity_stats(g: Part, node: URIRef, stats: EntityStats) -> None:
    """The counts, years and rank of one entity node."""
    integer(g, node, _MENTIONS, stats.mentions)
    integer(g, node, _DOCUMENTS, stats.documents)
    if stats.first_year is not None and stats.last_year is not None:
        integer(g, node, _FIRST, stats.first_year)
        integer(g, node, _LAST, stats.last_year)
    for place in stats.places:
        g.iri(node, _IN_PLACE, place)
    if stats.rank is not None:
        integer(g, node, _RANK, stats.rank)


def add_document_counts(g: Part, doc_name: str, counts: Mapping[EntityType, int]) -> None:
    """``doc:<stem>/count/<type>``: how many entities of each type the document names."""
    document = iri.doc_iri(doc_name)
    for kind, count in counts.items():
        node = iri.mint("doc", iri.doc_stem(doc_name), "count", kind.value.lower())
        add_count(g, node, kind, count)
        g.iri(node, _IN_DOCUMENT, document)


def add_year_counts(g: Part, year: int, counts: Mapping[EntityType, int]) -> None:
    """``year/<year>/count/<type>``: how many entities of each type that year's documents name."""
    for kind, count in counts.items():
        node = iri.mint("year", str(year), "count", kind.value.lower())
        add_count(g, node, kind, count)
        integer(g, node, _IN_YEAR, year)


def add_count(g: Part, node: URIRef, kind: EntityType, count: int) -> None:
    """A ``kg:EntityCount`` node: its class, the class counted and the count."""
    g.iri(node, TYPE, _ENTITY_COUNT)
    g.iri(node, _COUNT_OF, _CLASSES[kind])
    integer(g, node, _COUNT, count)
