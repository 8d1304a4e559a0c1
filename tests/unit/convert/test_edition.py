"""The Simplified and Traditional editions: ids, metadata, audit trail, pass-through, terms."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from doctools.convert import ZH_HANS, load_terms, simplified_step, to_simplified, to_traditional
from doctools.convert._opencc import convert as occ
from doctools.errors import ConfigError
from doctools.model import Block, Document, Edit, Metadata
from doctools.transform import Step, chain


def phrase_edits(doc: Document) -> list[Edit]:
    return [e for e in doc.edits if e.step == "convert.zh_hans" and e.rule != "opencc:t2s"]


def test_same_block_ids_and_converted_text(trad_doc: Document) -> None:
    out = to_simplified(trad_doc)
    assert [b.id for b in out.blocks] == [b.id for b in trad_doc.blocks]
    assert out.block("b4").text == "强化创新策源功能。推动产业数字化，优化营商环境，发展人工智能与互联网。"
    assert out.block("b3").label == "（一）" and out.block("b3").text == "聚焦创新核心地位"
    assert out.block("b4").orig == trad_doc.block("b4").orig


def test_edition_metadata(trad_doc: Document) -> None:
    m = to_simplified(trad_doc).metadata
    assert (m.edition, m.language, m.script, m.variant) == ("zh-Hans", "zh-Hans", "Hans", "CN")
    assert m.derived_from == trad_doc.metadata.source_sha256
    assert m.title == "海珠区政府工作报告"
    assert m.extra["convert.source_script"] == "Hant" and m.extra["convert.source_variant"] == "TW"
    assert "最佳化" in m.extra["convert.signals"]


def test_every_phrase_change_is_an_edit_with_table_line(trad_doc: Document) -> None:
    edits = phrase_edits(to_simplified(trad_doc))
    assert [(e.before, e.after) for e in edits] == [("数位化", "数字化"), ("最佳化", "优化"),
                                                   ("人工智慧", "人工智能"), ("网际网路", "互联网")]
    for e in edits:
        assert e.rule.startswith("convert/tw_cn_vocabulary.tsv:") and e.block_id == "b4" and e.line == 4


def test_offsets_replay_from_the_t2s_text(trad_doc: Document) -> None:
    out = to_simplified(trad_doc)
    text = occ("t2s", trad_doc.block("b4").text)
    for e in phrase_edits(out):
        assert e.offset is not None
        assert text[e.offset : e.offset + len(e.before)] == e.before
        text = text[: e.offset] + e.after + text[e.offset + len(e.before) :]
    assert text == out.block("b4").text


def test_character_conversion_is_one_edit_per_block(trad_doc: Document) -> None:
    t2s = [e for e in to_simplified(trad_doc).edits if e.rule == "opencc:t2s"]
    assert {e.block_id for e in t2s} == {"b1", "b3", "b4", "b5"}
    assert all(e.offset is None for e in t2s)


def test_lead_stays_a_prefix(trad_doc: Document) -> None:
    b = to_simplified(trad_doc).block("b4")
    assert b.lead == "强化创新策源功能。" and b.text.startswith(b.lead)


def test_ambiguous_spot_becomes_a_notice(trad_doc: Document) -> None:
    notes = [n for n in to_simplified(trad_doc).notices if n.step == "convert.zh_hans"]
    assert len(notes) == 1 and notes[0].block_id == "b5" and "'民众'" in notes[0].message
    assert "repairs.tsv:" in notes[0].message


def test_guarded_words_untouched(trad_doc: Document) -> None:
    text = to_simplified(trad_doc).block("b5").text
    assert "经济指标" in text and "新增企业" in text


def test_simplified_input_passes_through_unchanged() -> None:
    doc = Document(Metadata(title="报告", source_sha256="cd" * 32),
                   (Block("b1", "paragraph", "推动数字化转型，优化营商环境，套用模板。", lines=(1,)),))
    out = to_simplified(doc)
    assert out.blocks == doc.blocks and out.edits == ()
    assert out.metadata.edition == "zh-Hans" and out.metadata.script == "Hans"
    assert any("passed through" in n.message for n in out.notices)


def test_user_terms_override_and_add(tmp_path: Path, trad_doc: Document) -> None:
    f = tmp_path / "mine.tsv"
    f.write_text("# Purpose: test\n最佳化\t最优化\n经济指标\t经济指标体系\n", encoding="utf-8")
    out = to_simplified(trad_doc, terms=[f])
    assert "最优化营商环境" in out.block("b4").text
    assert "经济指标体系" in out.block("b5").text
    rules = {e.rule for e in phrase_edits(out)}
    assert f"{f.name}:2" in rules and f"{f.name}:3" in rules  # named by file name: outputs never name folders
    assert to_simplified(trad_doc, terms=load_terms([f])).blocks == out.blocks


def test_bad_terms_file_is_a_config_error(tmp_path: Path, trad_doc: Document) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("onlykey\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.tsv:1"):
        to_simplified(trad_doc, terms=[bad])
    with pytest.raises(ConfigError, match="not found"):
        to_simplified(trad_doc, terms=[tmp_path / "missing.tsv"])


def test_chain_steps(trad_doc: Document) -> None:
    assert ZH_HANS.name == "convert.zh_hans"
    assert chain([cast(Step, ZH_HANS)])(trad_doc).blocks == to_simplified(trad_doc).blocks
    assert simplified_step().name == "convert.zh_hans"


def test_input_is_not_mutated(trad_doc: Document) -> None:
    before = trad_doc.blocks
    to_simplified(trad_doc)
    assert trad_doc.blocks == before


def _simp_doc() -> Document:
    return Document(Metadata(title="政府工作报告", source_sha256="ef" * 32),
                    (Block("b1", "paragraph", "发展人工智能和互联网，优化营商环境，支持软件产业。", lines=(1,)),))


def test_taiwan_edition_with_audit() -> None:
    out = to_traditional(_simp_doc(), "TW")
    assert out.blocks[0].text == "發展人工智慧和網際網路，最佳化營商環境，支援軟體產業。"
    m = out.metadata
    assert (m.edition, m.language, m.script, m.variant) == ("zh-Hant-TW", "zh-Hant-TW", "Hant", "TW")
    vocab = [(e.before, e.after, e.offset) for e in out.edits if e.rule == "opencc:s2twp"]
    assert vocab == [("智能", "智慧", 4), ("互聯網", "網際網路", 7), ("優化", "最佳化", 12),
                     ("支持", "支援", 20), ("軟件", "軟體", 22)]
    assert [e.rule for e in out.edits].count("opencc:s2t") == 1


def test_hong_kong_edition() -> None:
    out = to_traditional(_simp_doc(), "HK")
    assert out.metadata.edition == "zh-Hant-HK"
    assert "人工智能" in out.blocks[0].text  # no Taiwan vocabulary in the HK edition


def test_traditional_input_passes_through_and_bad_region() -> None:
    doc = Document(Metadata(), (Block("b1", "paragraph", "這是繁體中文的文件內容。"),))
    assert to_traditional(doc).blocks == doc.blocks
    with pytest.raises(ConfigError, match="region"):
        to_traditional(doc, "SG")
