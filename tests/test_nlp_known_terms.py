"""Terms other reports quote (policykg.nlp.terms.known): mined, shipped without sealed reports,
seen by a fold without its own provinces, and found bare in a document as ``known_term``."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path
from typing import Any

from policykg.gold.files import default_gold_root
from policykg.gold.folds import CorpusFold, read_corpus_folds
from policykg.gold.known_view import annotated_terms
from policykg.gold.load import CorpusGoldDoc
from policykg.ir import DocMeta, EntityType, SourceDoc
from policykg.nlp.candidates import KNOWN_TERM, MARKED_TERM, TERM_USE
from policykg.nlp.extract import propose
from policykg.nlp.terms.known import (
    KNOWN_TERMS_PATH,
    MIN_ANNOTATED,
    MIN_DOCS,
    Known,
    KnownTerms,
    mine_known_terms,
    read_known_terms,
)
from policykg.nlp.terms.shape import ABBREVIATION

QUOTING = "各位代表：\n推行“揭榜挂帅”机制，培育“专精特新”企业。\n"
OTHER = "各位代表：\n实施“双碳”行动。\n"
BARE = "各位代表：\n完善科技攻关揭榜挂帅机制，开展双碳行动。\n"


def _doc(raw: str, name: str = "t.txt") -> SourceDoc:
    return SourceDoc(name, name, raw, "utf-8", "0" * 64, DocMeta(name=name))


def test_a_term_quoted_by_several_reports_is_known_and_counted_per_report() -> None:
    table = mine_known_terms(
        [("甲", "四川省", QUOTING), ("乙", "四川省", QUOTING), ("丙", "江苏省", QUOTING + OTHER)]
    )
    assert table.quoted_in["揭榜挂帅"] == {"甲", "乙", "丙"}
    assert "双碳" not in table.quoted_in  # one report only: not kept at all
    assert "揭榜挂帅" in table.terms(min_docs=3)
    assert "揭榜挂帅" not in table.terms(min_docs=4)
    # a fold of 四川 sees only the other provinces' reports
    assert "揭榜挂帅" not in table.terms(without=frozenset({"四川省"}), min_docs=2)
    assert "揭榜挂帅" in table.terms(without=frozenset({"湖北省"}), min_docs=2)


def test_the_table_round_trips_through_json(tmp_path: Path) -> None:
    table = mine_known_terms([("甲", "四川省", QUOTING), ("乙", "江苏省", QUOTING)])
    path = tmp_path / "known.json"
    path.write_text(table.to_json(), "utf-8")
    assert read_known_terms(path) == table


def test_a_bare_use_of_a_known_term_is_a_candidate_of_its_own_proposer(nlp: Any) -> None:
    spots = [
        (BARE[s:e], src)
        for group in propose(
            _doc(BARE), nlp, Known(quoted=frozenset({"揭榜挂帅"}))
        ).candidates.values()
        for s, e, label, src in group
        if label == EntityType.ABBREVIATION.value
    ]
    assert ("揭榜挂帅", KNOWN_TERM) in spots
    assert not any(text == "双碳" for text, _ in spots)  # not known here: not proposed
    without = propose(_doc(BARE), nlp, Known()).candidates.values()
    assert not any(s[3] == KNOWN_TERM for group in without for s in group)


def test_a_term_the_document_quotes_itself_stays_a_term_use(nlp: Any) -> None:
    raw = QUOTING + "加快揭榜挂帅攻关。\n"
    spots = [
        s[3]
        for group in propose(
            _doc(raw), nlp, Known(quoted=frozenset({"揭榜挂帅"}))
        ).candidates.values()
        for s in group
        if s[2] == EntityType.ABBREVIATION.value and raw[s[0] : s[1]] == "揭榜挂帅"
    ]
    assert TERM_USE in spots and KNOWN_TERM not in spots


def test_the_shipped_table_holds_no_report_of_a_sealed_fold() -> None:
    table = read_known_terms(KNOWN_TERMS_PATH)
    folds = read_corpus_folds(default_gold_root() / "splits.toml")
    sealed = {stem for f in folds if f.status == "sealed" for stem in f.docs}
    assert sealed and not sealed & set(table.provinces)
    assert all(stems <= set(table.provinces) for stems in table.quoted_in.values())
    assert len(table.terms()) >= 100  # the genre's vocabulary, not a handful
    assert all(
        len(table.quoted_in.get(t, ())) >= MIN_DOCS
        or len(table.annotated_in.get(t, ())) >= MIN_ANNOTATED
        for t in table.terms()
    )


def _corpus(root: Path, reports: dict[str, tuple[str, str]]) -> Path:
    for folder in ("cities-2024", "baoding-counties"):
        (root / folder).mkdir(parents=True)
        (root / folder / "manifest.toml").write_text("document = []\n", "utf-8")
    lines = []
    for stem, (province, raw) in reports.items():
        (root / "cities-2024" / f"{stem}.txt").write_text(raw, "utf-8")
        lines.append(f'[[document]]\nfile = "{stem}.txt"\nprovince = "{province}"\n')
    (root / "cities-2024" / "manifest.toml").write_text("\n".join(lines), "utf-8")
    return root


def test_the_cli_mines_a_corpus_without_its_sealed_reports(tmp_path: Path) -> None:
    sealed = next(
        f for f in read_corpus_folds(default_gold_root() / "splits.toml") if f.status == "sealed"
    )
    reports = {
        "甲": ("四川省", QUOTING),
        "乙": ("江苏省", QUOTING),
        sealed.docs[0]: ("浙江省", QUOTING),
    }
    corpus = _corpus(tmp_path / "corpus", reports)
    out = tmp_path / "known.json"
    done = subprocess.run(
        ["policykg", "train", "--known-terms", "--corpus", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = read_known_terms(out)
    assert {"甲", "乙"} <= set(table.provinces) and sealed.docs[0] not in table.provinces
    assert table.quoted_in["揭榜挂帅"] == {"甲", "乙"}
    data = tomllib.loads((corpus / "cities-2024" / "manifest.toml").read_text("utf-8"))
    assert len(data["document"]) == 3


def test_the_cli_names_a_corpus_without_manifests(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            "policykg",
            "train",
            "--known-terms",
            "--corpus",
            str(tmp_path),
            "--out",
            str(tmp_path / "k.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    said = "".join(done.stderr.split())  # the error panel wraps long paths
    assert "cities-2024/manifest.toml:nomanifest" in said
    assert not (tmp_path / "k.json").exists()


def own(fold: CorpusFold, table: KnownTerms) -> set[str]:
    """The reports of the table that are of ``fold``'s provinces."""
    return {s for s, province in table.provinces.items() if province in fold.provinces}


