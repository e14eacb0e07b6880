"""The annotated corpus on disk: ``tests/data/corpus/`` texts, ``sample.toml``, ``annotation/``.

``write_sample`` copies the drawn documents byte for byte (with a manifest that keeps their
provenance) and records the drawn paragraphs; ``load_sample`` reads them back; ``compile_gold``
turns each document's ``annotation/<stem>.ann`` into ``gold/corpus/<stem>.jsonl`` (spans),
``.relations.jsonl`` and ``.coverage.json``, and returns the raw ranges it covers.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from policykg.gold.annfile import Compiled, compile_ann
from policykg.gold.sample import SampledDoc
from policykg.graph.atomic import write_text

SAMPLE_NAME = "sample.toml"
FRESH_GLOB = "fresh-*.toml"  # later draws, one file per fold (``policykg gold sample --fresh F``)
GOLD_DIR = "gold/corpus"  # corpus gold, apart from the seeds' gold in gold/
_MANIFEST_HEADER = (
    "# The drawn documents of the annotated corpus, copied byte for byte from ../shared/corpus/",
    "# (provenance in its README: cities-2024 from JiangGufan/digital-governance,",
    "# baoding-counties from yver-sun/gaoyang-towel-resilience). Official documents: not",
    "# protected by copyright in the PRC (Copyright Law, Art. 5).",
)


@dataclass(frozen=True, slots=True)
class DrawnDoc:
    """A document of the annotated corpus as ``sample.toml`` records it."""

    stem: str
    file: str
    source: str
    province: str
    place: str
    stratum: str
    paragraphs: dict[int, tuple[int, int]]


def _toml_value(value: object) -> str:
    return str(value) if isinstance(value, int) else json.dumps(str(value), ensure_ascii=False)


def _manifest_entries(docs: list[SampledDoc]) -> list[str]:
    """The manifest's ``[[document]]`` tables of ``docs``, each after a blank line."""
    lines: list[str] = []
    for doc in docs:
        lines += ["", "[[document]]", f"file = {_toml_value(doc.file)}"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in doc.meta.items()]
        lines.append(f'notes = "from {doc.source}/{doc.file}"')
    return lines


def _manifest_text(docs: list[SampledDoc]) -> str:
    return "\n".join([*_MANIFEST_HEADER, *_manifest_entries(docs)]) + "\n"


def _sample_text(docs: list[SampledDoc], seed: int, header: tuple[str, ...] = ()) -> str:
    lines = [
        *header,
        "# Drawn by `policykg gold sample` (policykg.gold.sample: the rule and its constants).",
        f"seed = {seed}",
    ]
    for doc in docs:
        paras = ", ".join(f"[{p.index}, {p.start}, {p.end}]" for p in doc.paragraphs)
        lines += [
            "",
            "[[doc]]",
            f"stem = {_toml_value(doc.stem)}",
            f"file = {_toml_value(doc.file)}",
            f"source = {_toml_value(doc.source)}",
            f"province = {_toml_value(doc.meta['province'])}",
            f"place = {_toml_value(doc.meta['place'])}",
            f"stratum = {_toml_value(doc.stratum)}",
            f"step = {doc.step}",
            f"offset = {doc.offset}",
            f"chars = {doc.chars}",
            f"paragraphs = [{paras}]  # [index, raw start, raw end)",
        ]
    return "\n".join(lines) + "\n"


def write_sample(
    docs: list[SampledDoc], glossaries: list[SampledDoc], corpus: Path, root: Path, seed: int
) -> None:
    """Copy the drawn texts and every glossary document into ``root/corpus/``; record the draw
    in ``root/sample.toml`` (glossary documents that were not drawn are listed apart)."""
    target = root / "corpus"
    target.mkdir(parents=True, exist_ok=True)
    drawn = {d.file for d in docs}
    extra = [g for g in glossaries if g.file not in drawn]
    for doc in [*docs, *extra]:
        shutil.copyfile(corpus / doc.source / doc.file, target / doc.file)
    (target / "manifest.toml").write_text(_manifest_text([*docs, *extra]), "utf-8")
    listed = ", ".join(_toml_value(g.stem) for g in glossaries)
    text = (
        _sample_text(docs, seed)
        + f"\n[glossary]  # every corpus document with a glossary\ndocs = [{listed}]\n"
    )
    (root / SAMPLE_NAME).write_text(text, "utf-8")


def glossary_stems(root: Path) -> list[str]:
    """The corpus documents whose glossary is annotated (``[glossary]`` of ``sample.toml``)."""
    data = tomllib.loads((root / SAMPLE_NAME).read_text("utf-8"))
    return [str(s) for s in data.get("glossary", {}).get("docs", [])]


FRESH_CITIES: tuple[str, ...] = (
    "every city report of its provinces that no earlier draw took and nobody writing rules had read.",
)
FRESH_COUNTIES: tuple[str, ...] = (
    "every county report of a county with no report drawn, judged or copied before in any year.",
)
DEV_CITIES: tuple[str, ...] = (
    "every city report of its provinces that no earlier draw took, the judged texts included:",
    "a development draw (people writing rules have read the judged texts' candidates).",
)


