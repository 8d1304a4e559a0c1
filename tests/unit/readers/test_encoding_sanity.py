"""Encodings chosen by what decodes as plausible text, not by a declaration alone: a
misdeclared page is read right (with a Notice saying so), garbled text is flagged, and
real documents in every common encoding read back exactly with nothing to say."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.readers import html, md, txt
from doctools.readers._decode import decode, plausibility

ROOT = Path(__file__).resolve().parents[3]
TRAD = (ROOT / "examples" / "haizhu-2022.raw.txt").read_text(encoding="utf-8")
SIMP = (ROOT / "tests" / "data" / "corpus" / "cn-gov-report-2016.zhs.txt").read_text(encoding="utf-8")
SOURCES = [ROOT / "examples" / "haizhu-2022.raw.txt", *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
BODY = [ln.strip() for ln in TRAD.splitlines() if ln.strip()][6:40]
SIMP_BODY = [ln.strip() for ln in SIMP.splitlines() if ln.strip()][:40]


def _page(charset: str, lines: list[str]) -> str:
    paras = "".join(f"<p>{ln}</p>" for ln in lines)
    return f"<html><head><meta charset='{charset}'><title>t</title></head><body>{paras}</body></html>"


def _warnings(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in doc.notices if n.step == "read.encoding"]


@pytest.mark.parametrize("declared", ["latin-1", "iso-8859-1", "windows-1252", "gb2312", "big5"])
def test_utf8_page_with_a_wrong_declaration_is_read_as_utf8(declared: str) -> None:
    doc = html.read(_page(declared, BODY).encode("utf-8"), source="p.html")
    assert [b.text for b in doc.blocks] == BODY
    assert doc.metadata.encoding == "utf-8"
    (warning,) = _warnings(doc)
    assert "declares" in warning and "UTF-8" in warning


@pytest.mark.parametrize(("declared", "codec", "lines"), [
    ("gb2312", "big5", BODY),  # Big5 bytes decode without error as GB18030: mojibake before
    ("gbk", "big5", BODY),
    ("latin-1", "big5", BODY),  # any bytes decode as Latin-1
    ("latin-1", "gb18030", SIMP_BODY),
    ("big5", "gb18030", SIMP_BODY),  # GBK bytes are rarely valid Big5: detection decides
])
def test_cjk_page_with_a_wrong_declaration_is_read_right(declared: str, codec: str, lines: list[str]) -> None:
    doc = html.read(_page(declared, lines).encode(codec), source="p.html")
    assert [b.text for b in doc.blocks] == lines
    assert doc.metadata.encoding and doc.metadata.encoding.split()[0].startswith(codec[:4])
    (warning,) = _warnings(doc)
    assert f"declares {declared}" in warning


@pytest.mark.parametrize(("charset", "codec", "lines"), [
    ("utf-8", "utf-8", BODY), ("big5", "big5", BODY), ("gb2312", "gb18030", SIMP_BODY), ("gbk", "gb18030", BODY),
])
def test_right_declaration_says_nothing(charset: str, codec: str, lines: list[str]) -> None:
    doc = html.read(_page(charset, lines).encode(codec), source="p.html")
    assert [b.text for b in doc.blocks] == lines
    assert doc.metadata.encoding and doc.metadata.encoding.endswith("(meta)")
    assert _warnings(doc) == []


def test_western_latin1_page_stays_latin1() -> None:
    lines = ["Café au lait à la crème, naïve façade.", "Übergröße für Straße und Maß."] * 20
    doc = html.read(_page("iso-8859-1", lines).encode("latin-1"), source="p.html")
    assert [b.text for b in doc.blocks] == lines
    assert _warnings(doc) == []


def _encodable(path: Path, codec: str) -> bool:
    try:
        path.read_text(encoding="utf-8").encode(codec)
    except UnicodeEncodeError:  # Simplified text in Big5
        return False
    return True


CODECS = ("utf-8", "gb18030", "big5hkscs")


@pytest.mark.parametrize(("path", "codec"), [
    pytest.param(p, c, id=f"{p.name}-{c}") for p in SOURCES for c in CODECS if _encodable(p, c)
])
def test_real_documents_read_back_exactly_without_warnings(path: Path, codec: str) -> None:
    text = path.read_text(encoding="utf-8")
    got = decode(text.encode(codec), path.name)
    assert got.text == text
    assert got.warning is None


def test_garbled_text_is_flagged() -> None:
    """Big5 bytes with one byte pair Big5 cannot hold decode only as GB18030: mojibake,
    which the reader flags instead of passing it as ordinary text."""
    data = "\n".join(BODY).encode("big5") + b"\n\x81\x40\n"
    doc = txt.read(data, source="x.txt")
    (warning,) = _warnings(doc)
    assert "garbled" in warning
    assert doc.metadata.encoding == "gb18030"


def test_markdown_reader_reports_the_warning_too() -> None:
    data = ("# 標題\n\n" + "\n\n".join(BODY)).encode("big5") + b"\n\n\x81\x40\n"
    assert "garbled" in _warnings(md.read(data, source="x.md"))[0]


def test_plausibility_scores() -> None:
    assert plausibility(TRAD) is not None and plausibility(TRAD) > 0.99  # type: ignore[operator]
    assert plausibility(SIMP) is not None and plausibility(SIMP) > 0.99  # type: ignore[operator]
    mojibake = TRAD.encode("big5", errors="ignore").decode("gb18030", errors="replace")
    assert (plausibility(mojibake) or 1.0) < 0.8
    assert plausibility("Hello, world. 中文") is None  # too few ideographs to judge
