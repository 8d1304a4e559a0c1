"""Bytes → text for text-like inputs: BOMs, encoding detection, binary refusal.

Why not charset-normalizer alone: on Chinese text GB18030 and Big5 byte ranges overlap,
and a UTF-8 file cut in the middle of a character decodes "fine" as GB18030. So strict
UTF-8 goes first, a truncated UTF-8 tail is named as such, and charset-normalizer only
arbitrates between the legacy CJK encodings that decode the bytes at all.

Plausibility, not declarations: Big5 bytes decode without error as GB18030, and any bytes
as Latin-1, so "it decodes" proves little. Decoded Chinese is judged by the share of its
ideographs that are *common* ones — GB2312 level 1 (3,755 characters) or Big5 level 1
(5,401), together 6,816, derived from the codecs themselves. Real text, Simplified or
Traditional, scores above 0.99; Big5 read as GB18030 scores 0.6 and is full of
private-use characters; Latin-1 mojibake has no ideograph at all. A page's declared
charset (``<meta charset>``) is therefore a candidate like the others: valid UTF-8 with
non-ASCII bytes is UTF-8 whatever is declared, and a declared decoding that is not
plausible gives way to one that is. Either way the choice is explained in
``Decoded.warning`` (the reader turns it into a Notice), and text that no candidate makes
plausible is flagged as probably garbled rather than passed as "ok".
"""

from __future__ import annotations

import codecs
import itertools
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from doctools.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5", "big5hkscs")


PLAUSIBLE = 0.9  # share of common ideographs a decoding needs to be preferred over another
GARBLED = 0.8  # below this share (with enough ideographs) the text is flagged as garbled
MIN_HAN = 20  # fewer ideographs than this are no evidence either way
_SAMPLE = 200_000


@dataclass(frozen=True)
class Decoded:
    """The text, the encoding it was read with, and ``warning``: why that encoding rather
    than the declared one, or that the text looks garbled (None: nothing to say)."""

    text: str
    encoding: str
    warning: str | None = None


@lru_cache(maxsize=1)
def common_han() -> frozenset[str]:
    """GB2312 level-1 and Big5 level-1 ideographs: the characters ordinary Chinese text is
    made of (Simplified and Traditional), read out of the codecs rather than a list."""
    out: set[str] = set()
    gb = ((b1, b2) for b1 in range(0xB0, 0xD8) for b2 in range(0xA1, 0xFF))
    big5 = ((b1, b2) for b1 in range(0xA4, 0xC7) for b2 in itertools.chain(range(0x40, 0x7F), range(0xA1, 0xFF)))
    for codec, pairs in (("gb2312", gb), ("big5", big5)):
        for b1, b2 in pairs:
            try:
                ch = bytes((b1, b2)).decode(codec)
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= ch <= "\u9fff":
                out.add(ch)
    return frozenset(out)


def plausibility(text: str) -> float | None:
    """Share of common ideographs among the ideographs, private-use characters and
    replacement characters of ``text`` (a sample of it); None when there are fewer than
    ``MIN_HAN`` — too few to judge."""
    common = common_han()
    han = good = odd = 0
    for ch in text[:_SAMPLE]:
        if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
            han += 1
            good += ch in common
        elif "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd":
            odd += 1
    if han < MIN_HAN:
        return None
    return good / (han + odd)


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


def decode(
    data: bytes, source: str, *, declared: str | None = None, how: str = "declared", spelled: str | None = None
) -> Decoded:
    """Decode ``data`` or raise InputError naming ``source``.

    ``declared``: the encoding the input names for itself (a page's ``<meta charset>``, a
    codec name), tried as one candidate among others (see the module docstring); when it
    is the one used, the encoding reads ``"<declared> (<how>)"``. ``spelled``: the
    declaration as the input writes it (``gb2312`` for the codec ``gb18030``), for messages.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", "") + " (BOM)")
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: {enc} with BOM but undecodable at byte {exc.start}") from exc
    if declared is not None and declared in ("utf-16", "utf-32"):  # cannot be declared in ASCII
        declared = None
    said = spelled or declared
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:65536] else None
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError(f"{source}: binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise InputError(
                f"{source}: truncated UTF-8 (incomplete character at the end of the file)"
            ) from exc
        utf8_error = exc
    else:
        if declared is None:
            return Decoded(text, "utf-8")
        if declared == "utf-8" or text.isascii():
            return Decoded(text, f"{declared} ({how})")
        return Decoded(text, "utf-8", f"declares {said} but its bytes are UTF-8: read as UTF-8")
    if declared is not None:
        chosen = _declared(data, declared, how, said or declared)
        if chosen is not None:
            return chosen
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
    best = _detected(data, candidates)
    if declared is not None:
        note = f"declares {said} but its bytes are not {said}: read as {best.encoding}"
        return Decoded(best.text, best.encoding, _garbled(best.text) or note)
    return Decoded(best.text, best.encoding, _garbled(best.text))


def _declared(data: bytes, declared: str, how: str, said: str) -> Decoded | None:
    """The declared decoding, or a plausible CJK one where the declared is not plausible;
    None when the bytes are not in the declared encoding at all."""
    try:
        text = data.decode(declared)
    except (UnicodeDecodeError, LookupError):
        return None
    own = plausibility(text)
    if own is not None and own >= GARBLED:
        return Decoded(text, f"{declared} ({how})")
    others: list[tuple[float, Decoded]] = []
    for enc in _LEGACY:
        if codecs.lookup(enc).name == codecs.lookup(declared).name:
            continue
        try:
            alt = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = plausibility(alt)
        if score is not None and score >= PLAUSIBLE:
            others.append((score, Decoded(alt, enc)))
    if others:
        score, best = max(others, key=lambda x: x[0])
        what = "reads as garbled text" if own is not None else "has no Chinese in it"
        note = (f"declares {said}, which {what}; read as {best.encoding} "
                f"({score:.0%} common characters)")
        return Decoded(best.text, best.encoding, note)
    return Decoded(text, f"{declared} ({how})", _garbled(text))


def _detected(data: bytes, candidates: list[Decoded]) -> Decoded:
    """Among legacy CJK decodings: charset-normalizer's choice unless it is implausible and
    another is plausible; then the most plausible (ties: the CJK score)."""
    if len(candidates) == 1:
        return candidates[0]
    choice: Decoded | None = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=[c.encoding for c in candidates]).best()
    except Exception:  # detection is advisory; scoring below decides without it
        best = None
    if best is not None:
        name = best.encoding.replace("_", "")
        choice = next((c for c in candidates if c.encoding.replace("_", "") == name), None)
    scored = [(plausibility(c.text), c) for c in candidates]
    if choice is not None:
        own = plausibility(choice.text)
        if own is None or own >= GARBLED or not any(s is not None and s >= PLAUSIBLE for s, _ in scored):
            return choice
    return max(scored, key=lambda x: (x[0] if x[0] is not None else -1.0, _cjk_score(x[1].text)))[1]


def _garbled(text: str) -> str | None:
    score = plausibility(text)
    if score is None or score >= GARBLED:
        return None
    return (f"the text looks garbled: only {score:.0%} of its Chinese characters are common ones "
            "(the wrong encoding, or a damaged file)")


__all__ = ["Decoded", "common_han", "decode", "plausibility"]
