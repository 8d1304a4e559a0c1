"""A reportlab flowable that sets CJK/Latin text with our own line breaker and justifier.

Why not reportlab's Paragraph: its CJK wrap breaks kinsoku rules, and it draws characters
its font lacks as nothing. :class:`TextBlock` gives every character a font that has it
(``_fonts.runs``), finds where a line may break (``kinsoku`` rules, never inside a
``doctools.nobreak`` span: names, numbers with units, Latin words), fits justified paragraphs
as a whole with CLREQ's punctuation compression and a 0.1 em cap on added spacing
(``_justify``), and splits across pages line by line with widow and orphan control
(never one line of a paragraph alone at a page's foot or head). A paragraph is a list of
*segments* ``(text, Style)`` so a run-in heading (``（一）聚焦……。`` in 楷体) and its body
(仿宋) share one paragraph. With ``grid`` (the template's line pitch) a block's height is
rounded up to whole grid lines, so the body of page 1 sits on the same grid as the rest.

The brief writer may build its own story from these: ``TextBlock([(text, style)], main,
english=False)`` plus any reportlab flowables.
"""

from __future__ import annotations

import math
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.flowables import Flowable

from doctools import nobreak
from doctools.writers import _fonts, _halfpunct, _justify
from doctools.writers._template import Style
from doctools.writers.kinsoku import Line, break_lines, break_mask

_WIDTHS: dict[tuple[str, str], float] = {}  # (font, char) -> advance at 1 pt
_FONT_CAPS: dict[str, dict[str, tuple[float, float]]] = {}  # font -> char -> compressible blank, em
_ASCENT = 0.88  # CJK ideographic em box: ascent share of the em


def char_width(font: str, ch: str) -> float:
    """Advance of ``ch`` in ``font`` at 1 pt, cached (stringWidth is slow per call)."""
    key = (font, ch)
    w = _WIDTHS.get(key)
    if w is None:
        w = pdfmetrics.stringWidth(ch, font, 1000.0) / 1000.0
        _WIDTHS[key] = w
    return w


_MARK_RANGES = ((0x2010, 0x2027), (0x3000, 0x303F), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF01, 0xFF65))


def font_caps(font: str) -> dict[str, tuple[float, float]]:
    """Every full-width CJK punctuation mark of ``font`` with a blank that may be
    compressed: char → (left, right) in em, one side only, at most half an em.

    Measured from the glyph's outline box (glyf header), so 。， set left in a mainland
    font and centred in another both come out right.
    """
    caps = _FONT_CAPS.get(font)
    if caps is not None:
        return caps
    caps = {}
    face = pdfmetrics.getFont(font).face
    upm = float(face.unitsPerEm)
    glyf = face.table["glyf"]["offset"]
    for lo, hi in _MARK_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            gid = face.charToGlyph.get(cp)
            if not gid or not unicodedata.category(ch).startswith("P"):
                continue
            adv = face.hmetrics[gid][0] / upm
            pos, nxt = face.glyphPos[gid], face.glyphPos[gid + 1]
            if adv < 0.9 or nxt <= pos:
                continue
            _, xmin, _, xmax, _ = struct.unpack(">hhhhh", face._ttf_data[glyf + pos:glyf + pos + 10])
            left, right = xmin / upm, adv - xmax / upm
            if max(left, right) >= 0.25:  # the emptier side only (a centred mark: the right)
                side = min(0.5, max(left, right) - 0.05)
                caps[ch] = (side, 0.0) if left > right else (0.0, side)
    _FONT_CAPS[font] = caps
    return caps


def punct_caps(font: str, ch: str) -> tuple[float, float]:
    """(left, right) blank of ``ch`` in ``font`` that may be compressed, in em; (0, 0) when
    it is not a compressible mark or no half-width companion glyph can be drawn."""
    caps = font_caps(font)
    if ch not in caps or _halfpunct.companion(font, caps) is None:
        return (0.0, 0.0)
    return caps[ch]


@dataclass(frozen=True)
class Bookmark:
    key: str
    title: str
    level: int


