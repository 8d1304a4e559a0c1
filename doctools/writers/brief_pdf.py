"""The brief as PDF (reportlab): title band, number tiles, the figures table, targets box
beside the chart, goals, measures or tasks, who-does-what table, duties, problems, key
sentences; footer with the document's title and date and the page number.

Text is set with the writers' ``TextBlock`` (per-character font fallback, kinsoku line
breaking), so the text layer reads back exactly. Only the PDF may shorten: the layout is
tried at decreasing detail (``ATTEMPTS``) until it fits two A4 pages, and what is left out
is said in a note that names the formats of the same set that are complete. A heading
never stands alone at a page foot (it keeps with its first item), a task's lead keeps with
its points, an English tile value never wraps inside its number or its unit. The source
file name and SHA-256 go into the PDF's document properties, not onto the page. Styles and
colours come from ``templates/brief.toml``.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from doctools.brief.model import Brief
from doctools.errors import DoctoolsError
from doctools.resources import templates_dir
from doctools.writers import _briefview as _view
from doctools.writers._atomic import atomic_path
from doctools.writers._briefchart import drawing, flowable

MAX_PAGES = 2
TABLE_START = 90.0  # points a table's heading needs below it (its header and first rows) to start on a page
L = _view.Limits
ATTEMPTS: tuple[_view.Limits, ...] = (
    L(),
    L(goals=10, steps=20, duties=8),
    L(goals=8, summary=False, steps=14, duties=6, problems=12),
    L(goals=6, summary=False, table=False, points=3, steps=10, duties=5, problems=10),
    L(goals=4, summary=False, table=False, points=2, steps=8, duties=4, problems=8),
    L(goals=3, summary=False, table=False, points=1, steps=5, duties=3, problems=6),
    L(goals=2, summary=False, table=False, points=0, steps=3, duties=2, problems=4),
    L(goals=0, summary=False, table=False, points=0, steps=0, duties=0, problems=2),  # then as many pages as needed
)
_NBSP = "\u00a0"
_NUMBER_PART = re.compile(r"^((?:more than|less than|about|nearly|over|at least|at most|up to)?\s*[-+]?[\d.,]+%?"
                          r"(?:\s(?:hundred|thousand|million|billion|trillion))?)(?:\s(.+))?$")


class _Styles:
    def __init__(self, template: Any, english: bool) -> None:
        s = template.style
        r = dataclasses.replace
        self.english = english
        self.title = s("title")
        self.subtitle = r(s("source"), size_pt=9, leading_pt=13, space_after_pt=2)
        self.h1 = r(s("heading1"), space_before_pt=9, space_after_pt=4, keep_with_next=True)
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
        self.target = r(self.body, size_pt=9.5, leading_pt=13.5, space_after_pt=2, align="left")
        self.goal = r(self.body, size_pt=8.5, leading_pt=12, space_after_pt=1, align="left")
        self.cell = r(self.small, size_pt=8.5, leading_pt=11.5, color="1A1A1A")
        self.cell_head = r(self.cell, bold=True, role="hei")
        self.section = r(self.cell, bold=True, role="hei", color=template.colors.get("accent", "9E1B1B"))


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


def _width(text: str, style: Any, english: bool) -> float:
    from doctools.writers import _fonts
    from doctools.writers._pdflayout import char_width

    return float(sum(char_width(f, ch) for f, run in _fonts.runs(text, style.font_role(english), style.bold)
                     for ch in run) * style.size_pt)


def fit_value(value: str, style: Any, width: float, smallest: float = 7.5) -> tuple[str, Any]:
    """An English tile value that never wraps inside its number or its unit: the words of
    each are bound by no-break spaces (a line may break only between number and unit), and
    the size shrinks until the longer part fits the tile."""
    m = _NUMBER_PART.match(value.strip())
    if m:
        parts = [p.replace(" ", _NBSP) for p in m.groups() if p]
        value = " ".join(parts)
    else:
        parts = [value]
    st = style
    while st.size_pt > smallest and max(_width(p, st, True) for p in parts) > width:
        size = max(smallest, st.size_pt - 0.5)
        st = dataclasses.replace(st, size_pt=size, leading_pt=size * 1.3)
    return value, st


def _tiles(view: _view.View, st: _Styles, width: float, colors: dict[str, str]) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    en = st.english
    cols = 4
    gap = 5.0
    col_w = (width - gap * (cols - 1)) / cols
    big_en = dataclasses.replace(st.big, size_pt=11.5, leading_pt=15)
    cells = []
    for f in view.tiles:
        value = [(f.qualifier_pre, st.unit), (f.value, st.big), (f.unit, st.unit)]
        vstyle = st.big
        extra = " · ".join(x for x in (f.change, f.rank) if x)
        if not f.has_value:  # a change-only figure: the change is the headline number
            value, extra = [(f.change, st.big)], f.rank
        if en:
            text, vstyle = fit_value(f.value or f.change, big_en, col_w - 10)
            value = [(text, vstyle)]
        cells.append([_tb([(f.indicator, st.tile_label)], st.tile_label, en),
                      _tb(value, vstyle, en),
                      _tb([(extra, st.tile_change)], st.tile_change, en) if extra else _blank()])
    rows: list[list[Any]] = [cells[i:i + cols] for i in range(0, len(cells), cols)]
    if rows and len(rows[-1]) < cols:
        rows[-1] += [None] * (cols - len(rows[-1]))
    data = []
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
    for j in range(1, cols * 2 - 1, 2):
        cmds += [("LEFTPADDING", (j, 0), (j, -1), 0), ("RIGHTPADDING", (j, 0), (j, -1), 0)]
    t.setStyle(TableStyle([*cmds, _font_cmd()]))
    return t


def _table(rows: list[list[str]], widths: list[float], st: _Styles, *, head: list[str] | None = None,
           sections: set[int] | None = None) -> Any:
    """A plain table of text cells; a header row repeats on each page; ``sections`` are
    the row indices that carry a section title across the whole row."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    en = st.english
    data: list[list[Any]] = []
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor("#DDDDDD"))]
    if head:
        data.append([_tb([(h, st.cell_head)], st.cell_head, en) for h in head])
        cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.6, HexColor("#999999")))
    offset = len(data)
    for i, row in enumerate(rows):
        if sections and i in sections:
            data.append([_tb([(row[0], st.section)], st.section, en)] + [_blank()] * (len(widths) - 1))
            cmds.append(("SPAN", (0, i + offset), (-1, i + offset)))
        else:
            data.append([_tb([(c, st.cell)], st.cell, en) if c else _blank() for c in row])
    t = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1 if head else 0)
    t.setStyle(TableStyle([*cmds, _font_cmd()]))
    return t


