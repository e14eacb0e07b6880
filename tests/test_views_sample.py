"""A small hand-built graph in the ARCHITECTURE.md vocabulary, for the views' tests.

Two documents in two counties and years; an enterprise that undertakes a project (nested
mentions), a government body, parks, a glossary abbreviation with parts, an astral character
before the mentions (code points vs UTF-16), and a hostile company name.
Other view tests load this file by path (pytest runs in importlib mode, tests do not import
each other).
"""

from __future__ import annotations

import re

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

KG = Namespace("https://w3id.org/policykg/def#")
ID = Namespace("https://w3id.org/policykg/id/")
DOC = Namespace("https://w3id.org/policykg/doc/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

EVIL = "<script>alert(1)</script>\"onload=alert(2) x='有限公司"
GAOYI = "高义钢铁"
PROJECT = "高义钢铁焦化升级改造项目"

TEXTS = {
    "新绛2022.txt": (
        "𠀀一、重点项目\n"
        f"{GAOYI}实施{PROJECT}，总投资12.5亿元，落实“六稳”工作。\n"
        f"县工信局负责{PROJECT}。\n"
        f"{EVIL}入驻新绛经济技术开发区。\n"
        "附注：1.“六稳”：稳就业、稳金融。\n"
    ),
    "绛县2023.txt": f"{GAOYI}（简称高义）与山西恒强化工有限公司共同打造化工园区。落实六稳。\n",
}
DOCS = {"新绛2022.txt": ("xj2022", 2022, "新绛县"), "绛县2023.txt": ("jx2023", 2023, "绛县")}

# key -> (type, label, aliases, definition)
ENTITIES: dict[str, tuple[str, str, tuple[str, ...], str | None]] = {
    "gaoyi": ("Enterprise", GAOYI, ("高义",), None),
    "hengqiang": ("Enterprise", "山西恒强化工有限公司", (), None),
    "evil": ("Enterprise", EVIL, (), None),
    "coking": ("Project", PROJECT, (), None),
    "gongxin": ("GovernmentBody", "县工信局", (), None),
    "devzone": ("Park", "新绛经济技术开发区", (), None),
    "chempark": ("Park", "化工园区", (), None),
    "liuwen": ("Abbreviation", "六稳", (), "稳就业、稳金融"),
    "wenjiuye": ("Concept", "稳就业", (), None),
    "wenjinrong": ("Concept", "稳金融", (), None),
}
RELATIONS = (
    ("gaoyi", "undertakes", "coking"),
    ("gongxin", "responsibleFor", "coking"),
    ("evil", "locatedIn", "devzone"),
    ("gaoyi", "leads", "chempark"),
    ("coking", "partOf", "devzone"),
)


def entity(key: str) -> URIRef:
    return ID[f"{ENTITIES[key][0].lower()}/{key}"]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^。\n]+。?", text)]


def _sentence_of(text: str, start: int) -> tuple[int, int]:
    return next((s, e) for s, e in _sentences(text) if s <= start < e)


def _add_document(g: Graph, file: str) -> None:
    stem, year, county = DOCS[file]
    text = TEXTS[file]
    doc, ctx, place = DOC[stem], DOC[f"{stem}/text"], ID[f"place/{stem}"]
    g.add((doc, RDF.type, KG.Document))
    g.add((doc, KG.fileName, Literal(file)))
    g.add((doc, KG.year, Literal(year, datatype=XSD.integer)))
    g.add((doc, KG.kind, Literal("政府工作报告")))
    g.add((doc, DCTERMS.spatial, place))
    g.add((place, RDF.type, KG.Place))
    g.add((place, SKOS.prefLabel, Literal(county, lang="zh")))
    g.add((ctx, RDF.type, NIF.Context))
    g.add((ctx, NIF.isString, Literal(text)))
    g.add((ctx, NIF.sourceUrl, doc))


