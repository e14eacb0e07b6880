"""The shipped NER finds enterprise names nobody listed, from their context.

Sentences and names are invented for this test (in the style of the genre, appearing in no seed
and no gold file): brand names without an industry word or legal suffix, which the rule
components cannot recognise by their shape.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.nlp.extract import extract_batch
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.statistical.name_tagger import shipped_taggers
from policykg.nlp.statistical.ner import has_model, model_dir
from policykg.text.sources import read_batch

SENTENCES = [
    "支持宏晟做大做强，推动天禧扩能改造。",
    "积极对接麒麟、泰昌等知名企业。",
    "引进青岚、德润两家企业落户园区。",
    "加快福瑞源煤矸石综合利用、鼎盛达铸造产能置换等项目建设。",
    "新引进企业8家，其中盛景源、华晋宏达、博源泰落地开工。",
    "全年完成投资12亿元，嘉兴锦纶、晋丰源、天润和3户企业入规。",
    "推进金泰源年产20万吨焦化项目，确保惠丰达尽快达产。",
    "瑞泽康、金鼎盛成功申报省级专精特新企业。",
]
NAMES = {
    "宏晟", "天禧", "麒麟", "泰昌", "青岚", "德润", "福瑞源", "鼎盛达", "盛景源",
    "华晋宏达", "博源泰", "嘉兴锦纶", "晋丰源", "天润和", "金泰源", "惠丰达", "瑞泽康", "金鼎盛",
}  # fmt: skip


def _found_names(tmp_path: Path, *, with_ner: bool, tagger: str | None = None) -> set[str]:
    """The names found with or without the NER; the firm tagger only when ``tagger`` says
    so ("shipped"), so that each test measures one model."""
    path = tmp_path / "950_invented.txt"
    path.write_text("\n\n".join(SENTENCES) + "\n", "utf-8")
    nlp = build_nlp(with_ner=with_ner)
    extraction = extract_batch(read_batch([path]), nlp=nlp, tagger=tagger)
    return {
        m.span.text for e in extraction.entities if e.type.value == "Enterprise" for m in e.mentions
    }


@pytest.mark.skipif(not has_model(model_dir("all")), reason="no shipped NER model")
def test_default_ner_improves_enterprise_recall(tmp_path: Path) -> None:
    rules = _found_names(tmp_path, with_ner=False) & NAMES
    with_ner = _found_names(tmp_path, with_ner=True) & NAMES
    assert rules <= with_ner
    assert len(with_ner) >= len(rules) + 3, (sorted(rules), sorted(with_ner))


@pytest.mark.skipif(shipped_taggers().firm is None, reason="no shipped firm tagger")
def test_the_firm_tagger_finds_names_the_rules_miss(tmp_path: Path) -> None:
    """Invented names, in no gold file the tagger learned from."""
    rules = _found_names(tmp_path, with_ner=False) & NAMES
    tagged = _found_names(tmp_path, with_ner=False, tagger="shipped") & NAMES
    assert rules <= tagged
    assert len(tagged) >= len(rules) + 3, (sorted(rules), sorted(tagged))
