"""DOCX writer, checked in the package XML (python-docx + lxml)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from doctools.model import Document
from doctools.writers import docx as writer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(doc: Document, tmp_path: Path, template: str = "official", **kw: object) -> Path:
    out = tmp_path / f"{template}.docx"
    writer.write(doc, out, template=template, **kw)
    return out


def xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_east_asian_fonts_everywhere_and_no_theme_fonts(zh_doc: Document, tmp_path: Path) -> None:
    out = render(zh_doc, tmp_path)
    d = docx.Document(str(out))
    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    for name, font in (("Normal", "仿宋"), ("Title", "Noto Serif SC"), ("Heading 1", "黑体"), ("Heading 2", "楷体")):
        rf = d.styles[name].element.rPr.find(qn("w:rFonts"))
        assert rf.get(qn("w:eastAsia")) == font, name
    assert "Theme=" not in xml(out, "word/styles.xml").replace("themeFontLang", "")
    settings = xml(out, "word/settings.xml")
    assert 'w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"' in settings


@pytest.mark.parametrize(("language", "val", "east"), [
    ("zh-Hans", "zh-CN", "zh-CN"), ("zh-Hant", "zh-TW", "zh-TW"), ("en", "en-US", "zh-CN"),
])
def test_language_tags(zh_doc: Document, tmp_path: Path, language: str, val: str, east: str) -> None:
    from dataclasses import replace

    doc = zh_doc.with_changes(metadata=replace(zh_doc.metadata, language=language))
    out = render(doc, tmp_path, "report")
    styles = xml(out, "word/styles.xml")
    assert f'w:lang w:val="{val}" w:eastAsia="{east}"' in styles
    assert docx.Document(str(out)).core_properties.language == (val if language == "en" else east)


def test_headings_use_real_heading_styles(zh_doc: Document, tmp_path: Path) -> None:
    d = docx.Document(str(render(zh_doc, tmp_path)))
    used = [p.style.name for p in d.paragraphs]
    for level in (1, 2, 3, 4):
        assert f"Heading {level}" in used
    assert used[0] == "Title"
    body = xml(tmp_path / "official.docx", "word/styles.xml")
    assert "w:outlineLvl" in body  # the built-in heading styles kept their outline levels


def test_run_in_heading_uses_the_style_separator_and_lead_is_a_bold_run(zh_doc: Document, tmp_path: Path) -> None:
    d = docx.Document(str(render(zh_doc, tmp_path)))
    paras = d.paragraphs
    k = next(i for i, p in enumerate(paras) if p.text.startswith("（一）聚焦"))
    heading, body = paras[k], paras[k + 1]
    # only the heading is in the outline: its own Heading 2 paragraph, mark hidden (style separator)
    assert heading.style.name == "Heading 2"
    assert heading.text == "（一）聚焦创新核心地位，增强高质量发展引领力。"
    mark = heading._p.pPr.find(qn("w:rPr"))
    assert mark is not None and mark.find(qn("w:vanish")) is not None and mark.find(qn("w:specVanish")) is not None
    # the body continues in Normal with the body's layout on both paragraphs
    assert body.style.name == "Normal" and body.text.startswith("强化战略科技力量")
    assert heading.paragraph_format.first_line_indent == body.style.paragraph_format.first_line_indent
    lead = next(p for p in paras if p.text.startswith("强化创新策源功能。"))
    assert lead.runs[0].text == "强化创新策源功能。" and lead.runs[0].bold
    assert lead.runs[1].bold is False or lead.runs[1].bold is None


def test_no_break_spans_are_runs_with_word_joiners(tmp_path: Path) -> None:
    from doctools.model import Block, Metadata

    text = "习近平总书记指出，实现地区生产总值2405.16亿元，增长38%，建设“1+18+N”平台。"
    doc = Document(Metadata(title="t", language="zh-Hans"), (Block("b1", "paragraph", text),))
    d = docx.Document(str(render(doc, tmp_path)))
    runs = {r.text: r for r in d.paragraphs[0].runs}
    for token in ("习\u2060近\u2060平", "总\u2060书\u2060记", "2405.16\u2060亿\u2060元", "38%", "1+18+N"):
        assert token in runs, (token, list(runs))
        lang = runs[token]._r.rPr.find(qn("w:lang"))
        assert lang.get(qn("w:eastAsia")) == "en-US" and lang.get(qn("w:val")) == "en-US"
    assert "".join(runs).replace("\u2060", "") == text


def test_truncated_source_gets_a_closing_note(zh_doc: Document, tmp_path: Path) -> None:
    from dataclasses import replace

    doc = zh_doc.with_changes(metadata=replace(zh_doc.metadata, extra={"source.truncated": "ends mid-list"}))
    d = docx.Document(str(render(doc, tmp_path)))
    last = d.paragraphs[-1]
    assert last.text == "（原文至此中断）" and last.style.name == "Source Note"
    assert "原文至此中断" not in "".join(p.text for p in docx.Document(str(render(zh_doc, tmp_path))).paragraphs)


def test_page_setup_grid_and_footers(zh_doc: Document, tmp_path: Path) -> None:
    out = render(zh_doc, tmp_path)
    d = docx.Document(str(out))
    sec = d.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert round(sec.top_margin.mm) == 37 and round(sec.left_margin.mm) == 28
    assert round(sec.bottom_margin.mm) == 35 and round(sec.right_margin.mm) == 26
    doc_xml = xml(out, "word/document.xml")
    assert 'w:docGrid w:linePitch="579" w:type="lines"' in doc_xml
    assert d.settings.odd_and_even_pages_header_footer
    odd, even = sec.footer, sec.even_page_footer
    for footer, align in ((odd, 2), (even, 0)):
        p = footer.paragraphs[0]
        assert p.text.replace(" ", "") == "—1—"
        assert p.alignment == align
        assert p.paragraph_format.first_line_indent == 0  # not Normal's 2 characters
        assert "PAGE" in p._p.xml and 'w:fldCharType="begin"' in p._p.xml
    normal = d.styles["Normal"].element.pPr
    assert normal.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"
    assert d.styles["Normal"].element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"


def test_core_properties(zh_doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cp = docx.Document(str(render(zh_doc, tmp_path))).core_properties
    assert cp.title == "海珠区2022年政府工作报告"
    assert cp.author == "doctools" and cp.last_modified_by == "doctools"
    assert cp.language == "zh-CN"
    assert cp.created.year == 2023 and cp.created == cp.modified
    assert cp.subject


def test_a_title_past_the_core_property_limit_is_cut_there_not_refused(en_doc: Document, tmp_path: Path) -> None:
    """A machine's English of a 120-character Chinese title can pass OOXML's 255-character
    limit on core properties; the document is still written, with the full title on the page."""
    from dataclasses import replace

    long_title = "Notice on Further Improving the Work of " + "Digital Government Services, " * 12 + "End"
    blocks = [replace(b, text=long_title) if b.kind == "title" else b for b in en_doc.blocks]
    assert any(b.kind == "title" for b in en_doc.blocks)
    doc = en_doc.with_changes(blocks=blocks, metadata=replace(en_doc.metadata, title=long_title))
    d = docx.Document(str(render(doc, tmp_path, "report")))
    title = d.core_properties.title
    assert len(title) == 255 and title.endswith("…") and long_title.startswith(title[:-1].rstrip())
    assert any(p.text.replace("\n", " ").strip() == long_title for p in d.paragraphs)


def test_all_text_present(zh_doc: Document, tmp_path: Path) -> None:
    from doctools.proofing.pdftext import plain, printed

    d = docx.Document(str(render(zh_doc, tmp_path)))
    assert plain("".join(p.text for p in d.paragraphs)) == printed(zh_doc)


def test_english_uses_latin_fonts(en_doc: Document, tmp_path: Path) -> None:
    d = docx.Document(str(render(en_doc, tmp_path, "official")))
    rf = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert rf.get(qn("w:ascii")) == "Liberation Serif"
    assert rf.get(qn("w:eastAsia")) == "Noto Serif SC"
    assert round(d.sections[0].top_margin.mm) == 25  # English follows official's `english = "report"`
    k = next(i for i, p in enumerate(d.paragraphs) if p.text.startswith("(1) Focus on innovation."))
    assert d.paragraphs[k].style.name == "Heading 2" and d.paragraphs[k].text == "(1) Focus on innovation. "
    assert d.paragraphs[k + 1].text.startswith("Over the past year")


def test_reference_docx_styles_are_kept(zh_doc: Document, tmp_path: Path) -> None:
    ref = docx.Document()
    ref.styles["Normal"].font.name = "Reference Font"
    ref.add_paragraph("old body text that must go")
    ref_path = tmp_path / "ref.docx"
    ref.save(str(ref_path))
    out = render(zh_doc, tmp_path, reference_docx=ref_path)
    d = docx.Document(str(out))
    assert d.styles["Normal"].font.name == "Reference Font"
    assert "old body text" not in "".join(p.text for p in d.paragraphs)
    assert any(p.style.name == "Heading 1" for p in d.paragraphs)


def test_bad_reference_docx_is_a_config_error(zh_doc: Document, tmp_path: Path) -> None:
    from doctools.errors import ConfigError

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ConfigError):
        render(zh_doc, tmp_path, reference_docx=bad)


def test_build_lets_callers_add_styled_elements(zh_doc: Document, tmp_path: Path) -> None:
    built, missing, _ = writer.build(zh_doc, template="brief")
    assert missing == {}
    para = built.paragraph("GDP 2405.16亿元", "figure")
    built.paragraph("二、新增标题", "heading1")
    out = built.save(tmp_path / "b.docx")
    d = docx.Document(str(out))
    fig = next(p for p in d.paragraphs if p.text == "GDP 2405.16亿元")
    rf = fig.runs[0]._r.rPr.find(qn("w:rFonts"))
    assert rf.get(qn("w:eastAsia")) == "Noto Sans SC" and fig.runs[0].bold
    assert para.text == fig.text
    assert any(p.style.name == "Heading 1" and p.text == "二、新增标题" for p in d.paragraphs)


def test_east_asian_hint_only_for_chinese(zh_doc: Document, en_doc: Document, tmp_path: Path) -> None:
    zh = docx.Document(str(render(zh_doc, tmp_path)))
    assert zh.styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia"
    en = docx.Document(str(render(en_doc, tmp_path, "report")))
    assert en.styles["Normal"].element.rPr.find(qn("w:rFonts")).get(qn("w:hint")) is None
