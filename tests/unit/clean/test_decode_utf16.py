"""BOM-less UTF-16 input is text, not "binary file" (doctools.readers._decode)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from doctools.errors import InputError
from doctools.readers._decode import decode

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "haizhu-2022.raw.txt"


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_example_in_utf16_without_bom_decodes(enc: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = text.encode(enc)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    got = decode(data, "x.txt")
    assert got.text == text
    assert got.encoding == f"{enc} (no BOM)"


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_short_mixed_line_without_bom(enc: str) -> None:
    text = "一、2021年工作回顾\n地区生产总值3000亿元，增长8.1%。\n"
    assert decode(text.encode(enc), "x.txt").text == text


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = (16).to_bytes(4, "big") + (16).to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"".join(b"\x00" + bytes(range(48)) for _ in range(16)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_png_is_still_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(_png(), "x.png")


def test_nul_padded_binary_is_still_binary() -> None:
    # NULs at odd offsets but the other bytes are control codes: not text
    data = bytes(b for i in range(400) for b in (i % 7 + 1, 0))
    with pytest.raises(InputError, match="binary"):
        decode(data, "x.bin")
