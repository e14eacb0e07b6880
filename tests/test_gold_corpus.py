"""The annotated corpus as committed: the draw is reproducible, gold matches its annotation
files and raw texts, folds hold whole provinces, and the sizes issue 12 asks for are there."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from policykg.gold.corpus import GOLD_DIR, compile_doc, fresh_taken, glossary_stems, load_sample
from policykg.gold.files import default_gold_root, read_glossary
from policykg.gold.folds import read_corpus_folds
from policykg.gold.sample import SEED, county_key, draw, draw_fresh, draw_fresh_counties

ROOT = default_gold_root()
SHARED = ROOT.parents[1].parent / "shared" / "corpus"
DOCS = load_sample(ROOT)
FIRST_DRAW = load_sample(ROOT, fresh=False)
ANNOTATED = [d for d in DOCS if (ROOT / "annotation" / f"{d.stem}.ann").is_file()]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is absent: cannot redraw")
def test_the_draw_is_reproducible_and_the_texts_are_byte_copies() -> None:
    drawn = draw(SHARED, SEED)
    assert [(d.stem, {p.index: (p.start, p.end) for p in d.paragraphs}) for d in drawn] == [
        (d.stem, d.paragraphs) for d in FIRST_DRAW
    ]
    for doc in DOCS:
        copied = (ROOT / "corpus" / doc.file).read_bytes()
        assert copied == (SHARED / doc.source / doc.file).read_bytes(), doc.file


@pytest.mark.parametrize("doc", ANNOTATED, ids=lambda d: d.stem)
def test_committed_gold_is_the_compiled_annotation(doc) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_doc(ROOT, doc, ROOT / "annotation" / f"{doc.stem}.ann")
    rows = (ROOT / GOLD_DIR / f"{doc.stem}.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(r) for r in rows] == [
        {"start": s.start, "end": s.end, "label": s.label, "text": s.text} for s in compiled.spans
    ], "run `policykg gold compile` after editing annotation files"
    assert compiled.covered == tuple(sorted(doc.paragraphs)), "every drawn paragraph annotated"
    coverage = json.loads((ROOT / GOLD_DIR / f"{doc.stem}.coverage.json").read_text("utf-8"))
    assert [tuple(r) for r in coverage] == [doc.paragraphs[i] for i in compiled.covered]


FOLDS = {f.name: f for f in read_corpus_folds(ROOT / "splits.toml")}
DRAWS = sorted(p.stem.removeprefix("fresh-") for p in ROOT.glob("fresh-*.toml"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is absent: cannot redraw")
@pytest.mark.parametrize("name", DRAWS)
def test_a_later_draw_is_reproducible_and_takes_nothing_read_before(name: str) -> None:
    """Every fresh-<fold>.toml is what `policykg gold sample --fresh` draws again; a draw that took
    judged texts (--judged-ok) is a development draw and never a sealed fold."""
    drawn = {d.stem: d for d in load_sample(ROOT)}
    own = [drawn[s] for s in sorted(tomllib_stems(name))]
    stems = {d.stem for d in own}
    judged = {p.stem for p in ROOT.glob("judged/texts/*.txt")}
    fold = FOLDS.get(name)
    provinces = set(FOLDS[fold.fresh_of].provinces) if fold and fold.fresh_of else None
    taken = fresh_taken(ROOT, name, judged=not judged & stems)
    if all(d.stratum.startswith("county/") for d in own):  # --counties: unread counties
        redrawn = draw_fresh_counties(SHARED, taken, SEED)
        assert provinces is None or {d.province for d in own} <= provinces
        # no county with a report copied or read in any year (徐水县 2013 makes 徐水区 2018 read)
        others = {p.stem for p in ROOT.glob("corpus/*.txt")} - stems
        read = {county_key(stem.split("_")[-1]) for stem in others if stem[:6].isdigit()}
        assert not {county_key(d.place) for d in own} & read
    else:
        redrawn = draw_fresh(SHARED, provinces or {d.province for d in own}, taken, SEED)
    assert [(d.stem, {p.index: (p.start, p.end) for p in d.paragraphs}) for d in redrawn] == [
        (d.stem, d.paragraphs) for d in own
    ]
    if judged & stems:
        assert fold is None or fold.status == "dev", "a draw of read texts cannot be sealed"
    assert not {d.stem for d in FIRST_DRAW} & stems


def tomllib_stems(fold: str) -> list[str]:
    data = tomllib.loads((ROOT / f"fresh-{fold}.toml").read_text("utf-8"))
    return [str(d["stem"]) for d in data["doc"]]


def test_folds_hold_whole_provinces_and_every_annotated_document_once() -> None:
    folds = read_corpus_folds(ROOT / "splits.toml")
    first = [f for f in folds if f.fresh_of is None]
    provinces = [p for f in first for p in f.provinces]
    assert len(provinces) == len(set(provinces))
    by_name = {f.name: f for f in folds}
    for fold in folds:
        if fold.fresh_of:  # a later draw from a fold's provinces
            assert set(fold.provinces) <= set(by_name[fold.fresh_of].provinces)
    stems = [s for f in folds for s in f.docs]
    assert len(stems) == len(set(stems))
    assert set(stems) >= {d.stem for d in FIRST_DRAW}
    assert set(stems) <= {d.stem for d in ANNOTATED}
    by_stem = {d.stem: d for d in DOCS}
    for fold in folds:
        assert {by_stem[s].province for s in fold.docs} <= set(fold.provinces)
    assert {f.status for f in folds} == {"dev", "sealed"}


def test_the_annotated_corpus_is_as_large_as_issue_12_asks() -> None:
    chars = sum(hi - lo for d in ANNOTATED for lo, hi in d.paragraphs.values())
    assert len(ANNOTATED) >= 60
    assert len({d.province for d in ANNOTATED}) >= 20
    assert chars >= 250_000


@pytest.mark.parametrize("stem", glossary_stems(ROOT))
def test_every_corpus_glossary_is_annotated(stem: str) -> None:
    path = ROOT / GOLD_DIR / f"{stem}.glossary.jsonl"
    entries = read_glossary(path)
    raw = "".join((ROOT / "corpus" / f"{stem}.txt").read_text("utf-8").split())
    assert entries
    for entry in entries:
        assert entry.term and entry.definition, entry
        assert "".join(entry.definition.split()) in raw, entry.term


def test_annotation_files_belong_to_drawn_documents() -> None:
    stems = {d.stem for d in DOCS}
    for path in [*ROOT.glob("annotation/*.ann"), *ROOT.glob("annotation/pass2/*.ann")]:
        assert path.stem in stems, path
    assert not any(Path(p).suffix == ".tmp" for p in ROOT.glob("annotation/**/*"))


def test_gold_readme_shows_the_current_stats() -> None:
    from policykg.gold.stats import stats_table

    readme = (ROOT / "gold" / "README.md").read_text("utf-8")
    assert stats_table(ROOT) in readme, "paste `policykg gold stats` into gold/README.md"


def test_the_folds_are_the_seeded_deal_of_provinces() -> None:
    from policykg.gold.folds import assign_folds

    dealt = {f.name: (f.provinces, f.docs) for f in assign_folds(FIRST_DRAW, SEED)}
    committed = {
        f.name: (f.provinces, f.docs)
        for f in read_corpus_folds(ROOT / "splits.toml")
        if f.fresh_of is None
    }
    assert dealt == committed


def test_every_annotated_document_is_scored_in_one_fold_only() -> None:
    """A glossary-only document goes with the first fold of its province, never with a later
    draw from it (c6 and hebei share 河北), and no fold scores another fold's documents."""
    from policykg.gold.run import _glossary_only, _province_of

    folds = read_corpus_folds(ROOT / "splits.toml")
    province = _province_of(ROOT)
    scored: list[str] = []
    for fold in folds:
        scored += [*fold.docs, *_glossary_only(fold, folds, glossary_stems(ROOT), province)]
    assert len(scored) == len(set(scored))
    assert set(glossary_stems(ROOT)) <= set(scored)


def test_a_county_draw_never_takes_judged_texts(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        [
            *("policykg", "gold", "sample", "--fresh", "x", "--counties", "--judged-ok"),
            *("--root", str(tmp_path), "--corpus", str(SHARED)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and "never take judged texts" in " ".join(done.stderr.split())
    assert not list(tmp_path.iterdir())
