"""The brief as PDF (reportlab): title band, number tiles, targets box beside the chart,
tasks, problems, key sentences; footer with source file, hash and date on every page.

Text is set with the writers' ``TextBlock`` (per-character font fallback, kinsoku line
breaking), so the text layer reads back exactly. The layout is tried at decreasing detail
(all goals and the figure table and key sentences → fewer, then task points and problems)
until it fits two A4 pages; what is left out is said in a note (``_view.build``). The
targets box splits across pages when long; a layout failure is a DoctoolsError (exit 1).
Styles and colours come from ``templates/brief.toml``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, TypedDict

from doctools.brief import _view
from doctools.brief.chart import drawing, flowable
from doctools.brief.model import Brief
from doctools.errors import DoctoolsError
from doctools.resources import templates_dir
from doctools.writers._atomic import atomic_path

MAX_PAGES = 2


class _Attempt(TypedDict):
    """One way of fitting the brief: the keyword options of ``_view.build``."""

    max_goals: int
    summary: bool
    table: bool
    max_points: int
    max_problems: int


class _Styles:
    def __init__(self, template: Any, english: bool) -> None:
        s = template.style
        r = dataclasses.replace
        self.english = english
        self.title = s("title")
        self.subtitle = r(s("source"), size_pt=9, leading_pt=13, space_after_pt=2)
        self.h1 = r(s("heading1"), space_before_pt=9, space_after_pt=4)
        self.body = r(s("body"), size_pt=9.5, leading_pt=14, space_after_pt=2.5, first_indent_chars=0)
        self.small = r(self.body, size_pt=8, leading_pt=11, space_after_pt=0, align="left",
                       color=template.colors.get("muted", "6B6B6B"))
        self.lead = r(s("lead"), size_pt=9.5, leading_pt=14, space_after_pt=0, first_indent_chars=0,
                      align="left")
        self.points = r(self.small, space_after_pt=3.5, left_indent_chars=2.4, first_indent_chars=0)
        self.big = r(s("figure"), size_pt=17, leading_pt=21, space_after_pt=0)
        self.unit = r(s("figure"), size_pt=9, leading_pt=21, bold=False)
        self.tile_label = r(self.small, size_pt=8, leading_pt=10.5, color="333333")
        self.tile_change = r(self.small, size_pt=8, leading_pt=10.5, color="1A1A1A")
        self.note = r(s("note"), size_pt=8.5, leading_pt=12, space_before_pt=1, space_after_pt=2,
                      color=template.colors.get("accent", "9E1B1B"))
        self.footer = r(s("source"), size_pt=7, leading_pt=9)
        self.target = r(self.body, size_pt=9.5, leading_pt=13.5, space_after_pt=2, align="left")
        self.goal = r(self.body, size_pt=8.5, leading_pt=12, space_after_pt=1, align="left")
        self.cell = r(self.small, size_pt=8.5, leading_pt=11.5, color="1A1A1A")


def _tb(segments: list[tuple[str, Any]], style: Any, english: bool) -> Any:
    from doctools.writers._pdflayout import TextBlock

    return TextBlock([(t, st) for t, st in segments if t], style, english=english)


def _font_cmd() -> tuple[Any, ...]:
    """Tables set a cell font even for flowable cells; name an embedded one, not Helvetica."""
    from doctools.writers import _fonts

    return ("FONTNAME", (0, 0), (-1, -1), _fonts.register_role("hei"))


def _blank() -> Any:
    """An empty cell that draws nothing (a "" cell makes reportlab set Helvetica)."""
    from reportlab.platypus import Spacer

    return Spacer(0, 0)


def _tiles(view: _view.View, st: _Styles, width: float, colors: dict[str, str]) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    en = st.english
    cols = 4
    cells = []
    for f in view.tiles:
        value = [(f.qualifier_pre, st.unit), (f.value, st.big), (f.unit, st.unit)]
        extra = " · ".join(x for x in (f.change, f.rank) if x)
        if not f.has_value:  # a change-only figure: the change is the headline number
            value, extra = [(f.change, st.big)], f.rank
        if en:
            value = [(f.value or f.change, dataclasses.replace(st.big, size_pt=11.5, leading_pt=15))]
        cells.append([_tb([(f.indicator, st.tile_label)], st.tile_label, en),
                      _tb(value, st.big if not en else dataclasses.replace(st.big, size_pt=11.5, leading_pt=15), en),
                      _tb([(extra, st.tile_change)], st.tile_change, en) if extra else _blank()])
    rows: list[list[Any]] = [cells[i:i + cols] for i in range(0, len(cells), cols)]
    if rows and len(rows[-1]) < cols:
        rows[-1] += [None] * (cols - len(rows[-1]))
    gap = 5.0
    col_w = (width - gap * (cols - 1)) / cols
    data, widths = [], []
    for row in rows:
        line: list[Any] = []
        for j, c in enumerate(row):
            line.append(c if c is not None else _blank())
            if j < cols - 1:
                line.append(_blank())
        data.append(line)
    widths = [col_w if j % 2 == 0 else gap for j in range(cols * 2 - 1)]
    t = Table(data, colWidths=widths, hAlign="LEFT")
    bg = HexColor("#" + colors.get("figure_bg", "F4EFEA"))
    accent = HexColor("#" + colors.get("accent", "9E1B1B"))
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                                   ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    for r_i, row in enumerate(rows):
        for c_i, c in enumerate(row):
            if c is not None:
                cmds.append(("BACKGROUND", (c_i * 2, r_i), (c_i * 2, r_i), bg))
                cmds.append(("LINEBEFORE", (c_i * 2, r_i), (c_i * 2, r_i), 2, accent))
        cmds.append(("LEFTPADDING", (1, r_i), (1, r_i), 0))
    for j in range(1, cols * 2 - 1, 2):
        cmds += [("LEFTPADDING", (j, 0), (j, -1), 0), ("RIGHTPADDING", (j, 0), (j, -1), 0)]
    t.setStyle(TableStyle([*cmds, _font_cmd()]))
    return t


def _figure_table(view: _view.View, st: _Styles, width: float, colors: dict[str, str]) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    en = st.english
    rows = []
    for f in view.table:
        rows.append([_tb([(f.indicator, st.cell)], st.cell, en),
                     _tb([(f.value_text, st.cell)], st.cell, en) if f.value_text else _blank(),
                     _tb([(f.detail, st.cell)], st.cell, en) if f.detail else _blank()])
    t = Table(rows, colWidths=[width * 0.5, width * 0.28, width * 0.22], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                           ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor("#DDDDDD")), _font_cmd()]))
    return t


SIDE_BY_SIDE_MAX = 0.45  # share of the page height up to which the targets box stands beside the chart


def _targets_and_chart(view: _view.View, st: _Styles, width: float, colors: dict[str, str], font: str,
                       max_height: float) -> list[Any]:
    """The targets box with the chart beside it; a long box (many goals, long English)
    is set full width below the chart as rows that may split across pages."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Spacer, Table, TableStyle

    en = st.english
    left: list[Any] = [_tb([(view.label("targets"), st.lead)], dataclasses.replace(st.lead, space_after_pt=3), en)]
    left += [_tb([(x, st.target)], st.target, en) for x in view.targets]
    if view.goals:
        left.append(Spacer(1, 3))
        left.append(_tb([(view.label("goals"), st.lead)], dataclasses.replace(st.lead, space_after_pt=2), en))
        left += [_tb([(x, st.goal)], st.goal, en) for x in view.goals]
    if view.plan:
        left.append(Spacer(1, 3))
        left.append(_tb([(view.label("plan_figures"), st.lead)], dataclasses.replace(st.lead, space_after_pt=2), en))
        left += [_tb([(x, st.goal)], st.goal, en) for x in view.plan]
    lw = width * 0.5
    accent = HexColor("#" + colors.get("accent", "9E1B1B"))
    box_style = [("BOX", (0, 0), (-1, -1), 0.8, accent), ("BACKGROUND", (0, 0), (-1, -1), HexColor("#FBF8F5")),
                 ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                 ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6), _font_cmd()]
    tall = sum(f.wrap(lw - 14, max_height)[1] + f.getSpaceAfter() for f in left) > max_height * SIDE_BY_SIDE_MAX
    if tall:  # too long to stand beside the chart: a full-width box that splits by row, chart above
        out: list[Any] = []
        if view.chart:
            out.append(flowable(drawing(view.chart, width * 0.6, font=font, labels=view.chart_labels,
                                        accent=colors.get("accent", "9E1B1B"), title=view.label("chart_title")),
                                font))
            out.append(Spacer(1, 6))
        box = Table([[f] for f in left], colWidths=[width], hAlign="LEFT", splitByRow=1)
        box.setStyle(TableStyle(box_style))
        return [*out, box]
    right: list[Any] = []
    if view.chart:
        d = drawing(view.chart, width - lw - 10, font=font, labels=view.chart_labels,
                    accent=colors.get("accent", "9E1B1B"), title=view.label("chart_title"))
        right.append(flowable(d, font))
    t = Table([[left, _blank(), right]], colWidths=[lw, 10, width - lw - 10], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BOX", (0, 0), (0, 0), 0.8, accent),
                           ("BACKGROUND", (0, 0), (0, 0), HexColor("#FBF8F5")),
                           ("LEFTPADDING", (0, 0), (0, 0), 7), ("RIGHTPADDING", (0, 0), (0, 0), 7),
                           ("TOPPADDING", (0, 0), (0, 0), 6), ("BOTTOMPADDING", (0, 0), (0, 0), 6),
                           ("LEFTPADDING", (1, 0), (-1, 0), 0), ("RIGHTPADDING", (1, 0), (-1, 0), 0),
                           _font_cmd()]))
    return [t]


