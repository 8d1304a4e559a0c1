"""The DOCX as LibreOffice prints it (private fontconfig + profile): fonts, headings, text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from doctools.model import Document
from doctools.proofing import pdftext as check
from doctools.writers import docx as writer
from doctools.writers._soffice import convert_to_pdf, fontconfig_xml

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
]


def test_fontconfig_has_no_double_hyphen_comment_and_aliases_roles() -> None:
    text = fontconfig_xml()
    assert "<!--" not in text
    assert "<string>仿宋</string>" in text and "<string>Noto Serif SC</string>" in text
    assert "<string>楷体</string>" in text and "<string>LXGW WenKai</string>" in text


def _names(pdf: Path) -> set[str]:
    fonts = check.fonts(pdf)
    assert fonts and all(f.embedded for f in fonts), fonts
    return {f.name.split("+", 1)[-1] for f in fonts}


def test_example_official_docx_through_libreoffice(example_doc: Document, tmp_path: Path) -> None:
    docx_path = tmp_path / "example.docx"
    writer.write(example_doc, docx_path, template="official")
    pdf = convert_to_pdf(docx_path, tmp_path / "lo")
    names = _names(pdf)
    # 仿宋/宋体 → Noto Serif SC, 黑体 → Noto Sans SC, 楷体 → LXGW WenKai: the template's fonts
    assert {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular", "LXGWWenKai-Regular"} <= names
    assert not any(n.startswith(("DejaVu", "Liberation")) for n in names), names
    got = check.plain("".join(check.text_lines(pdf)))
    assert got == check.printed(example_doc)  # incl. hanging punctuation (overflowPunct)
    outline = [t for _, t in check.outline(pdf)]
    assert len(outline) == len(example_doc.headings())  # Heading styles → PDF bookmarks
    assert check.plain(outline[0]) == check.plain(example_doc.headings()[0].full_text)  # a joiner may bind its tail
    nums = check.page_numbers(pdf)
    assert nums[0] is not None and nums[0].replace(" ", "") == "—1—"


def test_report_docx_through_libreoffice(zh_doc: Document, tmp_path: Path) -> None:
    docx_path = tmp_path / "report.docx"
    writer.write(zh_doc, docx_path, template="report")
    pdf = convert_to_pdf(docx_path, tmp_path / "lo")
    assert {"NotoSerifSC-Regular", "NotoSansSC-Bold", "LXGWWenKai-Regular"} <= _names(pdf)
    assert check.plain("".join(check.text_lines(pdf))) == check.printed(zh_doc)
