"""Mention replacement keeps every non-enterprise span on its text and renames enterprises."""

from __future__ import annotations

from policykg.gold.ner_augment import augment, name_pools

PARAGRAPHS = [
    (
        "依托恒通化工、晋南重工等企业，县发改局推进建设。",
        [(2, 6, "Enterprise"), (7, 11, "Enterprise"), (15, 19, "GovernmentBody")],
    ),
    ("以宏达机械为龙头，打造装备制造产业园。", [(1, 5, "Enterprise"), (11, 18, "Park")]),
    ("全年地区生产总值增长8%。", []),
]


def test_pools_split_names_into_heads_and_tails() -> None:
    pools = name_pools(PARAGRAPHS)
    assert pools.head_chars == tuple(sorted("恒通晋南宏达"))
    assert pools.tails == ("化工", "机械", "重工")
    assert pools.known_heads == {"恒通", "晋南", "宏达"}
    assert "值" in pools.every_char


def test_augmented_copies_rename_enterprises_and_shift_other_spans() -> None:
    copies = augment(PARAGRAPHS, copies=3, seed=7)
    assert len(copies) == 6  # three per paragraph that names an enterprise
    heads = {"恒通", "晋南", "宏达"}
    for text, spans in copies:
        by_label = {label: text[s:e] for s, e, label in spans}
        assert text.startswith(("依托", "以"))
        assert by_label.get("GovernmentBody", "县发改局") == "县发改局"
        assert by_label.get("Park", "装备制造产业园") == "装备制造产业园"
        names = [text[s:e] for s, e, label in spans if label == "Enterprise"]
        assert all(n[2:] in {"化工", "机械", "重工"} and n[:2] not in heads for n in names)


def test_augmentation_is_deterministic_and_can_be_off() -> None:
    assert augment(PARAGRAPHS, 2, seed=1) == augment(PARAGRAPHS, 2, seed=1)
    assert augment(PARAGRAPHS, 0, seed=1) == []