def story(view: _view.View, template: Any, width: float, font: str, height: float = 740.0) -> list[Any]:
    """The flowables of one brief page set."""
    from reportlab.platypus import HRFlowable, Spacer

    from doctools.writers._template import Style

    en = view.lang.startswith("en")
    st = _Styles(template, en)
    colors = template.colors
    from reportlab.lib.colors import HexColor

    out: list[Any] = [_tb([(view.title, st.title)], dataclasses.replace(st.title, space_after_pt=1), en),
                      _tb([(view.subtitle, st.subtitle)], st.subtitle, en),
                      HRFlowable(width="100%", thickness=1.2, color=HexColor("#" + colors.get("rule", "9E1B1B")),
                                 spaceBefore=1, spaceAfter=4)]
    for n in view.notes:
        out.append(_tb([(n, st.note)], st.note, en))
    if view.tiles:
        out.append(_tb([(view.label("figures"), st.h1)], st.h1, en))
        out.append(_tiles(view, st, width, colors))
        if view.table:
            out.append(Spacer(1, 4))
            out.append(_figure_table(view, st, width, colors))
    if view.targets or view.goals or view.plan or view.chart:
        out.append(Spacer(1, 8))
        out += _targets_and_chart(view, st, width, colors, font, height)
    if view.tasks:
        out.append(_tb([(view.label("tasks"), st.h1)], st.h1, en))
        for label, gist, points in view.tasks:
            out.append(_tb([(f"{label}{' ' if en else ''}{gist}", st.lead)], st.lead, en))
            if points:
                out.append(_tb([(("; " if en else "；").join(points), st.points)], st.points, en))
        if view.tasks_note:
            out.append(_tb([(view.tasks_note, st.note)], st.note, en))
    if view.problems:
        out.append(_tb([(view.label("problems"), st.h1)], st.h1, en))
        hang: Style = dataclasses.replace(st.body, left_indent_chars=2.2, first_indent_chars=-2.2, align="left")
        for label, text in view.problems:
            out.append(_tb([(label + (" " if en else ""), st.lead), (text, st.body)], hang, en))
    if view.summary:
        out.append(_tb([(view.label("summary"), st.h1)], st.h1, en))
        for s in view.summary:
            out.append(_tb([(s, st.body)], st.body, en))
    return out


