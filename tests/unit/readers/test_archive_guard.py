"""DOCX and ODT are checked by what they unpack to, and by their part count, before anything
parses them (issue 10): a 3 MB DOCX whose document.xml inflates to 1 GB fails at once."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from archive_support import GIGABYTE, build_zip, docx_bomb, docx_members, many_parts, odt_bomb

from doctools.errors import InputError
from doctools.readers import _archive, read_path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    p.write_bytes(docx_bomb())
    return p


def test_the_gigabyte_document_xml_is_refused_before_parsing(bomb: Path) -> None:
    assert bomb.stat().st_size < 4 * 2**20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError) as err:
        read_path(bomb)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    msg = str(err.value)
    assert "word/document.xml unpacks to 1,023 MB" in msg and "MAX_PART_BYTES" in msg and "\n" not in msg
    assert grown_kb < 64 * 1024  # nothing was inflated: far less than the 1 GB it declares


def test_many_parts_each_under_the_part_limit_still_hit_the_total_limit(tmp_path: Path) -> None:
    size = _archive.MAX_PART_BYTES - 2**20
    count = _archive.MAX_UNPACKED_BYTES // size + 1
    bombs = [(f"word/document{i or ''}.xml", size) for i in range(count)]
    p = tmp_path / "spread.docx"
    p.write_bytes(build_zip(docx_members(), *bombs))
    with pytest.raises(InputError, match=r"unpacks to [\d,]+ MB, more than the 256 MB limit \(MAX_UNPACKED_BYTES\)"):
        read_path(p)


def test_too_many_parts(tmp_path: Path) -> None:
    p = tmp_path / "parts.docx"
    p.write_bytes(many_parts(_archive.MAX_PARTS + 1))
    with pytest.raises(InputError, match=r"parts, more than the 2,000-part limit \(MAX_PARTS\)"):
        read_path(p)


def test_an_odt_bomb_is_refused_before_libreoffice_is_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on PATH: the guard must answer first
    p = tmp_path / "bomb.odt"
    p.write_bytes(odt_bomb())
    with pytest.raises(InputError) as err:
        read_path(p)
    assert "ODT part content.xml unpacks to" in str(err.value) and "MAX_PART_BYTES" in str(err.value)


def test_a_normal_docx_passes_the_guard(tmp_path: Path) -> None:
    p = tmp_path / "ok.docx"
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    para = "<w:p><w:r><w:t>各位代表：现在我代表区人民政府报告工作。</w:t></w:r></w:p>"
    body = f'<w:document xmlns:w="{ns}"><w:body>{para}</w:body></w:document>'.encode()
    p.write_bytes(build_zip([*docx_members(), ("word/document.xml", body)]))
    assert [b.text for b in read_path(p).blocks] == ["各位代表：现在我代表区人民政府报告工作。"]
    assert GIGABYTE > _archive.MAX_UNPACKED_BYTES
