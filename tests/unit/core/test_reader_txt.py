"""The text reader: every common encoding and line ending in, clear refusals out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from doctools.errors import InputError
from doctools.readers import read_path

TEXT = "海珠區2022年政府工作報告\n\n各位代表：\n  現在，我代表區人民政府，向大會報告政府工作。\n一、2021年工作回顧\n"
LINES = [
    "海珠區2022年政府工作報告",
    "各位代表：",
    "  現在，我代表區人民政府，向大會報告政府工作。",
    "一、2021年工作回顧",
]


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8", TEXT.encode("utf-8"), "utf-8"),
        ("utf8bom", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        ("utf16le", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16 (BOM)"),
        ("utf16be", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16 (BOM)"),
        ("gb18030", TEXT.encode("gb18030"), "gb18030"),
        ("big5", TEXT.encode("big5"), "big5"),
        ("crlf", TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("cr", TEXT.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
)
def test_encodings_and_line_ends(tmp_path: Path, name: str, data: bytes, encoding: str) -> None:
    p = tmp_path / f"{name}.txt"
    p.write_bytes(data)
    doc = read_path(p)
    assert [b.text for b in doc.blocks] == LINES
    assert doc.metadata.encoding == encoding
    assert [b.id for b in doc.blocks] == ["b1", "b3", "b4", "b5"]


def test_simplified_gbk_text_is_gb18030(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes("今年经济社会发展主要预期目标是：地区生产总值增长6%左右。".encode("gbk"))
    assert read_path(p).metadata.encoding == "gb18030"


def test_example_reads_with_hash(example_path: Path) -> None:
    doc = read_path(example_path)
    assert doc.metadata.encoding == "utf-8"
    assert len(doc.metadata.source_sha256 or "") == 64
    assert doc.blocks[0].text == "海珠區2022年政府工作報告"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n\xe3\x80\x80\n", "whitespace only"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("cut.txt", "海珠區".encode()[:-1], "truncated UTF-8"),
        ("latin.txt", b"\xff\xfe\xff" * 3 + b"abc\x81", "undecodable"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(p)
    assert message in str(err.value) and str(p) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    d = tmp_path / "dir.txt"
    d.mkdir()
    with pytest.raises(InputError, match="directory"):
        read_path(d)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_path(fifo)
