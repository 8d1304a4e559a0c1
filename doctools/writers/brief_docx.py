"""The brief as DOCX (python-docx): the same View as the PDF, Word-native and complete.

Nothing is shortened here (only the PDF may be): every figure, goal, measure, step and
sentence of the brief is in the DOCX. Number tiles are a shaded 4-column table, the
targets a bordered box beside the chart (a PNG of the same reportlab Drawing, in the
text's font family: ``chart.to_png``), measures and who-does-what as a table. Headings
and task leads keep with what follows them. The footer carries the document's title and
date; the source file name and SHA-256 go into the document properties. East-Asian fonts
are written to ``w:rFonts/@w:eastAsia`` on every run (python-docx's ``font.name`` alone
does not), with names from ``templates/brief.toml``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from doctools.brief.model import Brief
from doctools.resources import templates_dir
from doctools.writers import _briefview as _view
from doctools.writers._atomic import atomic_path
from doctools.writers._briefchart import drawing, to_png
from doctools.writers._docxml import set_core


def _font(run: Any, template: Any, role: str, english: bool) -> None:
    from doctools.writers._docxml import set_fonts, set_lang

    east = template.docx_font(role)
    rpr = run._element.get_or_add_rPr()
    set_fonts(rpr, east, template.docx_font("latin") if english else east, hint=not english)
    set_lang(rpr, "en-US" if english else "zh-CN", "zh-CN")


class _Writer:
    def __init__(self, template: Any, english: bool) -> None:
        from docx import Document

        self.t = template
        self.en = english
        self.doc = Document()
        self.accent = template.colors.get("accent", "9E1B1B")
        self.muted = template.colors.get("muted", "6B6B6B")

    def run(self, para: Any, text: str, size: float, *, bold: bool = False, color: str | None = None,
            role: str = "song") -> Any:
        from docx.shared import Pt, RGBColor

        r = para.add_run(text)
        r.font.size = Pt(size)
        r.font.bold = bold
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
        _font(r, self.t, role, self.en)
        return r

    def para(self, container: Any = None, *, space_after: float = 3, space_before: float = 0,
             keep_with_next: bool = False) -> Any:
        from docx.shared import Pt

        p = (container or self.doc).add_paragraph()
        p.paragraph_format.space_after = Pt(space_after)
        p.paragraph_format.space_before = Pt(space_before)
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        return p

    def heading(self, text: str) -> None:
        p = self.para(space_before=8, space_after=3, keep_with_next=True)
        self.run(p, text, 12.5, bold=True, color=self.accent, role="hei")

    def table(self, head: list[str] | None, rows: list[list[str]], section_rows: set[int] | None = None) -> None:
        """A plain table; ``section_rows`` are rows holding a section title (first cell, bold)."""
        t = self.doc.add_table(rows=0, cols=len(rows[0]) if rows else len(head or [1]))
        if head:
            cells = t.add_row().cells
            for c, text in zip(cells, head, strict=True):
                self.run(c.paragraphs[0], text, 8.5, bold=True, role="hei")
            _repeat_header(t.rows[0])
        for i, row in enumerate(rows):
            cells = t.add_row().cells
            if section_rows and i in section_rows:
                merged = cells[0].merge(cells[-1])
                self.run(merged.paragraphs[0], row[0], 8.5, bold=True, color=self.accent, role="hei")
                continue
            for c, text in zip(cells, row, strict=True):
                self.run(c.paragraphs[0], text, 8.5)


def _repeat_header(row: Any) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._element.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    tcpr.append(shd)


def _cell_border(cell: Any, color: str) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._element.get_or_add_tcPr()
    borders = tcpr.makeelement(qn("w:tcBorders"), {})
    for side in ("top", "left", "bottom", "right"):
        borders.append(borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "single", qn("w:sz"): "8",
                                                            qn("w:space"): "0", qn("w:color"): color}))
    shd = tcpr.find(qn("w:shd"))
    if shd is not None:
        shd.addprevious(borders)  # schema order: tcBorders before shd
    else:
        tcpr.append(borders)


def _tiles(w: _Writer, view: _view.View, template: Any) -> None:
    cols = 4
    rows = (len(view.tiles) + cols - 1) // cols
    table = w.doc.add_table(rows=rows, cols=cols)
    for i, f in enumerate(view.tiles):
        cell = table.cell(i // cols, i % cols)
        _shade(cell, template.colors.get("figure_bg", "F4EFEA"))
        w.run(cell.paragraphs[0], f.indicator, 8, color="333333", role="hei")
        vp = w.para(cell, space_after=0)
        if f.has_value:
            if f.qualifier_pre:
                w.run(vp, f.qualifier_pre, 9, color=w.accent, role="hei")
            value = f.value.replace(" ", "\u00a0") if w.en else f.value  # never wraps inside number or unit
            w.run(vp, value, 11 if w.en else 16, bold=True, color=w.accent, role="hei")
            if f.unit:
                w.run(vp, f.unit, 9, color=w.accent, role="hei")
            extra = " · ".join(x for x in (f.change, f.rank) if x)
        else:
            w.run(vp, f.change, 11 if w.en else 16, bold=True, color=w.accent, role="hei")
            extra = f.rank
        if extra:
            w.run(w.para(cell, space_after=2), extra, 8, role="hei")


def _figure_table(w: _Writer, view: _view.View) -> None:
    if view.kind != "statistical_bulletin":
        w.table(None, [[f.indicator, f.value_text, f.detail] for f in view.table])
        return
    rows: list[list[str]] = []
    sections: set[int] = set()
    section = None
    for f in view.table:
        if f.section and f.section != section:
            section = f.section
            sections.add(len(rows))
            rows.append([section, "", "", ""])
        rows.append([f.indicator, f.period, f.value_text, f.detail])
    w.table([view.label(k) for k in ("col_indicator", "col_period", "col_value", "col_change")], rows, sections)


def _targets_box(w: _Writer, view: _view.View, role: str) -> None:
    from docx.shared import Cm

    from doctools.writers import _fonts

    row = w.doc.add_table(rows=1, cols=2)
    left, right = row.cell(0, 0), row.cell(0, 1)
    left.width, right.width = Cm(8.4), Cm(8.2)
    _shade(left, "FBF8F5")
    _cell_border(left, w.accent)
    first = True
    for key, items, size in (("targets", view.targets, 9.5), ("goals", view.goals, 8.5 if view.targets else 9.5),
                             ("plan_figures", view.plan, 8.5)):
        if not items:
            continue
        p = left.paragraphs[0] if first else w.para(left, space_before=3, space_after=1)
        w.run(p, view.label(key), 10 if first else 9.5, bold=True, role="hei")
        first = False
        for x in items:
            w.run(w.para(left, space_after=1), x, size)
    if view.chart:
        _fonts.register_role(role)
        d = drawing(view.chart, 300, role=role, labels=view.chart_labels, accent=w.accent,
                    title=view.label("chart_title"))
        with tempfile.TemporaryDirectory() as tmp:
            png = Path(tmp) / "chart.png"
            to_png(d, png)
            right.paragraphs[0].add_run().add_picture(str(png), width=Cm(8.0))


def write_docx(brief: Brief, path: Path, lang: str) -> None:
    """Write the whole brief as DOCX at ``path`` (atomically)."""
    from docx.shared import Mm, Pt

    from doctools.writers import _template

    english = lang.startswith("en")
    template = _template.load(templates_dir() / "brief.toml")
    role = template.style("body").font_role(english)
    view = _view.build(brief, lang)  # no limits: the DOCX is complete
    w = _Writer(template, english)
    sec = w.doc.sections[0]
    pg = template.page
    sec.page_width, sec.page_height = Mm(pg.width_mm), Mm(pg.height_mm)
    sec.left_margin, sec.right_margin = Mm(pg.left_mm), Mm(pg.right_mm)
    sec.top_margin, sec.bottom_margin = Mm(pg.top_mm - 4), Mm(pg.bottom_mm)
    normal = w.doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    src = brief.source
    name = src.path.rsplit("/", 1)[-1]
    set_core(
        w.doc.core_properties,
        title=view.title,
        author="doctools",
        subject=f"Brief of {name or 'the source'}",
        keywords=", ".join(x for x in (name, src.sha256, brief.kind) if x),
        comments=f"source file: {name or '-'}; source SHA-256: {src.sha256 or '-'}; brief made {src.generated}",
        category=brief.kind,
    )

    w.run(w.para(space_after=1), view.title, 18, bold=True, color=w.accent, role="hei")
    w.run(w.para(space_after=6), view.subtitle, 9, color=w.muted, role="hei")
    for n in view.notes:
        w.run(w.para(), n, 8.5, color=w.accent, role="kai")
    if view.tiles:
        w.heading(view.label("figures"))
        _tiles(w, view, template)
        if view.table:
            w.para(space_after=2)
            _figure_table(w, view)
    if view.targets or view.goals or view.plan or view.chart:
        w.para(space_after=2)
        _targets_box(w, view, role)
    if view.tasks:
        w.heading(view.label("measures" if view.kind == "policy" else "tasks"))
        for task in view.tasks:
            who = ("; " if english else "，").join(x for x in (task.deadline, task.responsible) if x)
            p = w.para(space_after=0 if task.points else 3, keep_with_next=bool(task.points))
            w.run(p, f"{task.label}{' ' if english and task.label else ''}{task.gist}", 10, bold=True, role="hei")
            if who:
                w.run(p, f" ({who})" if english else f"（{who}）", 8.5, color=w.muted)
            if task.points:
                pp = w.para(space_after=3)
                pp.paragraph_format.left_indent = Pt(20)
                w.run(pp, ("; " if english else "；").join(task.points), 8.5, color=w.muted)
        if view.tasks_note:
            w.run(w.para(), view.tasks_note, 9, color=w.accent, role="kai")
    if view.steps:
        w.heading(view.label("steps"))
        rows, head, _ = _view.steps_table(view)
        w.table(head, rows)
    for key, items in (("duties", [("", d) for d in view.duties]), ("problems", view.problems),
                       ("summary", [("", s) for s in view.summary])):
        if not items:
            continue
        w.heading(view.label(key))
        for label, text in items:
            pp = w.para(space_after=2)
            w.run(pp, (label + (" " if english else "")) if label else "• ", 10, bold=bool(label), role="hei")
            w.run(pp, text, 10)

    w.run(sec.footer.paragraphs[0], view.footer, 7.5, color=w.muted, role="hei")
    with atomic_path(path) as tmp_path:
        w.doc.save(str(tmp_path))


__all__ = ["write_docx"]
