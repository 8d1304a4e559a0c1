"""The review page's web font: a WOFF2 subset of the shipped Noto Sans SC that a reader of the
format (fontTools here, Chromium in the review-page test) takes back table for table."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import SFNTReader

from doctools.writers._webfont import font_face_css, subset_woff2, woff2

TEXT = "海珠区2022年政府工作报告：地区生产总值增长9.3%。Review page"


def test_subset_holds_exactly_the_characters_of_the_text() -> None:
    data = subset_woff2("hei", TEXT)
    assert data[:4] == b"wOF2" and len(data) % 4 == 0
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff2"
    cmap = font.getBestCmap()
    assert {chr(c) for c in cmap} >= set(TEXT)
    assert len(cmap) <= len(set(TEXT)) + 1  # the text's characters and a space, nothing more
    assert font["glyf"][cmap[ord("海")]].numberOfContours > 0


def test_container_round_trips_every_table() -> None:
    from fontTools import subset

    font = TTFont(str(Path(__file__).resolve().parents[3] / "fonts" / "LiberationSerif-Regular.ttf"), lazy=True)
    sub = subset.Subsetter(subset.Options())
    sub.populate(text="Hello")
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    reader = SFNTReader(io.BytesIO(buf.getvalue()))
    tables = {str(t): reader[t] for t in reader.keys()}
    back = SFNTReader(io.BytesIO(woff2(tables, 0x00010000)))
    assert back.flavor == "woff2"
    assert {str(t): back[t] for t in back.keys()} == tables


def test_css_rule_embeds_the_font_as_a_data_uri() -> None:
    css = font_face_css("f", TEXT)
    assert css.startswith("@font-face{font-family:'f'") and "data:font/woff2;base64," in css
