"""PDF page geometry → text lines in reading order (PDFium's characters, our layout rules).

Why our own line building rather than the library's text dump: paragraph rebuilding needs
each line's left and right edge, size and baseline, and the dump has already thrown them
away (and inserts a space wherever glyphs are a little apart, which puts spaces between
Chinese characters in justified text). Here characters are grouped into rows by baseline,
rows are cut into segments at wide gaps, and a page whose segments leave a clear vertical
gutter is read column by column: everything above the columns, the left column, the right
column, then what follows below. Spaces are added only between two non-CJK characters set
visibly apart (Latin words positioned without a space glyph), never between CJK characters
unless one gap on the row stands out like a table's column gap.

This module is pure geometry on :class:`Char` records; ``doctools.readers.pdf`` reads them
out of PDFium.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from dataclasses import dataclass

# width of a gap, in ems, that cuts a row into segments (column gutters, table cells)
SEGMENT_GAP_EM = 1.5
# Latin words set apart without a space glyph: a gap of this many ems between non-CJK chars
WORD_GAP_EM = 0.18
# a CJK gap is a cell gap only when at least this wide and this many times the row's usual gap
CELL_GAP_EM = 2.0
CELL_GAP_RATIO = 3.0
MAX_GUTTER_CANDIDATES = 24
# glyphs at a line's start searched for a no-break span (the longest numbers with units fit)
SPAN_PROBE = 40


@dataclass(frozen=True)
class Char:
    """One glyph: its text (usually one character), loose box (PDF points, y up), baseline."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    font: str = ""
    size: float = 0.0  # the font size in effect (points), 0 when unknown

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def em(self) -> float:
        """The font size, else the loose box height (Type 3 glyph boxes can be tight)."""
        return self.size if self.size > 0 else max(self.top - self.bottom, 1.0)


@dataclass(frozen=True)
class Line:
    """A line of text in reading order, with the geometry paragraph rebuilding needs.

    ``column`` is 0 on a single-column page, 1 or 2 in the left or right column of a
    two-column page. ``fonts`` are the font names its characters are set in (subset
    prefixes removed). ``first`` is the width in points of the unbreakable run the line
    starts with (a word, a number with its unit, a name or set phrase, or a character,
    with the punctuation glued to it): if the previous line had that much room left, its
    author ended it on purpose.
    """

    page: int
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    em: float
    column: int = 0
    first: float = 0.0
    fonts: frozenset[str] = frozenset()


def is_cjk(ch: str) -> bool:
    """Ideographs, kana, hangul and full-width forms/punctuation: no word spaces around them."""
    o = ord(ch[0]) if ch else 0
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0xAC00 <= o <= 0xD7AF
        or 0x20000 <= o <= 0x3FFFF
        or 0xFE30 <= o <= 0xFE4F
        or o in (0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7)
    )


def _em(chars: list[Char]) -> float:
    """The line's em: the median font size of its characters."""
    return statistics.median(c.em for c in chars) if chars else 10.0


