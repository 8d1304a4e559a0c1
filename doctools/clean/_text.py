"""Character helpers shared by the cleaning steps (CJK tests, width folding, notices).

Why one module: every step must agree on what "Chinese context" and "the same text"
mean, or the lossless and idempotence properties break between steps.
"""

from __future__ import annotations

import re
import unicodedata

from doctools.model import Document, Notice

_WS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]+")


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

    Two lines with the same key differ only in whitespace, indentation and punctuation
    width, which is exactly "the same paragraph" for de-duplication and for the lossless
    check.
    """
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def cjk_count(text: str) -> int:
    return len(CJK.findall(text))


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
    "chinese_context",
    "cjk_count",
    "first_line",
    "fold",
    "is_cjk",
    "is_cjk_punct",
    "new_notices",
]
