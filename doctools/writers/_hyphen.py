"""Where an English word may be hyphenated at a line end (pyphen: the LibreOffice/TeX
pattern dictionaries), for justified Latin text without loose lines.

Why: without hyphenation, a justified English line that meets a long word must stretch
its spaces by half a word; the fitter (``_justify``) may instead break inside a word at a
dictionary point and the writer draws a hyphen there. Words of fewer than six letters,
capitalised words (names, acronyms), words with digits and the first two / last three
letters are never split. Text extractors read the hyphen at a line end as a soft one and
join the word again (poppler does), so the text layer keeps the word whole.
"""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"[A-Za-z]{6,}")
MIN_LEFT, MIN_RIGHT = 2, 3


@cache
def _dictionary(lang: str) -> object | None:
    try:
        import pyphen
    except ImportError:  # hyphenation is an improvement, not a need
        return None
    code = "en_US" if lang.lower().startswith("en") else lang.replace("-", "_")
    if code not in pyphen.LANGUAGES:
        return None
    dic: object = pyphen.Pyphen(lang=code, left=MIN_LEFT, right=MIN_RIGHT)
    return dic


def points(text: str, lang: str = "en") -> list[int]:
    """Indexes ``i`` of ``text`` where a line may end before ``text[i]`` with a hyphen."""
    dic = _dictionary(lang)
    if dic is None:
        return []
    out: list[int] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if not word.islower():
            continue
        out.extend(m.start() + p for p in dic.positions(word))  # type: ignore[attr-defined]
    return out


__all__ = ["points"]
