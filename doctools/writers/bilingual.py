"""Bilingual review output: a two-column table, source | translation, aligned by block id.

Why: reviewers of a machine translation (memoQ multi-column RTF, Trados bilingual Word)
read source and target side by side; alignment is by block id, which every edition keeps,
so no heuristics are needed. A block with a severe QA flag is marked in the id column.

DOCX via python-docx (East Asian font set on each run so Word picks the CJK face); PDF via
reportlab with the shipped fonts and per-character fallback runs from
:mod:`doctools.writers._fonts` (nothing drawn blank). Both are written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from doctools.errors import ConfigError
from doctools.model import Block, Document
from doctools.writers._atomic import atomic_path


def rows(source: Document, english: Document, qa: Any = None) -> list[tuple[str, str, str, str]]:
    """(block id, kind, source text, English text) in source order; '' where a side lacks it."""
    en = {b.id: b for b in english.blocks}
    severe: set[str] = set()
    for f in getattr(qa, "flags", None) or []:
        if getattr(f, "severity", "") == "severe":
            severe.add(f.block_id)
    out: list[tuple[str, str, str, str]] = []
    for b in source.blocks:
        e: Block | None = en.get(b.id)
        mark = f"{b.id} !" if b.id in severe else b.id
        out.append((mark, b.kind, b.full_text, e.full_text if e else ""))
    return out


def write_bilingual(source: Document, english: Document, path: Path | str, *, qa: Any = None) -> Path:
    """Write the two-column review file; the suffix (.docx or .pdf) picks the format."""
    p = Path(path)
    table = rows(source, english, qa)
    title = english.metadata.title or source.metadata.title
    if p.suffix.lower() == ".docx":
        _docx(table, title, p)
    elif p.suffix.lower() == ".pdf":
        _pdf(table, title, p)
    else:
        raise ConfigError(f"{p}: bilingual output must be .docx or .pdf")
    return p


def _docx(table: list[tuple[str, str, str, str]], title: str, path: Path) -> None:
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    from doctools.writers import _fonts
    from doctools.writers._docxml import set_fonts

    cjk, latin = _fonts.family("song"), _fonts.family("latin")
    d = Docx()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, m, Cm(1.8))

    def put(cell: Any, text: str, bold: bool = False) -> None:
        para = cell.paragraphs[0]
        run = para.add_run(text)
        run.bold = bold
        run.font.size = Pt(10)
        set_fonts(run._element.get_or_add_rPr(), cjk, latin, hint=False)

    head = d.add_paragraph()
    head_run = head.add_run(title or "Bilingual review")
    head_run.bold = True
    head_run.font.size = Pt(14)
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("id", "source", "translation"), strict=True):
        put(cell, text, bold=True)
    for bid, kind, zh, en in table:
        cells = t.add_row().cells
        bold = kind in ("title", "heading")
        put(cells[0], bid)
        put(cells[1], zh, bold)
        put(cells[2], en, bold)
    for row in t.rows:
        for cell, width in zip(row.cells, (Cm(2.2), Cm(11.9), Cm(11.9)), strict=True):
            cell.width = width
    with atomic_path(path) as tmp:
        d.save(str(tmp))


def _markup(text: str, role: str, bold: bool = False) -> str:
    from doctools.writers import _fonts

    return "".join(f'<font name="{_fonts.register(name)}">{escape(chunk)}</font>'
                   for name, chunk in _fonts.runs(text, role, bold))


def _pdf(table: list[tuple[str, str, str, str]], title: str, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from doctools.writers import _fonts

    base = _fonts.register_role("song")
    zh_style = ParagraphStyle("zh", fontName=base, fontSize=9.5, leading=14, wordWrap="CJK")
    en_style = ParagraphStyle("en", fontName=_fonts.register_role("latin"), fontSize=9.5, leading=13)
    id_style = ParagraphStyle("id", fontName=_fonts.register_role("latin"), fontSize=7.5, leading=10)
    title_style = ParagraphStyle("title", fontName=base, fontSize=14, leading=20)
    data = [[Paragraph("id", id_style), Paragraph(_markup("source", "latin"), en_style),
             Paragraph(_markup("translation", "latin"), en_style)]]
    for bid, kind, zh, en in table:
        strong = kind in ("title", "heading")
        zh_m, en_m = _markup(zh, "song", strong), _markup(en, "latin", strong)
        data.append([Paragraph(escape(bid), id_style), Paragraph(zh_m, zh_style), Paragraph(en_m, en_style)])
    width = landscape(A4)[0] - 3.6 * cm
    half = (width - 2.2 * cm) / 2
    tbl = LongTable(data, colWidths=[2.2 * cm, half, half], repeatRows=1, splitInRow=1)
    tbl.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
    ]))
    with atomic_path(path) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=landscape(A4), leftMargin=1.8 * cm, rightMargin=1.8 * cm,
                                topMargin=1.8 * cm, bottomMargin=1.8 * cm, title=title or "Bilingual review",
                                initialFontName=_fonts.register_role("latin"), initialFontSize=10)
        doc.build([Paragraph(_markup(title or "Bilingual review", "song"), title_style), Spacer(1, 8), tbl])


__all__ = ["rows", "write_bilingual"]
