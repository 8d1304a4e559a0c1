"""Character helpers shared by the cleaning steps (CJK tests, width folding, notices).

Why one module: every step must agree on what "Chinese context" and "the same text"
mean, or the lossless and idempotence properties break between steps.
"""

from __future__ import annotations

import re
import unicodedata

from doctools.model import Document, Notice

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and line feed, DEL, C1 controls
    "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    f"{_NONCHARACTERS}\ufff9-\ufffb\ud800-\udfff"  # non-characters, annotation controls, lone surrogates
    "\U000e0001\U000e0020-\U000e007f]"  # tag characters
)
"""One character clean.controls removes (see :mod:`doctools.clean.controls` for why each)."""
SPACE_LIKE_CONTROLS = frozenset("\x0b\x0c\r\x1c\x1d\x1e\x1f\x85")
"""The removed characters that separate words: they become a space, not nothing."""
_WS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]+|" + INVISIBLE.pattern)


_CJK_RANGES = (
    ("\u4e00", "\u9fff"),
    ("\u3400", "\u4dbf"),
    ("\uf900", "\ufaff"),
    ("\u3040", "\u30ff"),
    ("\uac00", "\ud7af"),
    ("\U00020000", "\U0003134f"),
)
_CJK_PUNCT = "，。、；：？！“”‘’「」『』（）《》〈〉【】…—·"
# full-width forms ！ to ／ except the full-width full stop ．, which also serves as a decimal point
_FULL_FORMS = ("\uff01", "\uff0d", "\uff0f")
CJK = re.compile("[" + "".join(f"{a}-{b}" for a, b in _CJK_RANGES) + "]")
"""One character for which :func:`is_cjk` is true (to count or find them in a whole text at once)."""
CHINESE_CONTEXT = re.compile(
    "["
    + "".join(f"{a}-{b}" for a, b in _CJK_RANGES)
    + re.escape(_CJK_PUNCT)
    + f"{_FULL_FORMS[0]}-{_FULL_FORMS[1]}{_FULL_FORMS[2]}"
    + "]"
)
"""One character for which :func:`chinese_context` is true (to search a whole text at once)."""


def is_cjk(ch: str) -> bool:
    """A Han ideograph (BMP or supplementary) or a kana/hangul letter."""
    return len(ch) == 1 and CJK.match(ch) is not None


def is_cjk_punct(ch: str) -> bool:
    """Full-width punctuation or CJK quote/bracket: text around it is Chinese text."""
    if len(ch) != 1:
        return False
    return ch in _CJK_PUNCT or (_FULL_FORMS[0] <= ch <= _FULL_FORMS[1] or ch == _FULL_FORMS[2])


def chinese_context(ch: str) -> bool:
    """True when ``ch`` belongs to running Chinese text (ideograph or its punctuation)."""
    return is_cjk(ch) or is_cjk_punct(ch)


def fold(text: str) -> str:
    """Comparison key: NFKC (full width → half width), whitespace and zero-width marks dropped.

    Two lines with the same key differ only in whitespace, indentation, punctuation width
    and invisible characters (:data:`INVISIBLE`), which is exactly "the same paragraph"
    for de-duplication and for the lossless check.
    """
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def cjk_count(text: str) -> int:
    return len(text) - len(CJK.sub("", text))


def new_notices(doc: Document, notices: list[Notice]) -> tuple[Notice, ...]:
    """The notices not already on ``doc`` (a second run must not repeat them)."""
    seen = set(doc.notices)
    out: list[Notice] = []
    for n in notices:
        if n not in seen:
            seen.add(n)
            out.append(n)
    return tuple(out)


def first_line(block_lines: tuple[int, ...]) -> int | None:
    return block_lines[0] if block_lines else None


__all__ = [
    "CHINESE_CONTEXT",
    "CJK",
    "INVISIBLE",
    "SPACE_LIKE_CONTROLS",
    "chinese_context",
    "cjk_count",
    "first_line",
    "fold",
    "is_cjk",
    "is_cjk_punct",
    "new_notices",
]
