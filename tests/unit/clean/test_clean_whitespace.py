"""clean.whitespace: indentation, NBSP, zero-width, blank and trailing whitespace."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from doctools.clean.whitespace import clean_whitespace, normalise
from doctools.model import Document


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("  現在,我代表", "現在,我代表"),
        ("\u3000\u3000各位代表:", "各位代表:"),
        ("\t一、總體要求", "一、總體要求"),
        ("增長\u00a08%", "增長 8%"),
        ("海\u200b珠\ufeff區", "海珠區"),
        ("5G  基站\t建設", "5G 基站 建設"),
        ("結尾。   ", "結尾。"),
        ("李　強", "李　強"),  # an inner ideographic space can be deliberate: kept
        ("不變", "不變"),
    ],
)
def test_normalise(text: str, want: str) -> None:
    assert normalise(text)[0] == want


def test_one_edit_per_block_and_blank_removed(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("  甲\u00a0乙  ", "\u200b", "丙")
    out = clean_whitespace(doc)
    assert [b.text for b in out.blocks] == ["甲 乙", "丙"]
    assert [(e.block_id, e.action) for e in out.edits] == [("b1", "replace"), ("b2", "remove")]
    assert "whitespace.indent" in out.edits[0].rule and "whitespace.nbsp" in out.edits[0].rule
    assert out.edits[0].line == 1


def test_unchanged_document_is_returned_as_is(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("甲", "乙")
    assert clean_whitespace(doc) is doc