def _rows(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline (top of the page first), each row sorted by x."""
    rows: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: (-c.baseline, c.x0)):
        if rows:
            row = rows[-1]
            ref = row[0]
            tol = 0.4 * min(ref.em, c.em)
            if abs(ref.baseline - c.baseline) <= tol:
                row.append(c)
                continue
        rows.append([c])
    return [sorted(r, key=lambda c: c.x0) for r in rows]


def _segments(row: list[Char]) -> list[list[Char]]:
    em = _em(row)
    out: list[list[Char]] = [[row[0]]]
    for c in row[1:]:
        prev = out[-1][-1]
        if c.x0 - prev.x1 > SEGMENT_GAP_EM * em and c.text.strip() and prev.text.strip():
            out.append([c])
        else:
            out[-1].append(c)
    return [[c for c in s if c.text.strip()] or s for s in out]


def _text(chars: list[Char]) -> str:
    """The characters as text: spaces only where the gaps call for one (see module doc)."""
    visible = [c for c in chars if c.text.strip()]
    em = _em(visible or chars)
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(visible)]
    usual = statistics.median(gaps) if gaps else 0.0
    parts: list[str] = []
    prev: Char | None = None
    for c in chars:
        if not c.text.strip():  # a space glyph of the text itself (kept: U+3000 can be deliberate)
            if parts and not parts[-1].isspace():
                parts.append(" " if c.text in "\t\n\r\x0b\x0c" else c.text)
            prev = None
            continue
        if prev is not None and parts and not parts[-1].isspace():
            gap = c.x0 - prev.x1
            both_cjk = is_cjk(prev.text[-1]) or is_cjk(c.text[0])
            # justified lines spread every gap alike: a word space stands out from the usual gap
            if (not both_cjk and gap > max(WORD_GAP_EM * em, usual + 0.15 * em)) or (
                gap >= CELL_GAP_EM * em and gap > CELL_GAP_RATIO * max(usual, 0.05 * em)
            ):
                parts.append(" ")
        parts.append(c.text)
        prev = c
    if "\xad" in parts[:-1] and parts[-1] != "\xad":
        # a soft hyphen drawn inside a line is a visible hyphen (XeTeX maps "-" so); at the
        # end of a line it marks a word broken there and is left for the cleaner to drop
        parts = [("-" if p == "\xad" else p) for p in parts[:-1]] + parts[-1:]
    return "".join(parts).strip()


_NO_LINE_START = set("，。、；：？！）》」』”’〕】〉…—,.;:?!)]}%‰·")
_NO_LINE_END = set("（《「『“‘〔【〈([{")


def _first_run(chars: list[Char]) -> float:
    """Width of the unbreakable run a line starts with (see :class:`Line`)."""
    visible = [c for c in chars if c.text.strip()]
    if not visible:
        return 0.0
    i = 0
    while i < len(visible) - 1 and visible[i].text[0] in _NO_LINE_END:
        i += 1
    if not is_cjk(visible[i].text[0]):  # a Latin word or a number: up to the next space or CJK
        j = i
        while j + 1 < len(visible) and not is_cjk(visible[j + 1].text[0]) and (
            visible[j + 1].x0 - visible[j].x1 <= WORD_GAP_EM * _em(visible)
        ):
            j += 1
    else:
        j = i
    j = max(j, _span_end(visible, i))
    while j + 1 < len(visible) and visible[j + 1].text[0] in _NO_LINE_START:
        j += 1
    return visible[j].x1 - visible[0].x0


def _span_end(visible: list[Char], i: int) -> int:
    """Index of the last glyph of the no-break span starting at glyph ``i`` (else ``i``).

    The spans are the ones CLREQ-minded layouts keep on one line and doctools' own writer
    never breaks (``doctools.nobreak``: a number with its unit “5800多亿元”, a leader's
    name, a set phrase): when such a span did not fit, the line before it stops short by
    up to its width, and that is no paragraph end. Simplified and Traditional forms alike.
    """
    from doctools.nobreak import spans

    starts: list[int] = []
    text = ""
    for c in visible[i:i + SPAN_PROBE]:
        starts.append(len(text))
        text += c.text
    first = next((s for s in spans(text, traditional=True) if s.start == 0), None)
    if first is None:
        return i
    return i + max(k for k, at in enumerate(starts) if at < first.end)


def _line(page: int, chars: list[Char], column: int) -> Line:
    visible = [c for c in chars if c.text.strip()] or chars
    em = _em(visible)
    return Line(
        page=page, text=_text(chars), x0=visible[0].x0, x1=max(c.x1 for c in visible),
        baseline=statistics.median(c.baseline for c in visible), size=em, em=em, column=column,
        first=_first_run(chars), fonts=frozenset(c.font for c in visible if c.font),
    )


def _gutter(segs: list[tuple[int, list[Char]]], width: float) -> float | None:
    """The x of a vertical gutter between two text columns, or None (one column).

    A gutter is a vertical band in the middle half of the page that no body segment
    crosses, with enough segments on both sides that run up to it and away from it the
    way justified column text does; a table's columns (short cells on shared rows) and a
    right-aligned date do not qualify.
    """
    spans = [(s[0].x0, max(c.x1 for c in s), len(s)) for _, s in segs]
    body = [sp for sp in spans if sp[2] >= 4]
    if len(body) < 8:
        return None
    lo, hi = 0.25 * width, 0.75 * width
    # candidate gutters: the right edges most lines share (bounded, so a page of table cells
    # costs no more than a page of text)
    shared = Counter(round(x1) for _, x1, _ in body if lo <= x1 <= hi)
    edges = sorted(float(x) for x, _ in shared.most_common(MAX_GUTTER_CANDIDATES))
    best: tuple[int, float] | None = None
    for edge in edges:
        left = [sp for sp in body if sp[1] <= edge + 0.5]
        right = [sp for sp in body if sp[0] > edge + 0.5]
        crossing = len(body) - len(left) - len(right)
        if crossing > 0.1 * len(body) or len(left) < 4 or len(right) < 4:
            continue
        left_full = sum(1 for sp in left if sp[1] >= edge - 0.05 * width)
        right_start = min(sp[0] for sp in right)
        right_edge = max(sp[1] for sp in right)
        right_full = sum(1 for sp in right if sp[1] >= right_edge - 0.05 * width)
        if right_start - edge < 4 or left_full < 0.5 * len(left) or right_full < 0.5 * len(right):
            continue
        score = len(left) + len(right) - 4 * crossing
        if best is None or score > best[0]:
            best = (score, (edge + right_start) / 2)
    return best[1] if best else None


def _stream_segments(chars: list[Char]) -> list[list[Char]]:
    """Runs of glyphs in content-stream order that stay on one baseline and move right
    without a wide gap: producers draw text line by line, so these are line pieces that
    never straddle a column gutter."""
    out: list[list[Char]] = []
    for c in chars:
        if out:
            seg = out[-1]
            prev = seg[-1]
            em = min(prev.em, c.em)
            if (abs(prev.baseline - c.baseline) <= 0.25 * em and prev.x0 - 0.5 * em <= c.x0
                    and c.x0 - prev.x1 <= SEGMENT_GAP_EM * em):
                seg.append(c)
                continue
        out.append([c])
    return out


def page_lines(page: int, chars: list[Char], width: float) -> list[Line]:
    """The page's lines in reading order (columns read one after the other)."""
    chars = [c for c in chars if c.text]
    if not chars:
        return []
    segs = [s for s in _stream_segments(chars) if any(c.text.strip() for c in s)]
    gutter = _gutter([(0, s) for s in segs], width)
    if gutter is None:
        return [_line(page, row, 0) for row in _rows(chars) if any(c.text.strip() for c in row)]
    groups: dict[int, list[Char]] = {0: [], 1: [], 2: []}
    for s in segs:
        x0, x1 = s[0].x0, max(c.x1 for c in s)
        groups[0 if x0 < gutter < x1 else (1 if x1 <= gutter else 2)].extend(s)
    spanning = [_line(page, row, 0) for row in _rows(groups[0]) if any(c.text.strip() for c in row)] \
        if groups[0] else []
    cols = {k: [_line(page, row, k) for row in _rows(groups[k]) if any(c.text.strip() for c in row)]
            for k in (1, 2) if groups[k]}
    out: list[Line] = []
    # spanning lines (a title above the columns, a table or a note below) cut the page into
    # bands; each band is read left column, then right column
    cuts = [ln.baseline for ln in spanning] + [float("-inf")]
    for k, cut in enumerate(cuts):
        upper = cuts[k - 1] if k else float("inf")
        for col in (1, 2):
            out.extend(ln for ln in cols.get(col, []) if cut < ln.baseline <= upper)
        if k < len(spanning):
            out.append(spanning[k])
    return out


__all__ = ["Char", "Line", "is_cjk", "page_lines"]
