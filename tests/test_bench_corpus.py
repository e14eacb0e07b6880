"""The corpus benchmark: which folders it builds, and one real run on a two-folder corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

from policykg.bench.corpus_bench import bench_corpus, corpus_folders


def test_a_corpus_of_subfolders_is_built_from_each(tmp_path: Path) -> None:
    for name in ("b", "a", ".hidden"):
        (tmp_path / name).mkdir()
    (tmp_path / "README.md").write_text("about", encoding="utf-8")
    assert corpus_folders(tmp_path) == [tmp_path / "a", tmp_path / "b"]
    (tmp_path / "x.txt").write_text("报告", encoding="utf-8")
    assert corpus_folders(tmp_path) == [tmp_path, tmp_path / "a", tmp_path / "b"]


def test_the_benchmark_measures_extract_and_build_of_the_same_corpus(
    seeds_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    names = sorted(p.name for p in seeds_dir.glob("*.txt"))[:2]
    for folder, name in zip(("one", "two"), names, strict=True):
        (corpus / folder).mkdir(parents=True)
        shutil.copy(seeds_dir / name, corpus / folder / name)
    work = tmp_path / "work"
    work.mkdir()
    figures = bench_corpus(corpus, work, jobs=1, reference=True)
    chars = sum(len((seeds_dir / n).read_bytes().decode()) for n in names)
    assert figures.documents == 2 and figures.chars == chars
    assert figures.triples > 1000 and figures.parallel is None and figures.reference is not None
    assert figures.extract.seconds > 0 and figures.build.peak_mb > 50
    assert "extracting 2 documents" in figures.build.stages
    assert sum(figures.build.stages.values()) < figures.build.seconds
