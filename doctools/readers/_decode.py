"""Bytes → text for text-like inputs: BOMs, encoding detection, binary refusal.

Why not charset-normalizer alone: on Chinese text GB18030 and Big5 byte ranges overlap,
and a UTF-8 file cut in the middle of a character decodes "fine" as GB18030. So strict
UTF-8 goes first, a truncated UTF-8 tail is named as such, and charset-normalizer only
arbitrates between the legacy CJK encodings that decode the bytes at all.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from doctools.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5", "big5hkscs")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 100)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 LE/BE text saved without a BOM (Windows "Unicode" exports), else None.

    Its tell is NUL bytes: every ASCII character (newlines included) is ``xx 00`` (LE) or
    ``00 xx`` (BE). Both byte orders are tried; a guess is kept only if it decodes strictly
    and reads as text (CJK/ASCII/punctuation ≥ 90 %, next to no control characters), the
    wrong byte order turning ASCII into stray symbols — so a PNG or a zip stays binary.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    best: tuple[float, Decoded] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        head = text[:20000]
        controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f")
        score = _cjk_score(text)
        if controls > max(2, len(head) // 200) or score < 0.9:
            continue
        if best is None or score > best[0]:
            best = (score, Decoded(text, f"{enc} (no BOM)"))
    return best[1] if best else None


def _cjk_score(text: str) -> float:
    """Share of characters that are common CJK ideographs or ordinary text characters."""
    if not text:
        return 0.0
    good = 0
    for ch in text[:20000]:
        cat = unicodedata.category(ch)
        if "\u4e00" <= ch <= "\u9fff" or ch.isascii() or cat.startswith("P") or cat == "Zs":
            good += 1
    return good / min(len(text), 20000)


def decode(data: bytes, source: str) -> Decoded:
    """Decode ``data`` or raise InputError naming ``source``."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: {enc} with BOM but undecodable at byte {exc.start}") from exc
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:65536] else None
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError(f"{source}: binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise InputError(
                f"{source}: truncated UTF-8 (incomplete character at the end of the file)"
            ) from exc
        utf8_error = exc
    candidates: list[Decoded] = []
    for enc in _LEGACY:
        try:
            candidates.append(Decoded(data.decode(enc), enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(
            f"{source}: not valid UTF-8 (byte {utf8_error.start}) nor GB18030/Big5: undecodable text"
        )
    if len(candidates) > 1:
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(data, cp_isolation=[c.encoding for c in candidates]).best()
        except Exception:  # detection is advisory; scoring below decides without it
            best = None
        if best is not None:
            name = best.encoding.replace("_", "")
            for c in candidates:
                if c.encoding.replace("_", "") == name:
                    return c
        candidates.sort(key=lambda c: _cjk_score(c.text), reverse=True)
    return candidates[0]


__all__ = ["Decoded", "decode"]
