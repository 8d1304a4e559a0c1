"""The brief's one chart: growth rates of the headline figures, as reportlab graphics.

Why growth rates: they are the numbers a brief compares (briefing practice: one chart
where numbers compare). Values are taken from ``Figure.change`` only (signed: 下降 is
negative), so the chart can never show a number the figures do not. The same Drawing goes
into the PDF as vector graphics and into the DOCX as a PNG: reportlab's renderPM when its
backend is installed, otherwise the Drawing is written as a one-page PDF and rasterised
with poppler's ``pdftoppm`` (the path used on this machine: renderPM needs rlPyCairo).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from doctools.brief.model import Brief
from doctools.errors import OutputError


def chart_data(brief: Brief, limit: int = 10) -> list[tuple[str, float]]:
    """(indicator, signed percent change) of the figures that state a percentage change."""
    out = []
    for f in brief.figures:
        pct = f.change_pct
        if pct is not None and f.indicator:
            out.append((f.indicator, pct))
    return out[:limit]


def _runs_string(text: str, x: float, y: float, role: str, size: float, color: Any, anchor: str = "start") -> Any:
    """``text`` as a Group of Strings, each run in the font of ``role`` that has its
    characters (per-character fallback, like the body text): an English label keeps the
    text's family and a Chinese name inside it still shows."""
    from reportlab.graphics.shapes import Group, String

    from doctools.writers import _fonts

    runs = _fonts.runs(text, role)
    widths = [_text_width(t, f, size) for f, t in runs]
    total = sum(widths)
    start = x - total if anchor == "end" else x
    g = Group()
    for (fnt, t), w in zip(runs, widths, strict=True):
        g.add(String(start, y, t, fontName=fnt, fontSize=size, fillColor=color))
        start += w
    return g