class _Glyphs:
    """The paragraph's characters with font, size, colour, advance and compressible blanks."""

    def __init__(self, segments: Sequence[tuple[str, Style]], english: bool, traditional: bool = False) -> None:
        chars: list[str] = []
        self.font: list[str] = []
        self.size: list[float] = []
        self.color: list[str] = []
        self.width: list[float] = []
        self.tracking: list[float] = []
        self.lcap: list[float] = []
        self.rcap: list[float] = []
        self.alt: list[str | None] = []  # the half-width companion font of a compressible mark
        for text, st in segments:
            role = st.font_role(english)
            tracking = 0.0 if english else st.tracking_pt
            size = st.size_pt
            for font, run in _fonts.runs(text, role, st.bold):
                caps = font_caps(font)
                alt = _halfpunct.companion(font, caps) if caps else None
                n = len(run)
                chars.extend(run)
                self.font.extend([font] * n)
                self.size.extend([size] * n)
                self.color.extend([st.color] * n)
                self.tracking.extend([tracking] * n)
                for ch in run:
                    w = char_width(font, ch) * size
                    self.width.append(w + tracking)
                    left = right = 0.0
                    mark_alt = None
                    if english and ch == " ":
                        right = w / 3  # a word space may shrink by a third
                    elif alt is not None and ch in caps:
                        left, right = caps[ch]
                        left, right, mark_alt = left * size, right * size, alt
                    self.alt.append(mark_alt)
                    self.lcap.append(left)
                    self.rcap.append(right)
        self.text = "".join(chars).replace("\n", " ").replace("\t", " ")
        self.mask = break_mask(self.text, nobreak.glue(self.text, traditional=traditional))


