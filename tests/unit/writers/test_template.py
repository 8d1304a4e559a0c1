"""Layout templates: shipped ones load, official carries the GB/T 9704 numbers, user files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from doctools.errors import ConfigError
from doctools.resources import templates_dir
from doctools.writers import _template


def test_shipped_templates_load_with_headers() -> None:
    assert {"official", "report", "brief"} <= set(_template.available())
    for name in _template.available():
        t = _template.load(name)
        for key in ("body", "title", "heading1", "heading2", "lead"):
            assert key in t.styles or t.style(key)
        head = (templates_dir() / f"{name}.toml").read_text(encoding="utf-8").splitlines()[:12]
        assert any(ln.startswith("# Purpose:") for ln in head)
        assert any(ln.startswith("# Source:") for ln in head)
        assert any(ln.startswith("# Columns:") for ln in head)


def test_official_is_gbt9704() -> None:
    t = _template.load("official")
    p = t.page
    assert (p.width_mm, p.height_mm, p.top_mm, p.left_mm) == (210, 297, 37, 28)
    assert round(p.width_mm - p.left_mm - p.right_mm) == 156
    assert round(p.height_mm - p.top_mm - p.bottom_mm) == 225
    body = t.style("body")
    assert body.size_pt == 16 and body.role == "fangsong" and body.first_indent_chars == 2
    assert math.floor(p.frame_height_pt / body.leading_pt) == 22
    assert math.floor(p.frame_width_pt / (body.size_pt + body.tracking_pt)) == 28
    assert t.style("title").size_pt == 22 and t.style("title").bold
    assert t.style("heading1").role == "hei" and t.style("heading2").role == "kai"
    assert t.page_number is not None
    assert t.page_number.format == "— {n} —" and t.page_number.size_pt == 14
    assert t.page_number.position == "outside"
    assert (p.grid_lines, p.line_pitch_pt) == (22, 28.95)


def test_inheritance_and_deep_heading_fallback() -> None:
    t = _template.load("official")
    assert t.style("heading2").size_pt == 16  # from body
    assert t.style("heading6") == t.style("heading4")
    assert t.style("no-such-element") == t.style("body")


def test_user_template_file(tmp_path: Path) -> None:
    src = (templates_dir() / "report.toml").read_text(encoding="utf-8")
    user = tmp_path / "mine.toml"
    user.write_text(src.replace('name = "report"', 'name = "mine"').replace("size_pt = 11.5", "size_pt = 13"),
                    encoding="utf-8")
    t = _template.load(str(user))
    assert t.name == "mine" and t.style("body").size_pt == 13


def test_english_documents_switch_template() -> None:
    assert _template.for_document("official", "en").name == "report"
    assert _template.for_document("official", "zh-Hans").name == "official"
    assert _template.for_document("brief", "en").name == "brief"


@pytest.mark.parametrize("body", [
    "[styles.title]\nsize_pt = 3\n",  # no body style
    "[styles.body]\nsize = 3\n",  # unknown key
    "[styles.body]\nbase = \"nope\"\n",  # bad base
    "[page]\nwidth = 3\n[styles.body]\n",  # unknown page key
    "not toml [",
])
def test_bad_templates_are_config_errors(tmp_path: Path, body: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError):
        _template.load(str(bad))


def test_unknown_template_name() -> None:
    with pytest.raises(ConfigError, match="unknown template"):
        _template.load("nope")


def test_english_style_overrides() -> None:
    zh = _template.for_document("report", "zh-Hans")
    en = _template.for_document("report", "en")
    assert zh.style("body").leading_pt == 20 and zh.style("body").first_indent_chars == 2
    assert en.style("body").leading_pt == 16 and en.style("body").first_indent_chars == 1.5
    assert en.style("heading2").color == zh.style("heading2").color  # only named keys change


def test_styles_en_must_name_existing_styles(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[styles.body]\n[styles_en.nope]\nsize_pt = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        _template.load(str(bad))
