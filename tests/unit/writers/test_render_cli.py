"""`doctools render` and `doctools fonts` through the CLI entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.cli import run
from doctools.model import Document
from doctools.proofing import pdftext as check
from doctools.serialize import to_json


def test_render_model_json_to_pdf_and_docx(zh_doc: Document, tmp_path: Path) -> None:
    model = tmp_path / "doc.model.json"
    model.write_text(to_json(zh_doc), encoding="utf-8")
    assert run(["render", str(model), "--format", "pdf", "-q"]) == 0
    out = tmp_path / "doc.pdf"
    assert out.is_file() and check.outline(out)
    assert run(["render", str(model), "-t", "report", "-o", str(tmp_path / "r.docx")]) == 0
    assert (tmp_path / "r.docx").is_file()


def test_render_raw_input_is_cleaned(example_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ex.pdf"
    assert run(["render", str(example_path), "-o", str(out), "-t", "brief", "-q"]) == 0
    assert "海珠" in "".join(check.text_lines(out))


def test_render_errors_are_one_line(zh_doc: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "doc.json"
    model.write_text(to_json(zh_doc), encoding="utf-8")
    assert run(["render", str(model), "-t", "nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown template" in err and "Traceback" not in err
    assert run(["render", str(model), "-o", str(tmp_path / "x.odt")]) == 2


def test_render_warns_about_missing_glyphs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from doctools.model import Block, Metadata

    doc = Document(Metadata(title="t", language="zh-Hans"), (Block("b1", "paragraph", "甲\U0001F600乙"),))
    model = tmp_path / "d.json"
    model.write_text(to_json(doc), encoding="utf-8")
    assert run(["render", str(model), "-q"]) == 0
    assert "U+1F600" in capsys.readouterr().err


def test_fonts_command(example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fc = tmp_path / "fonts.conf"
    assert run(["fonts", "--coverage", str(example_path), "--fontconfig", str(fc)]) == 0
    out = capsys.readouterr().out
    assert "NotoSerifSC-Regular" in out and "LXGW WenKai" in out and "OFL-1.1" in out
    assert "every character has a font" in out
    assert "<fontconfig>" in fc.read_text(encoding="utf-8")