def _figure_table(view: _view.View, st: _Styles, width: float) -> Any:
    if view.kind != "statistical_bulletin":
        plain = [[f.indicator, f.value_text, f.detail] for f in view.table]
        return _table(plain, [width * 0.5, width * 0.28, width * 0.22], st)
    rows: list[list[str]] = []
    sections: set[int] = set()
    section = None
    for f in view.table:
        if f.section and f.section != section:
            section = f.section
            sections.add(len(rows))
            rows.append([section, "", "", ""])
        rows.append([f.indicator, f.period, f.value_text, f.detail])
    head = [view.label(k) for k in ("col_indicator", "col_period", "col_value", "col_change")]
    return _table(rows, [width * 0.42, width * 0.12, width * 0.24, width * 0.22], st, head=head, sections=sections)


SIDE_BY_SIDE_MAX = 0.45  # share of the page height up to which the targets box stands beside the chart


def _targets_and_chart(view: _view.View, st: _Styles, width: float, colors: dict[str, str], role: str,
                       max_height: float) -> list[Any]:
    """The targets box with the chart beside it; a long box (many goals, long English)
    is set full width below the chart as rows that may split across pages."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Spacer, Table, TableStyle

    en = st.english
    left: list[Any] = []

    def section(key: str, items: list[str], style: Any) -> None:
        if not items:
            return
        if left:
            left.append(Spacer(1, 3))
        left.append(_tb([(view.label(key), st.lead)], dataclasses.replace(st.lead, space_after_pt=2,
                                                                           keep_with_next=True), en))
        left.extend(_tb([(x, style)], style, en) for x in items)

    section("targets", view.targets, st.target)
    section("goals", view.goals, st.goal if view.targets else st.target)
    section("plan_figures", view.plan, st.goal)
    accent = HexColor("#" + colors.get("accent", "9E1B1B"))
    chart = None
    if view.chart:
        chart = drawing(view.chart, width * 0.5 - 10, role=role, labels=view.chart_labels,
                        accent=colors.get("accent", "9E1B1B"), title=view.label("chart_title"))
    if not left:
        return [flowable(chart, role)] if chart is not None else []
    lw = width * 0.5 if chart is not None else width
    box_style = [("BOX", (0, 0), (-1, -1), 0.8, accent), ("BACKGROUND", (0, 0), (-1, -1), HexColor("#FBF8F5")),
                 ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                 ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                 ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6), _font_cmd()]
    tall = sum(f.wrap(lw - 14, max_height)[1] + f.getSpaceAfter() for f in left) > max_height * SIDE_BY_SIDE_MAX
    if tall or chart is None:  # a full-width box that splits by row, chart above
        out: list[Any] = []
        if chart is not None:
            wide = drawing(view.chart, width * 0.6, role=role, labels=view.chart_labels,
                           accent=colors.get("accent", "9E1B1B"), title=view.label("chart_title"))
            out += [flowable(wide, role), Spacer(1, 6)]
        box = Table([[f] for f in left], colWidths=[width], hAlign="LEFT", splitByRow=1)
        box.setStyle(TableStyle(box_style))
        return [*out, box]
    t = Table([[left, _blank(), [flowable(chart, role)]]], colWidths=[lw, 10, width - lw - 10], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BOX", (0, 0), (0, 0), 0.8, accent),
                           ("BACKGROUND", (0, 0), (0, 0), HexColor("#FBF8F5")),
                           ("LEFTPADDING", (0, 0), (0, 0), 7), ("RIGHTPADDING", (0, 0), (0, 0), 7),
                           ("TOPPADDING", (0, 0), (0, 0), 6), ("BOTTOMPADDING", (0, 0), (0, 0), 6),
                           ("LEFTPADDING", (1, 0), (-1, 0), 0), ("RIGHTPADDING", (1, 0), (-1, 0), 0),
                           _font_cmd()]))
    return [t]


def _tasks(view: _view.View, st: _Styles) -> list[Any]:
    from reportlab.platypus import KeepTogether

    en = st.english
    out: list[Any] = [_tb([(view.label("measures" if view.kind == "policy" else "tasks"), st.h1)], st.h1, en)]
    for task in view.tasks:
        who = ("; " if en else "，").join(x for x in (task.deadline, task.responsible) if x)
        segs = [(f"{task.label}{' ' if en and task.label else ''}{task.gist}", st.lead)]
        if who:
            segs.append((f" ({who})" if en else f"（{who}）", st.small))
        group = [_tb(segs, st.lead, en)]
        if task.points:
            group.append(_tb([(("; " if en else "；").join(task.points), st.points)], st.points, en))
        out.append(KeepTogether(group))  # a task's lead never stands alone at a page foot
    if view.tasks_note:
        out.append(_tb([(view.tasks_note, st.note)], st.note, en))
    return out


def _list(view: _view.View, st: _Styles, key: str, items: list[tuple[str, str]]) -> list[Any]:
    en = st.english
    hang = dataclasses.replace(st.body, left_indent_chars=2.2, first_indent_chars=-2.2, align="left")
    out: list[Any] = [_tb([(view.label(key), st.h1)], st.h1, en)]
    for label, text in items:
        if label:
            out.append(_tb([(label + (" " if en else ""), st.lead), (text, st.body)], hang, en))
        else:
            out.append(_tb([("• ", st.body), (text, st.body)], hang, en))
    return out


def story(view: _view.View, template: Any, width: float, role: str, height: float = 740.0) -> list[Any]:
    """The flowables of one brief page set."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import CondPageBreak, HRFlowable, Spacer

    en = view.english
    st = _Styles(template, en)
    colors = template.colors
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
            out.append(_figure_table(view, st, width))
    if view.targets or view.goals or view.plan or view.chart:
        out.append(Spacer(1, 8))
        out += _targets_and_chart(view, st, width, colors, role, height)
    if view.tasks:
        out += _tasks(view, st)
    if view.steps:  # a long table splits across pages: a conditional break, not keep-with-next, holds its heading
        out.append(CondPageBreak(TABLE_START))
        out.append(_tb([(view.label("steps"), st.h1)], dataclasses.replace(st.h1, keep_with_next=False), en))
        rows, head, shares = _view.steps_table(view)
        out.append(_table(rows, [width * w for w in shares], st, head=head))
    if view.duties:
        out += _list(view, st, "duties", [("", d) for d in view.duties])
    if view.problems:
        out += _list(view, st, "problems", view.problems)
    if view.summary:
        out += _list(view, st, "summary", [("", s) for s in view.summary])
    return out