def _footer(view: _view.View, template: Any, font: str) -> Any:
    from doctools.writers import _fonts
    from doctools.writers._pdflayout import char_width
    from doctools.writers._template import MM

    page = template.page
    color = "#" + template.colors.get("muted", "6B6B6B")

    def draw(canv: Any, doc: Any) -> None:
        size = 6.8
        x = page.left_mm * MM
        y = page.bottom_mm * MM - 8 * MM
        canv.saveState()
        canv.setStrokeColor(color)
        canv.setLineWidth(0.4)
        canv.line(x, y + 9, page.width_mm * MM - page.right_mm * MM, y + 9)
        canv.setFillColor(color)
        for fnt, text in _fonts.runs(view.footer, "hei"):
            canv.setFont(fnt, size)
            canv.drawString(x, y, text)
            x += sum(char_width(fnt, ch) for ch in text) * size
        canv.setFont(font, size)
        canv.drawString(page.left_mm * MM, y - size * 1.4, view.footer_hash)
        num = str(canv.getPageNumber())
        canv.setFont(font, size + 1)
        canv.drawRightString(page.width_mm * MM - page.right_mm * MM, y, num)
        canv.restoreState()

    return draw


def write_pdf(brief: Brief, path: Path, lang: str) -> int:
    """Write the brief as PDF; returns the page count (1 or 2 when the content allows)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from doctools.writers import _fonts, _template

    english = lang.startswith("en")
    template = _template.load(templates_dir() / "brief.toml")
    initial = _fonts.register_role(template.style("body").font_role(english))
    font = _fonts.register_role("hei")
    page = template.page
    mm = _template.MM
    attempts: list[_Attempt] = [
        dict(max_goals=99, summary=True, table=True, max_points=99, max_problems=99),
        dict(max_goals=8, summary=True, table=True, max_points=99, max_problems=99),
        dict(max_goals=6, summary=False, table=True, max_points=99, max_problems=99),
        dict(max_goals=4, summary=False, table=False, max_points=99, max_problems=99),
        dict(max_goals=4, summary=False, table=False, max_points=3, max_problems=8),
        dict(max_goals=3, summary=False, table=False, max_points=1, max_problems=6),
        dict(max_goals=2, summary=False, table=False, max_points=0, max_problems=4),
        dict(max_goals=0, summary=False, table=False, max_points=0, max_problems=2)]  # then: as many pages as needed
    pages = 0
    failure: Exception | None = None
    for i, opts in enumerate(attempts):
        view = _view.build(brief, lang, **opts)
        last = i == len(attempts) - 1
        try:
            with atomic_path(path) as tmp:
                d = BaseDocTemplate(
                    str(tmp), pagesize=(page.width_mm * mm, page.height_mm * mm),
                    leftMargin=page.left_mm * mm, rightMargin=page.right_mm * mm,
                    topMargin=(page.top_mm - 4) * mm, bottomMargin=page.bottom_mm * mm,
                    title=view.title, author="doctools", subject="brief", creator="doctools",
                    producer="doctools (reportlab)", lang="en-US" if english else "zh-CN",
                    initialFontName=initial, initialFontSize=10, invariant=1,
                )
                frame = Frame(d.leftMargin, d.bottomMargin, d.width, d.height, id="body",
                              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
                d.addPageTemplates([PageTemplate(id="main", frames=[frame], onPage=_footer(view, template, font))])
                d.build(story(view, template, d.width, font, d.height))
                pages = d.page
                if pages > MAX_PAGES and not last:
                    raise _TooLong
        except _TooLong:
            continue
        except DoctoolsError:
            raise
        except Exception as exc:  # reportlab raises bare LayoutError etc.: try a shorter layout
            failure = exc
            if last:
                raise DoctoolsError(f"the {lang} brief PDF cannot be laid out even shortened "
                                    f"({type(exc).__name__}: {str(exc)[:160]})".replace("\n", " ")) from exc
            continue
        return int(pages)
    raise DoctoolsError(f"the {lang} brief PDF cannot be laid out ({failure})")  # not reached: last attempt returns


class _TooLong(Exception):
    """More pages than MAX_PAGES: the attempt's file is discarded and a shorter one tried."""


__all__ = ["story", "write_pdf"]