def drawing(
    data: list[tuple[str, float]],
    width: float,
    *,
    role: str,
    labels: list[str] | None = None,
    accent: str = "9E1B1B",
    muted: str = "6B6B6B",
    title: str = "",
) -> Any:
    """A horizontal bar chart Drawing set in the font family of the text (``role``, the
    body's role for the language); ``labels`` replace the category names (English)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor

    from doctools.writers import _fonts

    font = _fonts.register_role(role)
    values = [d[1] for d in data]
    names_in = labels or [d[0] for d in data]
    label_w = min(width * 0.55, max(60.0, max((_runs_width(n, role, 7.5) for n in names_in), default=60.0) + 6))
    wrapped = [wrap_label(n, font, 7.5, label_w - 6, role=role) for n in names_in]
    row = max(15.0, LABEL_LEADING * max((len(w) for w in wrapped), default=1) + 3)
    title_h = 16.0 if title else 0.0
    height = title_h + row * max(1, len(data)) + 22
    d = Drawing(width, height)
    if title:
        d.add(_runs_string(title, 0, height - 11, role, 9, HexColor("#" + muted)))
    bc = HorizontalBarChart()
    bc.x, bc.y = label_w, 16
    bc.width = width - label_w - 28
    bc.height = row * max(1, len(data))
    bc.data = [list(reversed(values))]
    bc.categoryAxis.categoryNames = ["" for _ in data]  # names are drawn below, run by run
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.strokeColor = HexColor("#" + muted)
    bc.categoryAxis.joinAxisMode = "left"  # labels stay left of the plot even with negative bars
    lo = min([0.0, *values])
    hi = max([0.0, *values])
    # a negative bar's label stands left of its end: leave it room (a third of the positive span at least)
    bc.valueAxis.valueMin = min(lo * 2.5, -0.3 * hi) if lo < 0 else 0
    bc.valueAxis.valueMax = hi * 1.18 if hi > 0 else 1
    bc.valueAxis.labels.fontName = font
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.strokeColor = HexColor("#" + muted)
    bc.valueAxis.visibleGrid = True
    bc.valueAxis.gridStrokeColor = HexColor("#DDDDDD")
    bc.bars[0].fillColor = HexColor("#" + accent)
    bc.bars[0].strokeColor = None
    bc.barWidth = 9
    bc.groupSpacing = 6
    bc.barLabelFormat = _fmt
    bc.barLabels.fontName = font
    bc.barLabels.fontSize = 7
    bc.barLabels.boxAnchor = "w"
    bc.barLabels.dx = 3
    for i, v in enumerate(reversed(values)):
        if v < 0:  # a negative bar's label goes left of its end
            bc.barLabels[(0, i)].boxAnchor = "e"
            bc.barLabels[(0, i)].dx = -3
    d.add(bc, name="bars")  # d.bars.data: what tests compare with the figures
    slot = bc.height / max(1, len(data))
    text_color = HexColor("#1A1A1A")
    for k, lines in enumerate(wrapped):
        centre = bc.y + bc.height - slot * (k + 0.5)
        top = centre + (len(lines) - 1) * LABEL_LEADING / 2 - 2.6
        for j, line in enumerate(lines):
            d.add(_runs_string(line, label_w - 3, top - j * LABEL_LEADING, role, 7.5, text_color, anchor="end"))
    return d


def _runs_width(text: str, role: str, size: float) -> float:
    from doctools.writers import _fonts

    return sum(_text_width(t, f, size) for f, t in _fonts.runs(text, role))


def _fmt(v: float) -> str:
    return f"{v:g}%"


LABEL_LEADING = 8.0  # 7.5 pt labels, set tight: a wrapped label stays within its bar row
MAX_LABEL_LINES = 3


def wrap_label(text: str, font: str, size: float, width: float, max_lines: int = MAX_LABEL_LINES,
               role: str | None = None) -> list[str]:
    """A category label as lines no wider than ``width``: broken between words (English) or
    characters (Chinese); only text beyond ``max_lines`` lines is cut, with an ellipsis.
    With ``role``, widths are measured run by run in the role's fonts."""
    def _w(t: str, f: str, s: float) -> float:
        return _runs_width(t, role, s) if role is not None else _text_width(t, f, s)

    if _w(text, font, size) <= width:
        return [text]
    units = text.split(" ") if " " in text.strip() else list(text)
    sep = " " if " " in text.strip() else ""
    lines: list[str] = []
    cur = ""
    for u in units:
        trial = f"{cur}{sep}{u}" if cur else u
        if cur and _w(trial, font, size) > width:
            lines.append(cur)
            cur = u
        else:
            cur = trial
    lines.append(cur)
    lines = [ln if _w(ln, font, size) <= width else _fit(ln, font, size, width) for ln in lines]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _fit(sep.join(lines[max_lines - 1:]) + " …", font, size, width)]
    return lines


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The label, cut with an ellipsis when it is wider than the label column."""
    if _text_width(text, font, size) <= width:
        return text
    while text and _text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _text_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def to_png(d: Any, path: Path, dpi: int = 200) -> str:
    """Write the Drawing as PNG; returns which path was used ("renderPM" or "pdftoppm")."""
    try:
        from reportlab.graphics import renderPM

        renderPM.drawToFile(d, str(path), fmt="PNG", dpi=dpi)
        return "renderPM"
    except Exception:  # renderPM needs a backend (rlPyCairo / _renderPM) that may be absent
        pass
    from reportlab.graphics import renderPDF

    exe = shutil.which("pdftoppm")
    if exe is None:
        raise OutputError("cannot render the chart as PNG: neither reportlab renderPM nor pdftoppm is available")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "chart.pdf"
        renderPDF.drawToFile(d, str(pdf))
        stem = Path(tmp) / "chart"
        proc = subprocess.run([exe, "-png", "-r", str(dpi), "-singlefile", str(pdf), str(stem)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise OutputError(f"pdftoppm failed on the chart: {proc.stderr.strip()[:200]}")
        path.write_bytes(stem.with_suffix(".png").read_bytes())
    return "pdftoppm"




def flowable(d: Any, role: str) -> Any:
    """The Drawing as a platypus flowable that never names Helvetica.

    renderPDF starts every drawing with ``STATE_DEFAULTS['fontName']`` (Helvetica, an
    unembedded base-14 font); the flowable swaps in the embedded face of ``role`` while it draws.
    """
    from reportlab.graphics import renderPDF, shapes
    from reportlab.platypus.flowables import Flowable

    from doctools.writers import _fonts

    font = _fonts.register_role(role)

    class _Chart(Flowable):  # type: ignore[misc]  # reportlab ships no types: Flowable is Any
        def __init__(self) -> None:
            super().__init__()
            self.drawing = d
            self.width, self.height = d.width, d.height

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            old = shapes.STATE_DEFAULTS["fontName"]
            shapes.STATE_DEFAULTS["fontName"] = font
            try:
                renderPDF.draw(self.drawing, self.canv, 0, 0)
            finally:
                shapes.STATE_DEFAULTS["fontName"] = old

    return _Chart()


__all__ = ["chart_data", "drawing", "flowable", "to_png"]