def _footer(view: _view.View, template: Any, role: str) -> Any:
    from doctools.writers import _fonts
    from doctools.writers._pdflayout import char_width
    from doctools.writers._template import MM

    page = template.page
    color = "#" + template.colors.get("muted", "6B6B6B")

    def draw(canv: Any, doc: Any) -> None:
        size = 7.0
        x = page.left_mm * MM
        y = page.bottom_mm * MM - 8 * MM
        right = page.width_mm * MM - page.right_mm * MM
        canv.saveState()
        canv.setStrokeColor(color)
        canv.setLineWidth(0.4)
        canv.line(x, y + 9, right, y + 9)
        canv.setFillColor(color)
        head, sep, tail = view.footer.rpartition(" · ")
        head, tail = (head, sep + tail) if sep else (view.footer, "")
        room = right - x - 24  # leave the page number its place

        def wide(t: str) -> float:
            return float(sum(char_width(f, ch) for f, run in _fonts.runs(t, role) for ch in run) * size)

        footer = head + tail
        while head and wide(footer) > room:  # a long title is cut (the date stays), never run past the margin
            head = head[:-1]
            footer = head + "…" + tail
        for fnt, text in _fonts.runs(footer, role):
            canv.setFont(fnt, size)
            canv.drawString(x, y, text)
            x += sum(char_width(fnt, ch) for ch in text) * size
        num = str(canv.getPageNumber())
        canv.setFont(_fonts.register_role(role), size + 1)
        canv.drawRightString(right, y, num)
        canv.restoreState()

    return draw


