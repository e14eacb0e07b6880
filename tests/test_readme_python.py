"""The README's Python examples, run as doctests on a copy of the seed build; and the package
import stays cheap (the pipeline loads on first use, not on ``import policykg``)."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def readme_examples() -> str:
    """The ```python blocks of README.md that hold doctest examples, joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    return "\n".join(b for b in blocks if b.lstrip().startswith(">>>"))


def test_readme_python_examples_run(
    seed_build: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas")
    shutil.copytree(seed_build.graph_path.parent, tmp_path / "out")  # its cache makes build quick
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    examples = readme_examples()
    assert examples.count(">>>") >= 8
    parser = doctest.DocTestParser()
    test = parser.get_doctest(examples, {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    assert (tmp_path / "gaoyi.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_queries_without_pandas_give_a_list_of_dicts(
    seed_build: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policykg

    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    rows = policykg.open_graph(seed_build.graph_path).query("enterprise-projects")
    assert isinstance(rows, list) and rows and isinstance(rows[0], dict)
    assert rows[0]["enterpriseLabel"] == "山西高义钢铁有限公司"


def test_ask_construct_and_inline_view(seed_build: Any) -> None:
    import policykg

    graph = policykg.open_graph(seed_build.graph_path)
    assert graph.query("ASK { ?s a <https://w3id.org/policykg/def#Enterprise> }") is True
    triples = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert len(triples) == 3 and all(isinstance(part, str) for t in triples for part in t)
    frame = graph.view("company_projects")._repr_html_()
    assert frame.startswith('<iframe title="policykg company_projects" sandbox="allow-scripts"')
    assert "<script" not in frame  # the page travels escaped inside srcdoc
    with pytest.raises(FileNotFoundError):
        policykg.open_graph(seed_build.graph_path.parent / "missing.ttl")


def test_import_policykg_loads_no_pipeline() -> None:
    code = (
        "import sys, policykg; "
        "print(sorted(m for m in sys.modules if m.startswith(('spacy', 'pyoxigraph', 'networkx', "
        "'policykg.api', 'policykg.views', 'rdflib'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert "extract" in dir(__import__("policykg"))


def _keys(spec: str) -> set[str]:
    """``{"kind":"entity","id","type","mentions":[{"doc","start"}]}`` -> its top-level keys."""
    depth, keys = 0, set()
    for match in re.finditer(r'"(\w+)"|[\[{]|[\]}]', spec):
        token = match.group(0)
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth -= 1
        elif depth == 1:
            keys.add(match.group(1))
    return keys - {"document", "entity", "relation"}


def test_readme_extract_records_match_real_output() -> None:
    import policykg

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    said = {kind: _keys(spec) for spec, kind in re.findall(r'`(\{"kind":"(\w+)".*?\})`', text)}
    assert set(said) == {"document", "entity", "relation"}
    records = policykg.extract(ROOT / "seeds" / "001_4db9355ef4d2499e.txt")
    for kind, keys in said.items():
        real = [r for r in records if r["kind"] == kind]
        assert real and all(set(r) == keys for r in real), (kind, keys, set(real[0]))
    mention_keys = set(
        re.search(r'"mentions":\[\{(.*?)\}', text).group(1).replace('"', "").split(",")
    )
    assert all(
        set(m) == mention_keys for r in records if r["kind"] == "entity" for m in r["mentions"]
    )
