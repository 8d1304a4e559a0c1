"""clean.controls: control, bidi and non-characters removed as recorded Edits with a Notice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from doctools.clean import clean
from doctools.clean.controls import NAME, clean_controls
from doctools.clean.lossless import check
from doctools.model import Document
from doctools.pipeline import load
from doctools.readers import html
from doctools.serialize import to_json

BODY = "地區生產總值增長9.3%。"


@pytest.mark.parametrize(("dirty", "clean_text", "rule"), [
    (f"增長\x1b[1m{BODY}", f"增長[1m{BODY}", "controls.c0"),
    (f"{BODY}\x07", BODY, "controls.c0"),
    (f"{BODY}\x7f", BODY, "controls.c0"),
    (f"{BODY}\x9b", BODY, "controls.c1"),
    (f"合同\u202e{BODY}", f"合同{BODY}", "controls.bidi"),
    (f"\u2066{BODY}\u2069", BODY, "controls.bidi"),
    (f"{BODY}\u200f", BODY, "controls.bidi"),
    (f"{BODY}\ufffe\uffff", BODY, "controls.noncharacter"),
    (f"{BODY}\U0010ffff", BODY, "controls.noncharacter"),
    (f"{BODY}\ud800", BODY, "controls.surrogate"),
    (f"{BODY}\U000e0041\U000e0042", BODY, "controls.tag"),
    (f"{BODY}\ufff9", BODY, "controls.annotation"),
])
def test_each_class_is_removed_with_an_edit(make_doc: Callable[..., Document], dirty: str, clean_text: str,
                                            rule: str) -> None:
    out = clean_controls(make_doc(dirty))
    assert [b.text for b in out.blocks] == [clean_text]
    (edit,) = out.edits
    assert (edit.step, edit.rule, edit.action, edit.after, edit.line) == (NAME, rule, "replace", clean_text, 1)
    (notice,) = out.notices
    assert notice.level == "warning" and notice.block_id == "b1" and "removed" in notice.message


def test_word_separating_controls_become_spaces(make_doc: Callable[..., Document]) -> None:
    out = clean(make_doc("Annual\x0creport\x85and\x1fplan", BODY))
    assert out.blocks[0].text == "Annual report and plan"


@pytest.mark.parametrize("keep", [
    f"{BODY}\t甲", "\u3000" + BODY, f"{BODY}😀", f"{BODY}\U00020000", f"{BODY}\ufe0f", f"葛\U000e0100{BODY}",
    f"{BODY}\u200d", "שלום עולם", "مرحبا",
])
def test_ordinary_characters_are_kept(make_doc: Callable[..., Document], keep: str) -> None:
    doc = make_doc(keep)
    assert clean_controls(doc) is doc


def test_notice_names_what_was_removed(make_doc: Callable[..., Document]) -> None:
    out = clean_controls(make_doc(f"甲\x1b乙\x1b{BODY}", f"丙\u202e{BODY}", BODY))
    (notice,) = out.notices
    assert "removed 3 invisible control/bidi characters in 2 blocks" in notice.message
    assert "U+001B ESC ×2" in notice.message and "U+202E RIGHT-TO-LEFT OVERRIDE ×1" in notice.message


def test_block_of_nothing_but_controls_is_removed(make_doc: Callable[..., Document]) -> None:
    out = clean_controls(make_doc(BODY, "\x07\x1b\u202e", BODY + "。"))
    assert [b.id for b in out.blocks] == ["b1", "b3"]
    assert [(e.block_id, e.action) for e in out.edits] == [("b2", "remove")]


def test_surrogates_are_shown_escaped_where_kept(make_doc: Callable[..., Document]) -> None:
    out = clean(make_doc(f"{BODY}\udc80"))
    (edit,) = [e for e in out.edits if e.step == NAME]
    assert edit.before == f"{BODY}\\udc80"
    assert out.blocks[0].orig == f"{BODY}\\udc80"
    to_json(out).encode("utf-8")  # a lone surrogate anywhere would make the model unsavable


def test_whole_cleaner_is_lossless_and_idempotent_with_controls(make_doc: Callable[..., Document]) -> None:
    raw = make_doc("海珠區政府工作報告\u202e", f"各位代表\x07:{BODY}", "一、\x1b總體要求\ufffe", f"\x85{BODY}")
    out = clean(raw)
    assert check(raw, out) is None
    again = clean(out)
    assert again.blocks == out.blocks and again.notices == out.notices
    assert out.metadata.title == "海珠區政府工作報告"
    assert not any(ch in b.full_text for b in out.blocks for ch in "\u202e\x07\x1b\ufffe\x85")


def test_html_character_reference_to_a_control(make_doc: Callable[..., Document]) -> None:
    """``&#x1;`` in a page arrives as U+0001 from the parser; the title too."""
    page = f"<html><head><title>報告&#x1;</title></head><body><p>{BODY}&#x1;&#x202E;</p></body></html>"
    out = clean(html.read(page.encode(), source="p.html"))
    assert [b.text for b in out.blocks] == [BODY]
    assert out.metadata.extra["html_title"] == "報告"
    assert any(e.rule.endswith(":metadata.extra.html_title") for e in out.edits)


def test_model_json_with_escaped_surrogate_and_controls_cleans_and_saves(tmp_path: Path) -> None:
    """A saved model (the other way text reaches the cleaner) may hold ``\\ud800`` escapes."""
    from doctools.readers.txt import document_from_lines

    doc = document_from_lines(["標題", f"{BODY}\x1b"], source="m.txt", sha256="0" * 64, encoding="utf-8")
    model = tmp_path / "m.json"
    model.write_text(to_json(doc).replace("\\u001b", "\\ud800\\u001b"), encoding="utf-8")
    out = clean(load(model))
    assert out.blocks[-1].text == BODY
    (tmp_path / "out.json").write_text(to_json(out), encoding="utf-8")
