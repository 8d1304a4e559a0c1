"""The whole translation path on a tiny REAL argos package, offline (no fake translator)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from doctools.errors import ModelMissingError
from doctools.translate import translate_document
from doctools.translate.document import translate_segments
from doctools.translate.memory import Memory
from doctools.translate.segment import segments

PLACEHOLDER = re.compile(r"(?i)\b(?:ZX|QZ|XQ|ZZ)\s?\d")


def test_alignment_order_and_counts(translator, doc, memory) -> None:  # type: ignore[no-untyped-def]
    en, qa = translate_document(doc, translator=translator, memory=memory)
    expected = segments(doc.blocks, translator.count_tokens, translator.max_input_tokens)
    assert [r.id for r in qa.segments] == [s.id for s in expected]
    assert [r.source for r in qa.segments] == [s.text for s in expected]
    assert [b.id for b in en.blocks] == [b.id for b in doc.blocks]
    assert [(b.kind, b.level) for b in en.blocks] == [(b.kind, b.level) for b in doc.blocks]
    for b in en.blocks:
        recs = [r for r in qa.segments if r.block_id == b.id]
        assert b.text == " ".join(r.target for r in recs if r.target)
        assert b.attrs["segments"] == str(len(recs))
        assert all(r.target for r in recs), "one non-empty target per source segment"
    assert en.metadata.language == "en" and en.metadata.edition == "en"
    assert en.metadata.derived_from == doc.metadata.source_sha256
    assert en.block("b5").label == "I. " and en.block("b7").label == "(1) "
    lead = en.block("b6").lead
    assert lead and en.block("b6").text.startswith(lead)


def test_long_sentence_split_under_the_input_limit(translator, doc, memory) -> None:  # type: ignore[no-untyped-def]
    _, qa = translate_document(doc, translator=translator, memory=memory)
    pieces = [r for r in qa.segments if r.block_id == "b8"]
    assert len(pieces) > 1 and all(re.fullmatch(r"b8\.s0\.\d+", r.id) for r in pieces)
    assert "".join(r.source for r in pieces) == doc.block("b8").text
    assert all(translator.count_tokens(r.source) <= translator.max_input_tokens for r in pieces)


def test_placeholders_survive_sentencepiece_and_are_restored(translator, doc, memory) -> None:  # type: ignore[no-untyped-def]
    from doctools.translate.protect import choose_style

    style = choose_style(translator.round_trips)
    assert "_" not in style and translator.round_trips(style.format(n=12))
    en, qa = translate_document(doc, translator=translator, memory=memory)
    for b in en.blocks:
        assert not PLACEHOLDER.search(b.text), b.text
    text = " ".join(b.text for b in en.blocks)
    for needle in ("240.516 billion yuan", "9.3%", "574", "more than 68 billion yuan", "130th",
                   "25,500 people", "Haizhu District", "Canton Fair", "four-above enterprises"):
        assert needle in text
    assert "number_missing" not in qa.counts()


def test_memory_hits_on_rerun_and_no_cache(translator, doc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mem = Memory(tmp_path / "tm.sqlite3")
    first, qa1 = translate_document(doc, translator=translator, memory=mem)
    second, qa2 = translate_document(doc, translator=translator, memory=mem)
    assert qa1.cache_hits == 0 and qa2.cache_hits == len(qa2.segments)
    assert [b.text for b in first.blocks] == [b.text for b in second.blocks]
    _, qa3 = translate_document(doc, translator=translator, memory=False)
    assert qa3.cache_hits == 0
    mem.close()


def test_default_memory_lives_in_doctools_cache_dir(translator, doc, argos_env: Path) -> None:  # type: ignore[no-untyped-def]
    translate_document(doc, translator=translator)
    assert (argos_env / "doctools-cache" / "translation-memory.sqlite3").is_file()


def test_qa_flags_gibberish(translator, doc, memory) -> None:  # type: ignore[no-untyped-def]
    _, qa = translate_document(doc, translator=translator, memory=memory)
    counts = qa.counts()
    # random weights emit Chinese pieces in loops up to the cap: all must be caught
    assert counts.get("han_left", 0) + counts.get("untranslated", 0) > 0
    assert counts.get("repetition", 0) > 0 or counts.get("decoding_cap", 0) > 0
    assert qa.severe > 0
    d = qa.to_dict()
    assert d["severe"] == qa.severe and d["segments"] == len(qa.segments)
    assert "severe" in qa.to_markdown()


def test_no_socket_is_opened(translator, doc, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from doctools.translate import load_translator

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    tr = load_translator("zh", "en")  # loading is offline too
    en, qa = translate_document(doc, translator=tr, memory=Memory(tmp_path / "tm.sqlite3"))
    assert len(en.blocks) == len(doc.blocks) and qa.segments


def test_zt_package_picked_for_traditional(installed_model) -> None:  # type: ignore[no-untyped-def]
    from doctools.translate.models import find

    assert find("zh", "en", script="Hant").from_code == "zt"
    assert find("zh", "en", script="Hans").from_code == "zh"


def test_missing_model_names_the_install_command(installed_model, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from doctools.translate import load_translator

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    with pytest.raises(ModelMissingError, match="doctools models install zh en"):
        load_translator("zh", "en")


def test_dedup_translates_repeated_sentences_once(translator, memory) -> None:  # type: ignore[no-untyped-def]
    from doctools.model import Block

    blocks = [Block(f"b{i}", "paragraph", f"增长{i}.5%。坚持高质量发展。") for i in range(1, 6)]
    segs = segments(blocks, translator.count_tokens, translator.max_input_tokens)
    records, _ = translate_segments(segs, translator, None, memory)
    assert len(records) == 10
    assert len(memory) == 2  # "增长ZX1。" and "坚持高质量发展。": numbers are placeholders
    assert [r.target.count(f"{i}.5%") for i, r in zip(range(1, 6), records[::2], strict=True)] == [1] * 5
