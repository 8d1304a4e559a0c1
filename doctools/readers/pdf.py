"""PDF reader (text layer): pages → lines → paragraphs, page furniture removed as Edits.

Why pypdfium2 (PDFium, BSD-3/Apache-2.0; PyMuPDF is AGPL and out): measured on the 20
PDFs of the round-trip corpus (doctools' ``official`` and ``report`` editions of the
example and the eight corpus reports, LibreOffice's and Chromium's print of the example)
against the source text, whitespace removed and page numbers dropped for all alike:

==============  ===========  ===============  =====================================
library         CER          time (20 PDFs)   note
==============  ===========  ===============  =====================================
pypdfium2 5.15  0.000 %      0.5 s            also right on Chromium's Type 3 fonts
pypdf 7.1       0.524 %      9.5 s            Kangxi radicals (⼯ for 工) from Chromium
pdfminer.six    0.542 %     11.6 s            same, plus reading-order slips
pdfplumber      0.532 %     14.7 s            built on pdfminer.six
==============  ===========  ===============  =====================================

PDFium also gives each glyph's loose box and baseline, which is all the layout analysis
needs (``_pdflines``: rows, columns, spaces; ``_pdfpara``: furniture, paragraphs).

What the model gets: one raw paragraph block per rebuilt paragraph (``orig`` = its PDF
lines joined by newlines, ``lines`` = their numbers in reading order over the whole
document, furniture included, ``attrs['page']``), the furniture removals as ``read.pdf``
Edits, and the document properties in ``Metadata.extra`` (``pdf.title``, ``pdf.author``,
``pdf.subject``, ``pdf.creator``, ``pdf.producer``, ``pdf.created``, ``pdf.modified`` as
ISO 8601, ``pdf.pages``); the title also becomes ``Metadata.title`` unless it is a file
name (``Microsoft Word - 文档1.docx``). The cleaner's title line, when found, wins.

One-line InputErrors: not a PDF, damaged, password-protected, zero pages, more than
:data:`MAX_PAGES` pages or :data:`MAX_CHARS` characters, no text layer (scanned), a text
layer without a Unicode map. Pages without text among pages with text are kept out with a
warning Notice naming them.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
from pathlib import Path
from typing import Any

from doctools.errors import InputError
from doctools.model import Block, Document, Metadata, Notice
from doctools.readers._pdflines import Char, page_lines
from doctools.readers._pdfpara import STEP, rebuild

NAME = "pdf"
SUFFIXES = (".pdf",)

MAX_PAGES = 2000
MAX_CHARS = 4_000_000
TAIL_BYTES = 8192  # where the %%EOF marker of a complete PDF must stand
UNMAPPED_SHARE = 0.5  # more glyphs than this without Unicode: the text layer is unusable

_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?")
_ZERO_PAGES = re.compile(rb"/Count\s+0\b")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")
_FILE_TITLE = re.compile(r"(?i)^(microsoft (word|powerpoint|excel) - )|\.(docx?|wps|rtf|odt|pdf|txt|html?)$")
_PROPERTIES = (("Title", "pdf.title"), ("Author", "pdf.author"), ("Subject", "pdf.subject"),
               ("Creator", "pdf.creator"), ("Producer", "pdf.producer"),
               ("CreationDate", "pdf.created"), ("ModDate", "pdf.modified"))


def _iso_date(value: str) -> str:
    """``D:20220105093000+08'00'`` → ``2022-01-05T09:30:00+08:00``; other text unchanged."""
    m = _DATE.match(value.strip())
    if not m:
        return value.strip()
    y, mo, d, h, mi, s, tz = m.groups()
    out = f"{y}-{mo or '01'}-{d or '01'}"
    if h:
        out += f"T{h}:{mi or '00'}:{s or '00'}"
        if tz:
            out += "Z" if tz in "Zz" else f"{tz[:3]}:{tz.replace(chr(39), '')[3:5] or '00'}"
    return out


def _open(data: bytes, source: str) -> Any:
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{source}: not a PDF file (no %PDF header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # PDFium's error code is process-wide and not reset on every failure: the bytes decide
        if b"/Encrypt" in data:
            raise InputError(f"{source}: encrypted PDF (a password is needed to open it)") from exc
        if _ZERO_PAGES.search(data) and not _PAGE_OBJECT.search(data):
            raise InputError(f"{source}: the PDF has no pages") from exc
        raise InputError(f"{source}: damaged PDF ({exc})") from exc


def _metadata(pdf: Any) -> dict[str, str]:
    try:
        props = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # a broken Info dictionary costs the properties, not the text
        props = {}
    extra: dict[str, str] = {}
    for key, name in _PROPERTIES:
        value = str(props.get(key, "")).replace("\x00", "").strip()
        if value:
            extra[name] = _iso_date(value) if key.endswith("Date") else value
    return extra


def _chars(textpage: Any, *, hyphens: bool = False) -> tuple[list[Char], int]:
    """The page's glyphs (PDFium's generated spaces and line breaks left out) and how many
    of them have no Unicode value. A hyphen drawn at a line's end, which PDFium reports as
    U+0002 (a word broken there), is left out too, or with ``hyphens`` kept as "-"."""
    import pypdfium2.raw as c

    raw = textpage.raw
    count = c.FPDFText_CountChars(raw)
    rect = c.FS_RECTF()
    matrix = c.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    out: list[Char] = []
    unmapped = 0
    pending = 0
    fonts: dict[int, str] = {}
    name_buf = ctypes.create_string_buffer(256)
    for i in range(count):
        if c.FPDFText_IsGenerated(raw, i):
            continue
        u = c.FPDFText_GetUnicode(raw, i)
        if 0xD800 <= u <= 0xDBFF:  # a high surrogate: the character is completed by the next
            pending = u
            continue
        if 0xDC00 <= u <= 0xDFFF and pending:
            u = 0x10000 + ((pending - 0xD800) << 10) + (u - 0xDC00)
        pending = 0
        if u == 0x02 and hyphens:
            u = 0x2D
        elif u in (0x0D, 0x0A, 0x02, 0x03):
            continue
        if u == 0 or u in (0xFFFD, 0xFFFE, 0xFFFF) or c.FPDFText_HasUnicodeMapError(raw, i) == 1:
            unmapped += 1
            continue
        if not c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect)):
            continue
        c.FPDFText_GetCharOrigin(raw, i, ctypes.byref(ox), ctypes.byref(oy))
        text = chr(u)
        if ord(text) < 0x20 and not text.isspace():
            continue
        size = c.FPDFText_GetFontSize(raw, i)
        if c.FPDFText_GetMatrix(raw, i, ctypes.byref(matrix)):
            size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        out.append(Char(text, rect.left, rect.right, rect.bottom, rect.top, oy.value,
                        _font(raw, i, fonts, name_buf), size))
    return out, unmapped


def _font(raw: Any, i: int, cache: dict[int, str], buf: Any) -> str:
    """The base font name of glyph ``i`` without its subset tag (``ABCDEF+``): several
    subsets of one face are one font for the layout rules."""
    import pypdfium2.raw as c

    obj = c.FPDFText_GetTextObject(raw, i)
    font = c.FPDFTextObj_GetFont(obj) if obj else None
    key = ctypes.cast(font, ctypes.c_void_p).value or 0 if font else 0
    name = cache.get(key)
    if name is None:
        size = c.FPDFFont_GetBaseFontName(font, buf, len(buf)) if font else 0
        raw_name = buf.raw[: max(0, min(size, len(buf)) - 1)].decode("latin-1") if size else ""
        name = cache[key] = re.sub(r"^[A-Z]{6}\+", "", raw_name)
    return name


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as c

    return any(True for _ in page.get_objects(filter=[c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def read(data: bytes, *, source: str) -> Document:
    """Open, read every page's lines, rebuild paragraphs; InputError on unreadable PDFs."""
    import pypdfium2 as pdfium

    if not data.strip():
        raise InputError(f"{source}: empty file")
    if b"%PDF-" in data[:1024] and b"%%EOF" not in data[-TAIL_BYTES:]:  # PDFium would read what is left
        raise InputError(f"{source}: damaged PDF (truncated: no %%EOF marker at the end)")
    pdf = _open(data, source)
    try:
        pages = len(pdf)
        if pages == 0:
            raise InputError(f"{source}: the PDF has no pages")
        if pages > MAX_PAGES:
            raise InputError(f"{source}: {pages} pages is more than the {MAX_PAGES}-page limit (MAX_PAGES)")
        extra = _metadata(pdf)
        extra["pdf.pages"] = str(pages)
        encrypted = pdfium.raw.FPDF_GetSecurityHandlerRevision(pdf.raw) >= 0
        if encrypted:
            extra["pdf.encrypted"] = "yes (readable without a password)"
        all_lines = []
        blank_scans: list[int] = []
        total = unmapped_total = 0
        for n in range(pages):
            try:
                page = pdf[n]
            except pdfium.PdfiumError as exc:
                raise InputError(f"{source}: damaged PDF (page {n + 1} cannot be read)") from exc
            try:
                width = page.get_width()
                textpage = page.get_textpage()
                try:
                    chars, unmapped = _chars(textpage)
                finally:
                    textpage.close()
                if not chars and _has_image(page):
                    blank_scans.append(n + 1)
            finally:
                page.close()
            total += len(chars)
            unmapped_total += unmapped
            if total > MAX_CHARS:
                raise InputError(f"{source}: more than {MAX_CHARS:,} characters (MAX_CHARS); split the PDF")
            all_lines.append(page_lines(n + 1, chars, width))
    except pdfium.PdfiumError as exc:
        raise InputError(f"{source}: damaged PDF ({exc})") from exc
    finally:
        pdf.close()
    if total == 0 and unmapped_total == 0:
        raise InputError(f"{source}: no text layer (scanned?); OCR is not supported")
    if unmapped_total > UNMAPPED_SHARE * (total + unmapped_total):
        raise InputError(f"{source}: the text layer has no Unicode map for {unmapped_total} of "
                         f"{total + unmapped_total} glyphs (fonts without ToUnicode); OCR is not supported")
    return _document(all_lines, extra, blank_scans, data, source)


