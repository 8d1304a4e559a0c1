"""The brief as DOCX (python-docx): the same View as the PDF, Word-native.

Number tiles are a shaded 4-column table, the targets a bordered one-cell box, the chart a
PNG of the same reportlab Drawing (``chart.to_png``: renderPM, else PDF → pdftoppm), the
footer (source file, SHA-256, date) in the section footer. East-Asian fonts are written to
``w:rFonts/@w:eastAsia`` on every run (python-docx's ``font.name`` alone does not), with
names from ``templates/brief.toml``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from doctools.brief import _view
from doctools.brief.chart import drawing, to_png
from doctools.brief.model import Brief
from doctools.resources import templates_dir
from doctools.writers._atomic import atomic_path


def _font(run: Any, template: Any, role: str, english: bool) -> None:
    from docx.oxml.ns import qn

    east = template.docx_font(role)
    latin = template.docx_font("latin") if english else east
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east)
    lang = rpr.makeelement(qn("w:lang"), {qn("w:eastAsia"): "zh-CN", qn("w:val"): "en-US" if english else "zh-CN"})
    rpr.append(lang)


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

    def para(self, container: Any = None, *, space_after: float = 3, space_before: float = 0) -> Any:
        from docx.shared import Pt

        p = (container or self.doc).add_paragraph()
        p.paragraph_format.space_after = Pt(space_after)
        p.paragraph_format.space_before = Pt(space_before)
        return p

    def heading(self, text: str) -> None:
        p = self.para(space_before=8, space_after=3)
        p.paragraph_format.keep_with_next = True
        self.run(p, text, 12.5, bold=True, color=self.accent, role="hei")


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


def write_docx(brief: Brief, path: Path, lang: str) -> None:
    """Write the brief as DOCX at ``path`` (atomically)."""
    from docx.shared import Cm, Mm, Pt

    from doctools.writers import _fonts, _template

    english = lang.startswith("en")
    template = _template.load(templates_dir() / "brief.toml")
    view = _view.build(brief, lang, max_goals=8)
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
    w.doc.core_properties.title = view.title
    w.doc.core_properties.author = "doctools"

    p = w.para(space_after=1)
    w.run(p, view.title, 18, bold=True, color=w.accent, role="hei")
    p = w.para(space_after=6)
    w.run(p, view.subtitle, 9, color=w.muted, role="hei")
    for n in view.notes:
        w.run(w.para(), n, 8.5, color=w.accent, role="kai")

    if view.tiles:
        w.heading(view.label("figures"))
        cols = 4
        rows = (len(view.tiles) + cols - 1) // cols
        table = w.doc.add_table(rows=rows, cols=cols)
        for i, f in enumerate(view.tiles):
            cell = table.cell(i // cols, i % cols)
            _shade(cell, template.colors.get("figure_bg", "F4EFEA"))
            cp = cell.paragraphs[0]
            w.run(cp, f.indicator, 8, color="333333", role="hei")
            vp = w.para(cell, space_after=0)
            if f.has_value:
                if f.qualifier_pre:
                    w.run(vp, f.qualifier_pre, 9, color=w.accent, role="hei")
                w.run(vp, f.value, 12 if english else 16, bold=True, color=w.accent, role="hei")
                if f.unit:
                    w.run(vp, f.unit, 9, color=w.accent, role="hei")
                extra = " · ".join(x for x in (f.change, f.rank) if x)
            else:
                w.run(vp, f.change, 12 if english else 16, bold=True, color=w.accent, role="hei")
                extra = f.rank
            if extra:
                w.run(w.para(cell, space_after=2), extra, 8, role="hei")
        if view.table:
            w.para(space_after=2)
            t2 = w.doc.add_table(rows=0, cols=3)
            for f in view.table:
                cells = t2.add_row().cells
                for c, text in zip(cells, (f.indicator, f.value_text, f.detail), strict=True):
                    w.run(c.paragraphs[0], text, 8.5)

    if view.targets or view.goals or view.plan or view.chart:
        w.para(space_after=2)
        row = w.doc.add_table(rows=1, cols=2)
        left, right = row.cell(0, 0), row.cell(0, 1)
        left.width, right.width = Cm(8.4), Cm(8.2)
        _shade(left, "FBF8F5")
        _cell_border(left, w.accent)
        w.run(left.paragraphs[0], view.label("targets"), 10, bold=True, role="hei")
        for x in view.targets:
            w.run(w.para(left, space_after=1), x, 9.5)
        if view.goals:
            w.run(w.para(left, space_before=3, space_after=1), view.label("goals"), 9.5, bold=True, role="hei")
            for x in view.goals:
                w.run(w.para(left, space_after=0), x, 8.5)
        if view.plan:
            w.run(w.para(left, space_before=3, space_after=1), view.label("plan_figures"), 9.5, bold=True,
                  role="hei")
            for x in view.plan:
                w.run(w.para(left, space_after=0), x, 8.5)
        if view.chart:
            font = _fonts.register_role("hei")
            d = drawing(view.chart, 300, font=font, labels=view.chart_labels,
                        accent=w.accent, title=view.label("chart_title"))
            with tempfile.TemporaryDirectory() as tmp:
                png = Path(tmp) / "chart.png"
                to_png(d, png)
                right.paragraphs[0].add_run().add_picture(str(png), width=Cm(8.0))

    if view.tasks:
        w.heading(view.label("tasks"))
        for label, gist, points in view.tasks:
            w.run(w.para(space_after=0), f"{label}{' ' if english else ''}{gist}", 10, bold=True, role="hei")
            if points:
                pp = w.para(space_after=3)
                pp.paragraph_format.left_indent = Pt(20)
                w.run(pp, ("; " if english else "；").join(points), 8.5, color=w.muted)
        if view.tasks_note:
            w.run(w.para(), view.tasks_note, 9, color=w.accent, role="kai")
    if view.problems:
        w.heading(view.label("problems"))
        for label, text in view.problems:
            pp = w.para(space_after=2)
            w.run(pp, label + (" " if english else ""), 10, bold=True, role="hei")
            w.run(pp, text, 10)
    if view.summary:
        w.heading(view.label("summary"))
        for s in view.summary:
            w.run(w.para(), s, 10)

    fp = sec.footer.paragraphs[0]
    w.run(fp, view.footer, 7, color=w.muted, role="hei")
    w.run(sec.footer.add_paragraph(), view.footer_hash, 7, color=w.muted, role="hei")
    with atomic_path(path) as tmp_path:
        w.doc.save(str(tmp_path))


__all__ = ["write_docx"]