def _add_string(g: Graph, file: str, kind: str, start: int, end: int) -> URIRef:
    stem, text = DOCS[file][0], TEXTS[file]
    node = DOC[f"{stem}/{kind}/{start}-{end}"]
    g.add((node, RDF.type, NIF.Phrase if kind == "m" else NIF.Sentence))
    g.add((node, NIF.beginIndex, Literal(start, datatype=XSD.integer)))
    g.add((node, NIF.endIndex, Literal(end, datatype=XSD.integer)))
    g.add((node, NIF.anchorOf, Literal(text[start:end])))
    g.add((node, NIF.referenceContext, DOC[f"{stem}/text"]))
    return node


def _add_mentions(g: Graph, file: str, key: str, pattern: str) -> None:
    text = TEXTS[file]
    for match in re.finditer(pattern, text):
        phrase = _add_string(g, file, "m", match.start(), match.end())
        sentence = _add_string(g, file, "s", *_sentence_of(text, match.start()))
        g.add((phrase, NIF.sentence, sentence))
        g.add((phrase, ITSRDF.taIdentRef, entity(key)))
        g.add((entity(key), KG.mentionedIn, DOC[DOCS[file][0]]))
        g.add((entity(key), PROV.wasDerivedFrom, DOC[DOCS[file][0]]))


def _add_entity(g: Graph, key: str) -> None:
    type_, label, aliases, definition = ENTITIES[key]
    node = entity(key)
    g.add((node, RDF.type, SKOS.Concept if type_ == "Concept" else KG[type_]))
    g.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
    for alias in aliases:
        g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
    if definition:
        g.add((node, SKOS.definition, Literal(definition, lang="zh")))
    for file in TEXTS:
        for name in (label, *aliases):
            # the alias 高义 is only a mention where it is not the start of 高义钢铁
            _add_mentions(g, file, key, re.escape(name) + ("(?!钢铁)" if name in aliases else ""))


def _add_relation(g: Graph, subject: str, predicate: str, obj: str) -> None:
    s, o = entity(subject), entity(obj)
    g.add((s, KG[predicate], o))
    assertion = BNode()
    g.add((assertion, RDF.type, KG.Assertion))
    g.add((assertion, RDF.subject, s))
    g.add((assertion, RDF.predicate, KG[predicate]))
    g.add((assertion, RDF.object, o))
    g.add((assertion, KG.rule, Literal("test")))
    file = next(
        f for f in TEXTS if ENTITIES[obj][1] in TEXTS[f] and ENTITIES[subject][1] in TEXTS[f]
    )
    start = TEXTS[file].index(ENTITIES[obj][1])
    g.add((assertion, KG.evidence, _add_string(g, file, "s", *_sentence_of(TEXTS[file], start))))


def sample_graph() -> Graph:
    """The sample graph (rdflib)."""
    g = Graph()
    for file in TEXTS:
        _add_document(g, file)
    for key in ENTITIES:
        _add_entity(g, key)
    g.add((entity("liuwen"), SKOS.narrower, entity("wenjiuye")))
    g.add((entity("liuwen"), SKOS.narrower, entity("wenjinrong")))
    amount = BNode()
    g.add((entity("coking"), KG.investment, amount))
    g.add((amount, RDF.type, SCHEMA.MonetaryAmount))
    g.add((amount, SCHEMA.value, Literal("12.5", datatype=XSD.decimal)))
    g.add((amount, SCHEMA.unitText, Literal("亿元")))
    for relation in RELATIONS:
        _add_relation(g, *relation)
    return g


def test_sample_anchors_are_the_text_they_point_at() -> None:
    g = sample_graph()
    texts = {ctx: str(s) for ctx, s in g.subject_objects(NIF.isString)}
    checked = 0
    for node in set(g.subjects(NIF.anchorOf, None)):
        ctx = g.value(node, NIF.referenceContext)
        start, end = int(g.value(node, NIF.beginIndex)), int(g.value(node, NIF.endIndex))
        assert texts[ctx][start:end] == str(g.value(node, NIF.anchorOf))
        checked += 1
    assert checked > 20


def test_sample_has_an_astral_character_before_its_mentions() -> None:
    text = TEXTS["新绛2022.txt"]
    assert ord(text[0]) > 0xFFFF and text.index(GAOYI) > 0