def fresh_path(root: Path, fold: str) -> Path:
    return root / f"fresh-{fold}.toml"


def write_fresh(
    docs: list[SampledDoc],
    corpus: Path,
    root: Path,
    seed: int,
    fold: str,
    what: tuple[str, ...] = FRESH_CITIES,
) -> None:
    """Copy a fresh draw's texts into ``root/corpus/``, add them to its manifest, and record
    the draw in ``root/fresh-<fold>.toml`` (the first draw in ``sample.toml`` is left as is);
    ``what``: the lines of the file's header that say what the draw took."""
    target = root / "corpus"
    manifest = target / "manifest.toml"
    listed = manifest.read_text("utf-8")
    known = {str(d["file"]) for d in tomllib.loads(listed).get("document", [])}
    for doc in docs:
        shutil.copyfile(corpus / doc.source / doc.file, target / doc.file)
    new = [d for d in docs if d.file not in known]
    if new:
        write_text(manifest, "\n".join([listed.rstrip("\n"), *_manifest_entries(new)]) + "\n")
    header = (
        f"# A later draw for the fold {fold} (policykg.gold.sample):",
        *(f"# {w}" for w in what),
    )
    write_text(fresh_path(root, fold), _sample_text(docs, seed, header))


def fresh_taken(root: Path, fold: str, *, judged: bool = True) -> set[str]:
    """The stems a fresh draw for ``fold`` must not take: the first draw, the judged texts (unless
    ``judged`` is false: a development draw may take them), and every other text copied into
    ``root/corpus/`` (that fold's own texts excepted)."""
    path = fresh_path(root, fold)
    own = {d.stem for d in _load_draw(path)} if path.is_file() else set()
    taken = {d.stem for d in _load_draw(root / SAMPLE_NAME)}
    if judged:
        taken |= {p.stem for p in root.glob("judged/texts/*.txt")}
    return taken | ({p.stem for p in root.glob("corpus/*.txt")} - own)


def load_sample(root: Path, fresh: bool = True) -> list[DrawnDoc]:
    """The documents of ``root/sample.toml`` and, unless ``fresh`` is false, of every
    ``fresh-<fold>.toml``."""
    docs = _load_draw(root / SAMPLE_NAME)
    if fresh:
        for path in sorted(root.glob(FRESH_GLOB)):
            docs += _load_draw(path)
    return docs


def _load_draw(path: Path) -> list[DrawnDoc]:
    data = tomllib.loads(path.read_text("utf-8"))
    return [
        DrawnDoc(
            stem=d["stem"],
            file=d["file"],
            source=d["source"],
            province=d["province"],
            place=d["place"],
            stratum=d["stratum"],
            paragraphs={int(i): (int(lo), int(hi)) for i, lo, hi in d["paragraphs"]},
        )
        for d in data["doc"]
    ]


def raw_text(root: Path, doc: DrawnDoc) -> str:
    return (root / "corpus" / doc.file).read_text("utf-8")


def compile_doc(root: Path, doc: DrawnDoc, ann: Path) -> Compiled:
    return compile_ann(ann, raw_text(root, doc), doc.paragraphs)


def covered_ranges(doc: DrawnDoc, compiled: Compiled) -> list[tuple[int, int]]:
    """Raw ranges of the paragraphs an ``.ann`` file covers (adjacent ones not merged)."""
    return [doc.paragraphs[i] for i in compiled.covered]


def write_gold(root: Path, doc: DrawnDoc, compiled: Compiled) -> None:
    """``gold/corpus/<stem>.jsonl``, ``.relations.jsonl`` and ``.coverage.json`` from an ``.ann``."""
    gold = root / GOLD_DIR
    gold.mkdir(parents=True, exist_ok=True)
    spans = [
        json.dumps(
            {"start": s.start, "end": s.end, "label": s.label, "text": s.text}, ensure_ascii=False
        )
        for s in compiled.spans
    ]
    (gold / f"{doc.stem}.jsonl").write_text("".join(line + "\n" for line in spans), "utf-8")
    relations = [
        json.dumps(
            {
                "type": r.type,
                "subject": {"start": r.subject.start, "end": r.subject.end, "text": r.subject.text},
                "object": {"start": r.object.start, "end": r.object.end, "text": r.object.text},
                "evidence": {"start": r.evidence[0], "end": r.evidence[1]},
            },
            ensure_ascii=False,
        )
        for r in compiled.relations
    ]
    (gold / f"{doc.stem}.relations.jsonl").write_text(
        "".join(line + "\n" for line in relations), "utf-8"
    )
    coverage = [list(r) for r in covered_ranges(doc, compiled)]
    (gold / f"{doc.stem}.coverage.json").write_text(json.dumps(coverage) + "\n", "utf-8")