class TextBlock(Flowable):  # type: ignore[misc]  # reportlab ships no types: Flowable is Any
    """One paragraph (or the rest of one after a page break)."""

    def __init__(
        self,
        segments: Sequence[tuple[str, Style]],
        style: Style,
        *,
        english: bool = False,
        bookmark: Bookmark | None = None,
        block_id: str | None = None,
        traditional: bool = False,
        grid: float = 0.0,
        tag: str = "P",
        _glyphs: _Glyphs | None = None,
        _lines: list[Line] | None = None,
        _first: bool = True,
    ) -> None:
        super().__init__()
        self.style = style
        self.english = english
        self.bookmark = bookmark if _first else None
        self.block_id = block_id
        self.grid = grid
        self.tag = tag  # structure type in a tagged PDF: P, H1 … H6
        self.g = _glyphs or _Glyphs(segments, english, traditional)
        self._lines = _lines
        self._lines_width: float | None = None if _lines is None else -1.0
        self._metrics: _justify.Metrics | None = None
        self._first = _first
        self.keepWithNext = style.keep_with_next
        self.spaceBefore = style.space_before_pt if _first else 0.0
        self.spaceAfter = style.space_after_pt
        self.leading = style.leading_pt
        em = style.size_pt + (0.0 if english else style.tracking_pt)  # one character's pitch
        self.first_indent = (style.first_indent_chars + style.left_indent_chars) * em
        self.left_indent = style.left_indent_chars * em
        self.right_indent = style.right_indent_chars * em

    # -- layout --------------------------------------------------------------------
    def metrics(self) -> _justify.Metrics:
        if self._metrics is None:
            g = self.g
            hyphens: list[int] = []
            hyphen_width = 0.0
            if self.english:  # English may break inside a word, at a dictionary point
                from doctools.writers import _hyphen

                hyphens = _hyphen.points(g.text)
                if hyphens:
                    hyphen_width = char_width(g.font[hyphens[0]], "-") * g.size[hyphens[0]]
            self._metrics = _justify.Metrics(g.text, g.width, g.lcap, g.rcap, g.mask, self.style.size_pt,
                                             latin=self.english, hyphens=hyphens, hyphen_width=hyphen_width)
        return self._metrics

    def _layout(self, avail_width: float) -> list[Line]:
        if self._lines is not None and (self._lines_width == -1.0 or self._lines_width == avail_width):
            return self._lines
        measure = avail_width - self.right_indent
        first = measure - self.first_indent if self._first else measure - self.left_indent
        rest = measure - self.left_indent
        if self.style.align == "justify":
            lines = _justify.fit(self.metrics(), first, rest)
        else:
            lines = break_lines(self.g.text, self.g.width, first, rest, self.g.mask)
        if self.style.align == "center" and len(lines) > 1:
            lines = self._balanced(lines, first, rest)
        self._lines = lines
        self._lines_width = avail_width
        return self._lines

    def _balanced(self, lines: list[Line], first: float, rest: float) -> list[Line]:
        """Centred multi-line text (titles) with even lines, not a full line and a stub:
        the narrowest measure that still gives the same number of lines (GB/T 9704 7.3.1
        wants multi-line titles shaped as a trapezoid or diamond, not ragged)."""
        total = sum(ln.width for ln in lines)
        lo, hi = total / len(lines), rest
        best = lines
        for _ in range(12):
            mid = (lo + hi) / 2
            trial = break_lines(self.g.text, self.g.width, min(first, mid), mid, self.g.mask)
            if len(trial) <= len(lines):
                best, hi = trial, mid
            else:
                lo = mid
        return best

    def _height(self, n_lines: int) -> float:
        h = max(1, n_lines) * self.leading
        if self.grid > 0:  # whole grid lines, space before and after included
            total = self.spaceBefore + h + self.spaceAfter
            h = math.ceil(total / self.grid - 1e-6) * self.grid - self.spaceBefore - self.spaceAfter
        return h

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        lines = self._layout(avail_width)
        self.height = self._height(len(lines))
        return avail_width, self.height

    def min_head_height(self, avail_width: float) -> float:
        """The least of this paragraph a page may end with: two lines, or all of it when
        it has three lines or fewer (orphan and widow control)."""
        n = len(self._layout(avail_width))
        return self._height(n if n <= 3 else 2)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._layout(avail_width)
        n = len(lines)
        fit = int((avail_height + 1e-6) // self.leading)
        if fit >= n:
            return [self]
        # never one line alone at the foot (orphan) or the head (widow) of a page
        fit = min(fit, n - 2)
        if fit < 2:
            return []
        head = TextBlock((), self.style, english=self.english, bookmark=self.bookmark, block_id=self.block_id,
                         grid=self.grid, tag=self.tag, _glyphs=self.g, _lines=lines[:fit], _first=self._first)
        head._metrics = self._metrics
        head.spaceAfter = 0.0
        head.keepWithNext = False
        tail = TextBlock((), self.style, english=self.english, block_id=self.block_id, grid=self.grid,
                         tag=self.tag, _glyphs=self.g, _lines=lines[fit:], _first=False)
        tail._metrics = self._metrics
        return [head, tail]

    # -- drawing -------------------------------------------------------------------
    def draw(self) -> None:
        canv = self.canv
        st = self.style
        if self.bookmark is not None:
            top = self.height
            canv.bookmarkHorizontal(self.bookmark.key, 0, top)
            canv.addOutlineEntry(self.bookmark.title, self.bookmark.key, self.bookmark.level, closed=False)
        lines = self._lines or []
        base_off = (self.leading - st.size_pt) / 2 + st.size_pt * _ASCENT
        tags = getattr(canv, "_doctools_tags", None)  # a Tagger when the PDF is tagged (pdf.build_pdf)
        if tags is not None:
            tags.begin(canv, self.g, self.tag)  # the parts of a split paragraph share their glyphs
        for k, line in enumerate(lines):
            y = self.height - k * self.leading - base_off
            is_first = self._first and k == 0
            indent = self.first_indent if is_first else self.left_indent
            self._draw_line(line, indent, self.width - indent - self.right_indent, y)
        if tags is not None:
            tags.end(canv)

    def _placed(self, line: Line, avail: float) -> tuple[int, list[tuple[str, float, float]]]:
        """(end, (font, x, advance) of each glyph): fitted lines as ``_justify.place`` sets
        them, a compressed mark drawn from its half-width companion; other alignments at
        natural advances."""
        g = self.g
        end = line.end
        while end > line.start and g.text[end - 1].isspace():
            end -= 1
        out: list[tuple[str, float, float]] = []
        if self.style.align == "justify":
            xs, lcs, rcs = _justify.place(self.metrics(), line)
            for k, c in enumerate(range(line.start, end)):
                font, x, adv = g.font[c], xs[k], g.width[c]
                alt = g.alt[c]
                if alt is not None and (lcs[k] > 1e-9 or rcs[k] > 1e-9):
                    font = alt
                    if g.lcap[c] > 0:  # the companion's outline sits lcap further left
                        x, adv = x + g.lcap[c], adv - g.lcap[c]
                    else:
                        adv -= g.rcap[c]
                out.append((font, x, adv))
            return end, out
        x = 0.0
        for c in range(line.start, end):
            out.append((g.font[c], x, g.width[c]))
            x += g.width[c]
        shift = {"center": max(0.0, avail - x) / 2, "right": max(0.0, avail - x)}.get(self.style.align, 0.0)
        return end, [(f, v + shift, w) for f, v, w in out]

    def _subset_pieces(self, font: str, i: int, j: int) -> list[tuple[int, int]]:
        """``text[i:j]`` cut where reportlab switches to another 256-glyph subset of the
        font (a new text operator). Each piece is positioned on its own: by ISO 32000 the
        character spacing follows every glyph, also a text operator's last, but pdfminer.six
        (and pdfplumber on it) leaves it out there (pdfminer.six issue #1128), and would
        read our lines shifted, with a space inside “第二十四条”."""
        split = getattr(pdfmetrics.getFont(font), "splitString", None)
        if split is None:
            return [(i, j)]
        out: list[tuple[int, int]] = []
        a = i
        for _, chunk in split(self.g.text[i:j], self.canv._doc):
            out.append((a, a + len(chunk)))
            a += len(chunk)
        return out

    def _draw_line(self, line: Line, x0: float, avail: float, y: float) -> None:
        g = self.g
        text = g.text
        end, placed = self._placed(line, avail)
        if end <= line.start:
            return
        t = self.canv.beginText()
        s = line.start

        def gap(c: int) -> float:  # space after glyph c beyond its advance
            return placed[c + 1 - s][1] - placed[c - s][1] - placed[c - s][2] if c + 1 < end else 0.0

        i = s
        while i < end:
            # one text run while font, size and colour hold and the spacing stays even; a
            # glyph followed by another gap starts its own run
            delta = gap(i)
            font = placed[i - s][0]
            j = i + 1
            while (j < end and placed[j - s][0] == font and g.size[j] == g.size[i] and g.color[j] == g.color[i]
                   and g.tracking[j] == g.tracking[i] and abs(gap(j - 1) - delta) < 1e-6
                   and (j + 1 >= end or abs(gap(j) - delta) < 1e-6)):
                j += 1
            spacing = g.tracking[i] + delta
            t.setFont(font, g.size[i])
            t.setFillColor(HexColor("#" + g.color[i]))
            t.setCharSpace(spacing)
            for a, b in self._subset_pieces(font, i, j) if spacing else [(i, j)]:
                t.setTextOrigin(x0 + placed[a - s][1], y)
                t.textOut(text[a:b])
            i = j
        if line.hyphen:  # a word broken at a hyphenation point: the hyphen is drawn, not text
            font, x, adv = placed[-1]
            c = end - 1
            t.setTextOrigin(x0 + x + adv, y)
            t.setFont(g.font[c], g.size[c])
            t.setCharSpace(0)
            t.textOut("-")
        self.canv.drawText(t)


def __getattr__(name: str) -> Any:  # page_number_drawer moved to _pdfpage (imports this module)
    if name == "page_number_drawer":
        from doctools.writers._pdfpage import page_number_drawer

        return page_number_drawer
    raise AttributeError(name)


__all__ = ["Bookmark", "TextBlock", "char_width", "font_caps", "punct_caps"]