def page_glyphs(path: Path | str) -> list[list[Char]]:
    """Every page's glyphs where PDFium sets them (line-end hyphens included), for tools
    that measure a print (``doctools.proofing.typeset``). PDFium follows ISO 32000 §9.4.4 (character spacing is added
    after every glyph, also the last one a text operator shows), which pdfminer.six does not
    (pdfminer.six issue #1128): a line drawn in several operators comes out shifted there."""
    data = Path(path).read_bytes()
    pdf = _open(data, str(path))
    try:
        out: list[list[Char]] = []
        for n in range(len(pdf)):
            page = pdf[n]
            try:
                textpage = page.get_textpage()
                try:
                    out.append(_chars(textpage, hyphens=True)[0])
                finally:
                    textpage.close()
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def _document(all_lines: list[Any], extra: dict[str, str], scans: list[int], data: bytes, source: str) -> Document:
    paras, edits = rebuild(all_lines)
    blocks = tuple(
        Block(id=f"b{p.lines[0]}", kind="paragraph", text=p.text, orig="\n".join(p.raw),
              lines=tuple(p.lines), attrs={"page": str(p.page)})
        for p in paras if p.text.strip()
    )
    notices: list[Notice] = []
    if scans:
        shown = ", ".join(map(str, scans[:20])) + (" …" if len(scans) > 20 else "")
        notices.append(Notice(STEP, "warning", f"page(s) {shown} have no text layer (scanned?): "
                                               "their content is missing; OCR is not supported"))
    title = extra.get("pdf.title", "")
    meta = Metadata(
        title="" if not title or _FILE_TITLE.search(title) else title,
        source_path=source, source_sha256=hashlib.sha256(data).hexdigest(), encoding="pdf", extra=extra,
    )
    return Document(metadata=meta, blocks=blocks, edits=tuple(edits), notices=tuple(notices))


__all__ = ["MAX_CHARS", "MAX_PAGES", "NAME", "SUFFIXES", "page_glyphs", "read"]
