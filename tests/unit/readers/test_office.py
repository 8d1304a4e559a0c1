""".doc/.wps/.rtf/.odt through LibreOffice into the DOCX reader; content decides the route.

The files are LibreOffice's own saves of doctools' DOCX of a corpus report (converted once per
session); each must read into the same text as that DOCX read directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from formats_support import doctools_docx, libreoffice, mht_bytes, render_html, source_model

from doctools import office
from doctools.errors import InputError
from doctools.readers import office as office_reader
from doctools.readers import read_path

NAME = "cn-gov-report-2011"
pytestmark = pytest.mark.slow


def _texts(path: Path) -> list[str]:
    return [b.text for b in read_path(path).blocks]


@pytest.fixture(scope="module")
def reference() -> list[str]:
    return _texts(doctools_docx(NAME))


@pytest.mark.parametrize(("to", "suffix"), [("doc:MS Word 97", ".doc"), ("odt", ".odt"), ("rtf", ".rtf"),
                                           ("doc:MS Word 97", ".wps")])
def test_each_format_reads_like_the_docx(tmp_path: Path, reference: list[str], to: str, suffix: str) -> None:
    src = libreoffice(NAME, to)
    p = tmp_path / f"report{suffix}"
    shutil.copy(src, p)
    doc = read_path(p)
    assert [b.text for b in doc.blocks] == reference
    assert doc.metadata.encoding.endswith("(LibreOffice → docx)")
    assert doc.metadata.source_sha256 and doc.metadata.source_path == str(p)


def test_content_decides_the_route(tmp_path: Path, reference: list[str]) -> None:
    docx_named_doc = tmp_path / "really-docx.doc"
    shutil.copy(doctools_docx(NAME), docx_named_doc)
    assert _texts(docx_named_doc) == reference
    page = render_html(source_model(NAME))
    (tmp_path / "web.doc").write_text(page, encoding="utf-8")  # Word's "save as web page", named .doc
    (tmp_path / "saved.doc").write_bytes(mht_bytes(page))  # a single-file web page named .doc
    assert _texts(tmp_path / "web.doc") == _texts(tmp_path / "saved.doc") == [
        b.full_text for b in source_model(NAME).blocks]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("text.doc", "这只是一个文本文件。".encode() * 10, "not a Word, WPS, RTF or ODF document"),
        ("cut.odt", b"PK\x03\x04" + bytes(200), "damaged ODT (broken ZIP container"),
        ("zip.odt", None, "neither an ODF text document nor a DOCX"),
        ("empty.rtf", b"", "empty file"),
        ("garbage.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 16, "no Word document"),
    ],
)
def test_bad_office_files_get_one_line(tmp_path: Path, name: str, data: bytes | None, message: str) -> None:
    import io
    import zipfile

    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "不是文档")
        data = buf.getvalue()
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(p)
    assert message in str(err.value) and "\n" not in str(err.value) and name in str(err.value)


def test_without_libreoffice_the_error_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "report.doc"
    shutil.copy(libreoffice(NAME, "doc:MS Word 97"), p)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputError, match="needs LibreOffice; install the Debian package libreoffice-writer-nogui"):
        read_path(p)


def test_a_timeout_kills_the_whole_soffice_process_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    real_popen = subprocess.Popen

    def recording_popen(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        proc: subprocess.Popen[bytes] = real_popen(*args, **kwargs)  # type: ignore[call-overload]
        started.append(proc.pid)
        return proc

    monkeypatch.setattr(subprocess, "Popen", recording_popen)
    with pytest.raises(office.OfficeError, match=r"took longer than 0\.5 s and was stopped"):
        office.convert(doctools_docx(NAME), "pdf", tmp_path / "out", timeout=0.5)
    assert started
    for _ in range(100):  # killed children are reaped by init a moment later
        try:
            os.killpg(started[0], 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    with pytest.raises(ProcessLookupError):
        os.killpg(started[0], 0)  # no process of that group is left


def test_module_declares_its_suffixes() -> None:
    assert office_reader.NAME == "office"
    assert {".doc", ".wps", ".rtf", ".odt"} <= set(office_reader.SUFFIXES)
