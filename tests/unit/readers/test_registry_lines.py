"""The three readers work through doctools.readers.read_path once their suffixes are registered.

The lead owns ``_READER_MODULES``; these tests add the proposed lines with monkeypatch (so
nothing leaks into other tests) and read real files from disk end to end.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from doctools import readers
from doctools.errors import InputError
from doctools.pipeline import load_clean

PROPOSED = {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".docm": "docx",
            ".md": "md", ".markdown": "md"}


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    for suffix, module in PROPOSED.items():
        monkeypatch.setitem(readers._READER_MODULES, suffix, module)


def test_each_module_declares_the_suffixes_it_is_registered_for() -> None:
    import importlib

    for suffix, module in PROPOSED.items():
        mod = importlib.import_module(f"doctools.readers.{module}")
        assert mod.NAME == module and suffix in mod.SUFFIXES and callable(mod.read)


def test_files_load_and_clean_through_the_registry(registered: None, tmp_path: Path, example_page: str) -> None:
    page = tmp_path / "haizhu.HTML"
    page.write_text(example_page, encoding="utf-8")
    d = docx.Document()
    d.add_paragraph("海珠区2022年政府工作报告")
    d.add_paragraph("各位代表:")
    d.add_paragraph("现在,我代表区人民政府,向大会报告政府工作,请予审议。")
    buf = io.BytesIO()
    d.save(buf)
    (tmp_path / "r.docx").write_bytes(buf.getvalue())
    markdown = "# 海珠区2022年政府工作报告\n\n各位代表:\n\n现在,我代表区人民政府。\n"
    (tmp_path / "r.md").write_text(markdown, encoding="utf-8")
    for name in ("haizhu.HTML", "r.docx", "r.md"):
        doc = load_clean(tmp_path / name)
        assert doc.blocks and doc.blocks[0].kind == "title", name


def test_empty_and_broken_files_give_one_line_errors(registered: None, tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "nav.htm").write_text("<nav><a href='/'>首页</a><a href='/b'>关于</a></nav>", encoding="utf-8")
    for name in ("empty.html", "broken.docx", "nav.htm"):
        with pytest.raises(InputError) as err:
            readers.read_path(tmp_path / name)
        assert name in str(err.value) and "\n" not in str(err.value)
