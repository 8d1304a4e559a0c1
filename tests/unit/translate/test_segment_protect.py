"""Segmentation, placeholders and restoration (no model needed)."""

from __future__ import annotations

from doctools.model import Block
from doctools.translate.glossary import load_glossary
from doctools.translate.protect import STYLES, choose_style, protect, restore
from doctools.translate.segment import segments, split_sentence


def test_segments_follow_the_shared_splitter() -> None:
    b = Block("b4", "paragraph", "增长8.1%。他说：“好。”然后走了！对吗？")
    segs = segments([b])
    assert [s.id for s in segs] == ["b4.s0", "b4.s1", "b4.s2", "b4.s3"]
    assert "".join(s.text for s in segs) == b.text


def test_long_sentence_cut_at_clause_marks_then_by_length() -> None:
    text = "，".join(["甲乙丙丁戊己庚辛"] * 10) + "。"
    segs = split_sentence("b2.s0", "b2", text, len, 30)
    assert [s.id for s in segs][:2] == ["b2.s0.1", "b2.s0.2"]
    assert "".join(s.text for s in segs) == text and all(len(s.text) <= 30 for s in segs)
    assert all(s.text.endswith(("，", "。")) for s in segs)
    unbroken = "甲" * 95
    pieces = split_sentence("b3.s0", "b3", unbroken, len, 30)
    assert "".join(s.text for s in pieces) == unbroken and all(len(s.text) <= 30 for s in pieces)


def test_short_sentence_keeps_its_id() -> None:
    assert [s.id for s in split_sentence("b1.s0", "b1", "短句。", len, 30)] == ["b1.s0"]


def test_protect_terms_before_numbers_and_restore() -> None:
    p = protect("海珠区实现地区生产总值2405.16亿元，增长9.3%。", load_glossary())
    assert p.text == "ZX1实现ZX2 ZX3，增长ZX4。"
    assert [s.kind for s in p.slots] == ["term", "term", "number", "number"]
    r = restore("ZX1 achieved a ZX2 of ZX3, up ZX4.", p.slots)
    assert r.text == "Haizhu District achieved a gross regional product of 240.516 billion yuan, up 9.3%."
    assert not r.lost and not r.repaired


def test_restore_repairs_mangled_tokens_and_reports_losses() -> None:
    p = protect("增长9.3%，超680亿元。", None)
    r = restore("up zx 1 and more ZX9", p.slots)
    assert r.text == "up 9.3% and more [more than 68 billion yuan]"
    assert [s.source for s in r.repaired] == ["9.3%"]
    assert [s.source for s in r.lost] == ["超680亿元"]
    assert r.unknown == ["ZX9"]


def test_placeholders_kept_apart_from_latin_and_each_other() -> None:
    p = protect("第130届广交会和5G基站", load_glossary())
    assert p.text.startswith("ZX1 ZX2和")
    assert "5G" in p.text  # a number glued to Latin letters is not protected


def test_style_choice_uses_the_tokenizer_round_trip() -> None:
    assert choose_style(lambda s: not s.startswith("ZX")) == STYLES[1]
    assert all("_" not in s for s in STYLES)


def test_heading_labels_in_english() -> None:
    from doctools.translate.document import label_en

    assert label_en("一、") == "I. " and label_en("十二、") == "XII. " and label_en("（三）") == "(3) "
    assert label_en("十十、").startswith("十十")  # no value: kept as written, never an empty numeral
