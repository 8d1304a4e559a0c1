"""What the PDF writer draws on every page: the page number ("— 1 —", odd right/even left),
and the flowable that keeps a heading with the first lines of what follows it.

Why a guard of our own: reportlab's ``CondPageBreak`` needs a fixed height, but a heading
may take two lines and the paragraph after it may not split below two lines (orphan
control), so the space to keep is measured when the page is laid out.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus.flowables import CondPageBreak

from doctools.writers import _fonts, _pdftags
from doctools.writers._pdflayout import _ASCENT, TextBlock, char_width


class KeepWithNext(CondPageBreak):  # type: ignore[misc]  # reportlab ships no types
    """Start a new page unless ``heading`` and the smallest legal first part of ``nxt``
    fit on this one: two lines of a paragraph (all of one of three lines or fewer), or,
    when another heading follows, that heading with what it must keep (a chain)."""

    def __init__(self, heading: Any, nxt: Any | None) -> None:
        super().__init__(0)
        self.heading = heading
        self.nxt = nxt

    def measure(self, avail_width: float, avail_height: float) -> float:
        h = self.heading
        need = h.getSpaceBefore() + h.wrap(avail_width, avail_height)[1] + h.getSpaceAfter()
        nxt = self.nxt
        if isinstance(nxt, KeepWithNext):
            need += nxt.measure(avail_width, avail_height)
        elif isinstance(nxt, TextBlock):
            need += nxt.getSpaceBefore() + nxt.min_head_height(avail_width)
        elif nxt is not None:
            need += nxt.wrap(avail_width, avail_height)[1]
        return float(need)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self.measure(avail_width, avail_height)
        return super().wrap(avail_width, avail_height)  # type: ignore[no-any-return]


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
        _pdftags.artifact_begin(canv)  # not content: outside the structure tree
        for font, text in runs:
            canv.setFont(font, pn.size_pt)
            canv.drawString(x, y, text)
            x += sum(char_width(font, ch) for ch in text) * pn.size_pt
        _pdftags.artifact_end(canv)
        canv.restoreState()

    return draw


__all__ = ["KeepWithNext", "page_number_drawer"]
