"""What the writers add or refuse on their own: the closing note of a truncated source, clean
PDF metadata, and characters a DOCX or PDF cannot carry (issue 10: never an internal error)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx as python_docx
import pytest

from doctools.cli import run
from doctools.model import Block, Document, Metadata, plain_text
from doctools.proofing import pdftext as check
from doctools.serialize import to_json
from doctools.writers import docx, pdf
from doctools.writers._sanitize import clean_text, sanitize


def _truncated(doc: Document) -> Document:
    extra = {**doc.metadata.extra, "source.truncated": "the source stops after （九）"}
    return doc.with_changes(metadata=replace(doc.metadata, extra=extra))


@pytest.mark.parametrize(("language", "note"), [
    ("zh-Hans", "（原文至此中断）"), ("zh-Hant", "（原文至此中斷）"), ("en", "[The source text ends here.]"),
])
def test_a_truncated_source_ends_with_a_visible_note(language: str, note: str, tmp_path: Path) -> None:
    doc = Document(Metadata(title="t", language=language, edition=language),
                   (Block("b1", "title", "标题"), Block("b2", "paragraph", "正文。" * 30)))
    for template in ("official", "report"):
        out = tmp_path / f"{template}.pdf"
        pdf.write(_truncated(doc), out, template=template)
        lines = [ln.strip() for ln in check.text_lines(out)]
        assert check.plain(lines[-1]) == check.plain(note)
        pdf.write(doc, out, template=template)  # no key, no note
        assert check.plain("".join(check.text_lines(out))) == check.plain(plain_text(doc))
    d = python_docx.Document(str(docx.write(_truncated(doc), tmp_path / "t.docx").path))
    assert d.paragraphs[-1].text == note and d.paragraphs[-1].style.name == "Source Note"


def test_pdf_metadata_says_each_thing_once(zh_doc: Document, tmp_path: Path) -> None:
    doc = zh_doc.with_changes(metadata=replace(zh_doc.metadata, edition="zh-Hans"))
    out = tmp_path / "m.pdf"
    pdf.write(doc, out)
    meta = check.metadata(out)
    assert meta["Subject"] == "Simplified Chinese edition (zh-Hans)"
    assert meta["Keywords"] == "zh-Hans"
    en = doc.with_changes(metadata=replace(doc.metadata, edition="en", language="en"))
    pdf.write(en, out)
    assert check.metadata(out)["Subject"] == "English translation (en)"
    cp = python_docx.Document(str(docx.write(doc, tmp_path / "m.docx").path)).core_properties
    assert cp.subject == "Simplified Chinese edition (zh-Hans)" and cp.keywords == "zh-Hans"


HOSTILE = "前文\x1b后文\x07，\ufffe数字\u202e2405\u202c亿元\u2066隔离\u2069\x01结束。"


def test_sanitize_removes_what_xml_and_fonts_cannot_carry() -> None:
    assert clean_text(HOSTILE) == "前文后文，数字2405亿元隔离结束。"
    assert clean_text("a\tb\nc\r\nd\re") == "a\tb\nc\nd\ne"
    assert clean_text("\ud800x") == "x"  # a lone surrogate from a JSON escape
    doc = Document(Metadata(title="标题\x1b", language="zh-Hans"),
                   (Block("b1", "paragraph", HOSTILE, lead="前文\x1b"),))
    clean, notices = sanitize(doc, "render.docx")
    assert clean.blocks[0].text == "前文后文，数字2405亿元隔离结束。" and clean.blocks[0].lead == "前文"
    assert clean.metadata.title == "标题"
    assert len(notices) == 1 and notices[0].level == "warning" and notices[0].block_id == "b1"
    for name in ("U+001B", "U+0007", "U+FFFE", "U+202E RIGHT-TO-LEFT OVERRIDE", "U+2066", "U+0001"):
        assert name in notices[0].message
    assert sanitize(Document(Metadata(title="t"), (Block("b1", "paragraph", "干净。"),)), "render.pdf")[1] == []


def test_render_of_a_hostile_model_writes_both_formats_and_warns(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    doc = Document(Metadata(title="标题", language="zh-Hans"),
                   (Block("b1", "title", "标题\u202e"), Block("b2", "paragraph", HOSTILE)))
    model = tmp_path / "hostile.model.json"
    model.write_text(to_json(doc), encoding="utf-8")
    for fmt in ("docx", "pdf"):
        out = tmp_path / f"h.{fmt}"
        assert run(["render", str(model), "-o", str(out), "-q"]) == 0, capsys.readouterr().err
        err = capsys.readouterr().err
        assert "removed" in err and "U+202E" in err and "Traceback" not in err
    text = "".join(p.text for p in python_docx.Document(str(tmp_path / "h.docx")).paragraphs)
    assert not any(c in text for c in "\x1b\x07\ufffe\u202e\u202c\u2066\u2069\x01")
    got = check.plain("".join(check.text_lines(tmp_path / "h.pdf")))
    assert got == check.plain("标题前文后文，数字2405亿元隔离结束。")
