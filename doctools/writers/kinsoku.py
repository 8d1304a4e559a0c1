"""Line breaking for mixed CJK/Latin text with kinsoku (禁则) rules.

Why our own: reportlab's ``wordWrap='CJK'`` lets lines start with ，：；！？”’》…— and never
checks what a line ends with (measured: 28 bad line starts in 692 lines of the example).
Here a line may break between any two CJK characters, at spaces, and between CJK and
Latin text — except that no line starts with a closing mark (``NO_START``) and no line ends
with an opening mark (``NO_END``); Latin words, hyphenated compounds and numbers are never split unless a single
word is wider than the line (a break after a hyphen reads back as a dehyphenated
word). When the greedy fill would put a forbidden mark at a line
start, the break moves back (追い出し: the previous character goes down with it); the
writer then justifies the shorter line.

Pure functions on a string and per-character advance widths; no fonts, no PDF. The
character lists are data: ``templates/kinsoku.tsv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from doctools.errors import ConfigError


def _load_rules() -> tuple[frozenset[str], frozenset[str]]:
    """The no_start / no_end sets from templates/kinsoku.tsv (data, reviewable)."""
    from doctools.resources import templates_dir
    from doctools.tables import load_table

    sets: dict[str, set[str]] = {"no_start": set(), "no_end": set()}
    table = load_table(templates_dir() / "kinsoku.tsv", min_cols=2)
    for row in table.rows:
        rule = row.get(0)
        if rule not in sets:
            raise ConfigError(f"{row.ref}: rule must be no_start or no_end, not {rule!r}")
        sets[rule].update(row.get(1))
    return frozenset(sets["no_start"]), frozenset(sets["no_end"])


# Marks that must not begin a line / must not end a line.
NO_START, NO_END = _load_rules()
_NBSP = "\u00a0"

REQUIRED_NO_START = "，。、：；！？）》」』”’…—"
REQUIRED_NO_END = "（《「『“‘"


def is_cjk(ch: str) -> bool:
    """CJK ideographs, kana, hangul, CJK punctuation and full-width forms: breakable anywhere."""
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
        or ch in "…—“”‘’"
    )


def can_break_before(text: str, i: int) -> bool:
    """Whether a line may end before ``text[i]`` (0 < i < len(text))."""
    prev, cur = text[i - 1], text[i]
    if _NBSP in (prev, cur):
        return False  # a no-break space binds its neighbours
    if cur.isspace():
        return False  # break after the space run, never before it
    if cur in NO_START or prev in NO_END:
        return False
    if prev.isspace():  # the line would end at the last visible character before the spaces
        j = i - 1
        while j > 0 and text[j].isspace():
            j -= 1
        return text[j] not in NO_END
    # inside a run of Latin letters/digits (a word, a number like 5.2%) no break
    return is_cjk(prev) or is_cjk(cur)


@dataclass(frozen=True)
class Line:
    """Characters ``text[start:end]`` set on one line; ``width`` excludes trailing spaces;
    ``last`` marks the paragraph's final line (not justified). A fitted line
    (``_justify.fit``) also says how it was adjusted: ``stretch`` added at each gap,
    ``squeeze_end`` taken from its line-end mark, ``squeeze_mid`` the share (0..1) of the
    blanks of the marks inside it that was taken, ``hyphen`` that it ends inside a word."""

    start: int
    end: int
    width: float
    last: bool
    stretch: float = 0.0
    squeeze_end: float = 0.0
    squeeze_mid: float = 0.0
    hyphen: bool = False  # broken inside a word: the writer draws a hyphen after it


def break_mask(text: str, glue: Sequence[int] | None = None) -> list[bool]:
    """``mask[i]``: a line may start at ``text[i]`` (kinsoku rules, and not inside a
    no-break span when ``glue`` — from ``doctools.nobreak.glue`` — is given)."""
    n = len(text)
    mask = [False] * (n + 1)
    for i in range(1, n):
        mask[i] = can_break_before(text, i) and not (glue is not None and glue[i])
    mask[n] = True
    return mask


def _trim(text: str, widths: Sequence[float], start: int, end: int) -> float:
    while end > start and text[end - 1].isspace():
        end -= 1
    return sum(widths[start:end])


def break_lines(
    text: str, widths: Sequence[float], first_width: float, width: float, mask: Sequence[bool] | None = None
) -> list[Line]:
    """Greedy kinsoku-aware line breaking.

    ``widths[i]`` is the advance of ``text[i]``; ``first_width`` the measure of the first
    line (after its indent), ``width`` that of the others. Spaces at a break are dropped
    from both lines (they stay in the text between ``end`` and the next ``start``).
    ``mask`` (from :func:`break_mask`) says where a break is allowed; by default the
    kinsoku rules alone decide.
    """
    n = len(text)
    if mask is None:
        mask = break_mask(text)
    lines: list[Line] = []
    start = 0
    while start < n and text[start].isspace():
        start += 1
    while start < n:
        avail = first_width if not lines else width
        acc = 0.0
        i = start
        last_break = -1
        while i < n:
            if i > start and mask[i]:
                last_break = i
            if not text[i].isspace() and acc + widths[i] > avail + 1e-6 and i > start:
                break
            acc += widths[i]
            i += 1
        if i >= n:
            end = n
        elif last_break > start:
            end = last_break
        else:
            end = i  # no legal break in the whole line (a very long word): force one
        lines.append(Line(start, end, _trim(text, widths, start, end), end >= n))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if lines and not lines[-1].last:
        last = lines[-1]
        lines[-1] = Line(last.start, last.end, last.width, True)
    return lines


def bad_starts(lines: Sequence[str]) -> list[str]:
    """Lines (stripped) that start with a mark forbidden at a line start."""
    return [ln for ln in (s.strip() for s in lines) if ln and ln[0] in REQUIRED_NO_START]


def bad_ends(lines: Sequence[str]) -> list[str]:
    """Lines (stripped) that end with a mark forbidden at a line end."""
    return [ln for ln in (s.strip() for s in lines) if ln and ln[-1] in REQUIRED_NO_END]


__all__ = [
    "NO_END",
    "NO_START",
    "REQUIRED_NO_END",
    "REQUIRED_NO_START",
    "Line",
    "bad_ends",
    "bad_starts",
    "break_lines",
    "break_mask",
    "can_break_before",
    "is_cjk",
]
