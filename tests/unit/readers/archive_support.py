"""Zip bombs for the archive-guard tests, built in about a second.

A DOCX/ODT whose one member inflates to a gigabyte: the member's deflate stream is one
compressed chunk, closed with a full flush (so the compressor starts afresh after it), repeated
as many times as needed, then an empty final block — valid deflate that inflates to the chunk
repeated. The ZIP container is written by hand (local headers, central directory, end record),
so no gigabyte is ever compressed; only its CRC is computed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

GIGABYTE = 2**30
_XML_CHUNK = b"<w:p><w:r><w:t>\xe5\x86\x85\xe5\xae\xb9</w:t></w:r></w:p>" * 30_000


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _repeated_deflate(chunk: bytes, times: int) -> tuple[bytes, int]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return block * times + b"\x03\x00", crc  # b"\x03\x00": an empty final fixed-Huffman block


def build_zip(members: list[tuple[str, bytes]], *bombs: tuple[str, int]) -> bytes:
    """A ZIP of ``members`` (deflated), plus ``bombs``: (name, bytes it inflates to) each."""
    entries: list[tuple[bytes, int, int, int, bytes]] = []  # name, crc, usize, method, data
    for name, data in members:
        method, body = (0, data) if name == "mimetype" else (8, _deflate(data))  # ODF: mimetype stored
        entries.append((name.encode(), zlib.crc32(data), len(data), method, body))
    for name, size in bombs:
        times = max(1, size // len(_XML_CHUNK))
        body, crc = _repeated_deflate(_XML_CHUNK, times)
        entries.append((name.encode(), crc, times * len(_XML_CHUNK), 8, body))
    out = io.BytesIO()
    central = io.BytesIO()
    for name, crc, usize, method, body in entries:
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(body), usize,
                              len(name), 0) + name + body)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(body),
                                  usize, len(name), 0, 0, 0, 0, 0, offset) + name)
    cd = central.getvalue()
    start = out.tell()
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), start, 0))
    return out.getvalue()


def docx_members() -> list[tuple[str, bytes]]:
    """The parts of a small real DOCX (python-docx's template), document.xml left out."""
    import docx

    d = docx.Document()
    d.add_paragraph("各位代表：")
    buf = io.BytesIO()
    d.save(buf)
    z = zipfile.ZipFile(buf)
    return [(i.filename, z.read(i)) for i in z.infolist() if i.filename != "word/document.xml"]


def odt_members() -> list[tuple[str, bytes]]:
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                b'<manifest:file-entry manifest:full-path="/" manifest:media-type='
                b'"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path='
                b'"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    return [("mimetype", b"application/vnd.oasis.opendocument.text"), ("META-INF/manifest.xml", manifest)]


def docx_bomb(size: int = GIGABYTE) -> bytes:
    return build_zip(docx_members(), ("word/document.xml", size))


def odt_bomb(size: int = GIGABYTE) -> bytes:
    return build_zip(odt_members(), ("content.xml", size))


def many_parts(count: int) -> bytes:
    extra = [(f"word/media/part{i}.xml", b"<x/>") for i in range(count)]
    return build_zip([*docx_members(), ("word/document.xml", b"<w:document/>"), *extra])


__all__ = ["GIGABYTE", "build_zip", "docx_bomb", "docx_members", "many_parts", "odt_bomb", "odt_members"]
