"""``doctools translate`` / ``doctools models`` end to end on the tiny real package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doctools.cli import run
from doctools.serialize import from_json

TEXT = """海珠区2022年政府工作报告

各位代表：
  现在，我代表区人民政府，向大会报告政府工作，请予审议。
一、2021年工作回顾
  实现地区生产总值2405.16亿元，同比增长9.3%。新增“四上”企业574家，增长38%。
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    p = tmp_path / "report.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_translate_to_json_aligned_by_id(installed_model, source: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out, qa = tmp_path / "out.json", tmp_path / "qa.json"
    assert run(["translate", str(source), "--to", "en", "-o", str(out), "--qa", str(qa), "--no-cache"]) == 0
    en = from_json(out.read_text(encoding="utf-8"))
    zh = from_json(json.dumps(json.loads(out.read_text(encoding="utf-8"))))
    assert en.metadata.language == "en" and zh.blocks
    report = json.loads(qa.read_text(encoding="utf-8"))
    assert report["segments"] >= 5 and "counts" in report
    text = " ".join(b.text for b in en.blocks)
    assert "240.516 billion yuan" in text and "9.3%" in text
    assert "Translation QA" in capsys.readouterr().err


def test_translate_md_to_stdout_and_beam(installed_model, source: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["translate", str(source), "--format", "md", "--beam", "1", "--no-cache"]) == 0
    assert "240.516 billion yuan" in capsys.readouterr().out


def test_bilingual_docx_and_pdf_read_back(installed_model, source: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx
    from pypdf import PdfReader

    d, p = tmp_path / "bi.docx", tmp_path / "bi.pdf"
    assert run(["translate", str(source), "--bilingual", "-o", str(d), "--no-cache"]) == 0
    table = docx.Document(str(d)).tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["id", "source", "translation"]
    assert any("2405.16亿元" in r[1] and "240.516 billion yuan" in r[2] for r in cells)
    assert run(["translate", str(source), "--bilingual", "-o", str(p), "--no-cache"]) == 0
    text = "".join(page.extract_text() for page in PdfReader(str(p)).pages)
    assert "2405.16" in text and "240.516 billion yuan" in text


def test_bilingual_needs_docx_or_pdf(installed_model, source: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["translate", str(source), "--bilingual", "--format", "txt"]) == 2


def test_models_commands(installed_model, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "zh→en" in out and "zt→en" in out
    assert run(["models", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(installed_model.path.parent)


def test_models_install_rejects_non_zip(installed_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "x.argosmodel"
    bad.write_text("no", encoding="utf-8")
    assert run(["models", "install", str(bad)]) == 2


def test_missing_model_is_one_line_exit_1(installed_model, source: Path, monkeypatch, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          capsys) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    assert run(["translate", str(source)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "doctools models install zh en" in err


def test_english_docx_through_the_writers(installed_model, source: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    out = tmp_path / "en.docx"
    assert run(["translate", str(source), "-o", str(out), "--no-cache"]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "240.516 billion yuan" in text


def test_progress_bar_runs(installed_model, source: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["translate", str(source), "-o", str(tmp_path / "o.txt"), "--progress", "--no-cache"]) == 0
    assert "240.516 billion yuan" in (tmp_path / "o.txt").read_text(encoding="utf-8")