def test_each_fold_is_scored_with_the_terms_of_the_other_provinces_only() -> None:
    from policykg.gold.known_view import known_without

    table = read_known_terms(KNOWN_TERMS_PATH)
    folds = read_corpus_folds(default_gold_root() / "splits.toml")
    for fold in folds:
        seen = known_without(fold.provinces).every
        assert seen == table.terms(without=frozenset(fold.provinces))
        for term in seen:  # still quoted, or marked, by enough reports of other provinces
            quoted = [s for s in table.quoted_in.get(term, ()) if s not in own(fold, table)]
            marked = [s for s in table.annotated_in.get(term, ()) if s not in own(fold, table)]
            assert len(quoted) >= MIN_DOCS or len(marked) >= MIN_ANNOTATED
    assert any(known_without(f.provinces).every < table.terms() for f in folds)


def _gold_doc(stem: str, raw: str, terms: list[str]) -> CorpusGoldDoc:
    name = f"{stem}.txt"
    spans = frozenset((name, raw.index(t), raw.index(t) + len(t), ABBREVIATION) for t in terms)
    return CorpusGoldDoc(_doc(raw, name), spans, frozenset(), ((0, len(raw)),), ())


def test_a_term_the_gold_of_enough_reports_marks_is_known_per_province() -> None:
    raw = "深化产学研合作，推进“１＋３”改革。"
    docs = [
        _gold_doc("甲", raw, ["产学研", "１＋３"]),
        _gold_doc("乙", raw, ["产学研"]),
        _gold_doc("丙", raw, []),  # the string is there but not marked: no count
    ]
    annotated = annotated_terms(docs)
    assert annotated == {"产学研": {"甲", "乙"}, "1＋3": {"甲"}}  # as extraction reads it
    provinces = {"甲": "四川省", "乙": "江苏省", "丙": "江苏省"}
    table = KnownTerms({}, provinces, annotated)
    assert table.terms(min_annotated=2) == {"产学研"}
    assert table.terms(min_annotated=1) == {"产学研", "1＋3"}
    # a fold of 江苏 does not learn a term from its own province's gold
    assert "产学研" not in table.terms(without=frozenset({"江苏省"}), min_annotated=2)
    assert table.terms(min_annotated=2) == KnownTerms({}, provinces, annotated).terms()


def test_the_table_with_annotated_terms_round_trips_through_json(tmp_path: Path) -> None:
    mined = mine_known_terms([("甲", "四川省", QUOTING), ("乙", "江苏省", QUOTING)])
    table = KnownTerms(mined.quoted_in, mined.provinces, {"产学研": frozenset({"甲", "乙"})})
    path = tmp_path / "known.json"
    path.write_text(table.to_json(), "utf-8")
    assert read_known_terms(path) == table


def test_the_shipped_table_learns_only_from_the_dev_folds_gold() -> None:
    table = read_known_terms(KNOWN_TERMS_PATH)
    folds = read_corpus_folds(default_gold_root() / "splits.toml")
    dev = {stem for f in folds if f.status == "dev" for stem in f.docs}
    marked = {stem for stems in table.annotated_in.values() for stem in stems}
    assert marked and marked <= dev


def test_a_term_only_the_gold_marks_has_a_proposer_of_its_own(nlp: Any) -> None:
    table = KnownTerms(
        {"揭榜挂帅": frozenset({"甲"})},
        {"甲": "四川省", "乙": "江苏省"},
        {"揭榜挂帅": frozenset({"甲", "乙"}), "双碳": frozenset({"甲", "乙"})},
    )
    view = table.view(min_docs=1)
    assert view == Known(frozenset({"揭榜挂帅"}), frozenset({"双碳"}))  # quoted comes first
    sources = {
        (BARE[s:e], src)
        for group in propose(_doc(BARE), nlp, view).candidates.values()
        for s, e, label, src in group
        if label == EntityType.ABBREVIATION.value
    }
    assert {("揭榜挂帅", KNOWN_TERM), ("双碳", MARKED_TERM)} <= sources
