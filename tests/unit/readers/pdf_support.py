"""Glyph-by-glyph PDFs for the reader tests (reportlab canvas with a shipped CJK font)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from formats_support import ROOT, source_model

FONT = "NotoSerifSC"
A4 = (595.0, 842.0)


def paras(n: int) -> list[str]:
    """Real paragraphs of the example (Simplified), a different pair for every page."""
    ps = [b.text for b in source_model("haizhu-2022").blocks if b.kind == "paragraph" and 60 < len(b.text) < 400]
    return ps[2 * n: 2 * n + 2]


BODY = ("现在，我代表区人民政府，向大会报告政府工作，请予审议，并请政协委员和其他列席人员提出意见。"
        "过去一年，我们坚持稳中求进工作总基调，全力推动经济社会高质量发展，实现良好开局。"
        "实现地区生产总值2405.16亿元，同比增长9.3%，增速高于全国、省、市，位居全市第3。")


def canvas(buf: Any, **kw: Any) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas as rl_canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf")))
    return rl_canvas.Canvas(buf, pagesize=A4, **kw)


def paragraph(c: Any, text: str, x: float, y: float, width: float, size: float = 12.0) -> float:
    """Draw ``text`` as a paragraph filling ``width`` points, first line indented two ems,
    as a word processor sets it (ragged right); returns the next baseline."""
    c.setFont(FONT, size)
    line, indent = "", 2 * size
    for ch in text:
        if line and c.stringWidth(line + ch, FONT, size) > width - indent:
            c.drawString(x + indent, y, line)
            y -= size * 1.5
            line, indent = "", 0.0
        line += ch
    c.drawString(x + indent, y, line)
    return y - size * 1.5


def pdf(draw: Callable[[Any, int], None], pages: int = 1, **kw: Any) -> bytes:
    buf = io.BytesIO()
    c = canvas(buf, **kw)
    for n in range(1, pages + 1):
        draw(c, n)
        c.showPage()
    c.save()
    return buf.getvalue()


def image_page(c: Any, n: int) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (200, 100), 255)
    for x in range(20, 180):
        img.putpixel((x, 50), 0)
    c.drawImage(ImageReader(img), 72, 600, 400, 200)




__all__ = ["A4", "BODY", "FONT", "canvas", "image_page", "paragraph", "paras", "pdf"]
