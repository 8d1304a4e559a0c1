"""A reportlab flowable that sets CJK/Latin text with our own kinsoku line breaker.

Why not reportlab's Paragraph: its CJK wrap breaks kinsoku rules, and it draws characters
its font lacks as nothing. :class:`TextBlock` gives every character a font that has it
(``_fonts.runs``), breaks lines with ``_kinsoku.break_lines``, justifies CJK lines by
spreading the slack over every character gap and Latin lines over the spaces, and splits
across pages line by line. A paragraph is a list of *segments* ``(text, Style)`` so a
run-in heading (``（一）聚焦……。`` in 楷体) and its body (仿宋) share one paragraph.

The brief writer may build its own story from these: ``TextBlock([(text, style)], main,
english=False)`` plus any reportlab flowables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.flowables import Flowable

from doctools.writers import _fonts
from doctools.writers._kinsoku import Line, break_lines, is_cjk
from doctools.writers._template import Style

_WIDTHS: dict[tuple[str, str], float] = {}  # (font, char) -> advance at 1 pt
_ASCENT = 0.88  # CJK ideographic em box: ascent share of the em


def char_width(font: str, ch: str) -> float:
    """Advance of ``ch`` in ``font`` at 1 pt, cached (stringWidth is slow per call)."""
    key = (font, ch)
    w = _WIDTHS.get(key)
    if w is None:
        w = pdfmetrics.stringWidth(ch, font, 1000.0) / 1000.0
        _WIDTHS[key] = w
    return w


@dataclass(frozen=True)
class Bookmark:
    key: str
    title: str
    level: int


class _Glyphs:
    """The paragraph's characters with font, size, colour and advance of each."""

    def __init__(self, segments: Sequence[tuple[str, Style]], english: bool) -> None:
        chars: list[str] = []
        self.font: list[str] = []
        self.size: list[float] = []
        self.color: list[str] = []
        self.width: list[float] = []
        self.tracking: list[float] = []
        for text, st in segments:
            role = st.font_role(english)
            tracking = 0.0 if english else st.tracking_pt
            for font, run in _fonts.runs(text, role, st.bold):
                for ch in run:
                    chars.append(ch)
                    self.font.append(font)
                    self.size.append(st.size_pt)
                    self.color.append(st.color)
                    self.tracking.append(tracking)
                    self.width.append(char_width(font, ch) * st.size_pt + tracking)
        self.text = "".join(chars).replace("\n", " ").replace("\t", " ")


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
        _glyphs: _Glyphs | None = None,
        _lines: list[Line] | None = None,
        _first: bool = True,
    ) -> None:
        super().__init__()
        self.style = style
        self.english = english
        self.bookmark = bookmark if _first else None
        self.block_id = block_id
        self.g = _glyphs or _Glyphs(segments, english)
        self._lines = _lines
        self._lines_width: float | None = None if _lines is None else -1.0
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
    def _layout(self, avail_width: float) -> list[Line]:
        if self._lines is not None and (self._lines_width == -1.0 or self._lines_width == avail_width):
            return self._lines
        measure = avail_width - self.right_indent
        first = measure - self.first_indent if self._first else measure - self.left_indent
        rest = measure - self.left_indent
        lines = break_lines(self.g.text, self.g.width, first, rest)
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
            trial = break_lines(self.g.text, self.g.width, min(first, mid), mid)
            if len(trial) <= len(lines):
                best, hi = trial, mid
            else:
                lo = mid
        return best

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        lines = self._layout(avail_width)
        self.height = max(1, len(lines)) * self.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self._layout(avail_width)
        fit = int((avail_height + 1e-6) // self.leading)
        if fit <= 0 or fit >= len(lines):
            return [] if fit <= 0 else [self]
        head = TextBlock((), self.style, english=self.english, bookmark=self.bookmark,
                         block_id=self.block_id, _glyphs=self.g, _lines=lines[:fit], _first=self._first)
        head.spaceAfter = 0.0
        head.keepWithNext = False
        tail = TextBlock((), self.style, english=self.english, block_id=self.block_id,
                         _glyphs=self.g, _lines=lines[fit:], _first=False)
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
        for k, line in enumerate(lines):
            y = self.height - k * self.leading - base_off
            is_first = self._first and k == 0
            indent = self.first_indent if is_first else self.left_indent
            self._draw_line(line, indent, self.width - indent - self.right_indent, y)

    def _draw_line(self, line: Line, x0: float, avail: float, y: float) -> None:
        g = self.g
        text = g.text
        end = line.end
        while end > line.start and text[end - 1].isspace():
            end -= 1
        if end <= line.start:
            return
        slack = avail - line.width
        align = self.style.align
        gap_extra = 0.0
        space_extra = 0.0
        x = x0
        if align == "justify" and not line.last and slack > 0:
            spaces = sum(1 for i in range(line.start, end) if text[i] == " ")
            cjk = sum(1 for i in range(line.start, end) if is_cjk(text[i]))
            if spaces and (self.english or cjk * 2 < end - line.start):
                space_extra = slack / spaces
            elif end - line.start > 1:
                gap_extra = slack / (end - line.start - 1)
        elif align == "center":
            x += max(0.0, slack) / 2
        elif align == "right":
            x += max(0.0, slack)
        t = self.canv.beginText()
        i = line.start
        while i < end:
            j = i + 1
            while (j < end and g.font[j] == g.font[i] and g.size[j] == g.size[i]
                   and g.color[j] == g.color[i] and not (space_extra and text[j - 1] == " ")):
                j += 1
            t.setTextOrigin(x, y)
            t.setFont(g.font[i], g.size[i])
            t.setFillColor(HexColor("#" + g.color[i]))
            t.setCharSpace(g.tracking[i] + gap_extra)
            t.textOut(text[i:j])
            x += sum(g.width[i:j]) + gap_extra * (j - i)
            if space_extra and text[j - 1] == " ":
                x += space_extra
            i = j
        self.canv.drawText(t)


def page_number_drawer(template: Any) -> Any:
    """An onPage callback drawing the template's page number ("— 1 —", odd right/even left)."""
    pn = template.page_number
    if pn is None:
        return None
    from doctools.writers._template import MM

    page = template.page

    def draw(canv: Any, doc: Any) -> None:
        n = canv.getPageNumber()
        if n == 1 and not pn.first_page:
            return
        label = pn.format.format(n=n)
        runs = _fonts.runs(label, pn.role)
        width = sum(char_width(f, ch) * pn.size_pt for f, t in runs for ch in t)
        left = page.left_mm * MM
        right = (page.width_mm - page.right_mm) * MM
        indent = pn.indent_chars * pn.size_pt
        if pn.position == "outside":
            x = right - indent - width if n % 2 else left + indent
        elif pn.position == "right":
            x = right - indent - width
        else:
            x = (left + right - width) / 2
        y = page.bottom_mm * MM - pn.below_mm * MM - pn.size_pt * _ASCENT
        canv.saveState()
        for font, text in runs:
            canv.setFont(font, pn.size_pt)
            canv.drawString(x, y, text)
            x += sum(char_width(font, ch) for ch in text) * pn.size_pt
        canv.restoreState()

    return draw


__all__ = ["Bookmark", "TextBlock", "char_width", "page_number_drawer"]