def write_pdf(brief: Brief, path: Path, lang: str, *, complete_in: list[str] | None = None) -> int:
    """Write the brief as PDF; returns the page count (at most 2 when the content allows).
    ``complete_in`` names the formats of the same set that hold everything (for the note)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from doctools.writers import _fonts, _template

    english = lang.startswith("en")
    template = _template.load(templates_dir() / "brief.toml")
    role = template.style("body").font_role(english)  # text and chart share one family
    initial = _fonts.register_role(role)
    page = template.page
    mm = _template.MM
    src = brief.source
    name = src.path.rsplit("/", 1)[-1]
    subject = f"Brief of {name or 'the source'}" + (f"; source SHA-256 {src.sha256}" if src.sha256 else "")
    pages = 0
    failure: Exception | None = None
    for i, limits in enumerate(ATTEMPTS):
        view = _view.build(brief, lang, limits, complete_in=complete_in)
        last = i == len(ATTEMPTS) - 1
        try:
            with atomic_path(path) as tmp:
                d = BaseDocTemplate(
                    str(tmp), pagesize=(page.width_mm * mm, page.height_mm * mm),
                    leftMargin=page.left_mm * mm, rightMargin=page.right_mm * mm,
                    topMargin=(page.top_mm - 4) * mm, bottomMargin=page.bottom_mm * mm,
                    title=view.title, author="doctools", subject=subject,
                    keywords=", ".join(x for x in (name, src.sha256, brief.kind) if x), creator="doctools",
                    producer="doctools (reportlab)", lang="en-US" if english else "zh-CN",
                    initialFontName=initial, initialFontSize=10, invariant=1,
                )
                frame = Frame(d.leftMargin, d.bottomMargin, d.width, d.height, id="body",
                              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
                d.addPageTemplates([PageTemplate(id="main", frames=[frame], onPage=_footer(view, template, role))])
                d.build(story(view, template, d.width, role, d.height))
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


__all__ = ["ATTEMPTS", "fit_value", "story", "write_pdf"]
