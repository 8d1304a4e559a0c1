"""DOCX writer (python-docx) with Chinese typography Word and LibreOffice both honour.

What it does, and why (see shared/docs/fonts.md and gbt9704.md for the measurements):
- East Asian fonts in ``w:rFonts/@w:eastAsia`` in docDefaults, every style used and every
  run that switches font; theme font attributes removed (they win over names);
  ``w:themeFontLang/@w:eastAsia`` = zh-CN (the stock template says ja-JP);
- ``w:lang`` zh-CN / zh-TW / en-US from ``doc.metadata.language``;
- the built-in ``Heading 1..n`` styles restyled, not replaced (navigation pane, TOC and
  LibreOffice's PDF bookmarks rely on their outline levels);
- page size, margins and ``docGrid`` (lines, 579 twips for GB/T 9704) from the template;
- odd/even footers with a PAGE field between the template's dashes ("— 1 —");
- ``w:overflowPunct`` on the body style: LibreOffice 7.4 otherwise drops hanging
  punctuation in justified CJK lines;
- the body (``_docxbody``): names, numbers with units and Latin runs kept whole in Word
  and LibreOffice; run-in headings through the style separator (only the heading is in
  the outline); paragraph leads as a bold run; a closing note on a truncated source;
- control, noncharacter and bidi characters removed first, with a notice (``_sanitize``);
- footers without the inherited first-line indent (GB/T 9704 7.5 positions);
- core properties: title, subject, language, creator "doctools", timestamps
  (SOURCE_DATE_EPOCH when set).

``write(doc, path, template="official", reference_docx=None)`` → RenderResult;
``build(doc, ...)`` returns the unsaved document for callers that add their own elements
(the brief): ``built.paragraph(text, "figure")``, ``built.style_run(run, "note")``,
``built.save(path)``. With a
reference DOCX (like pandoc's ``--reference-doc``) its styles, page setup and footers are
kept and only the body, language and core properties are ours.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from doctools.errors import ConfigError, OutputError
from doctools.model import Document
from doctools.nobreak import is_traditional
from doctools.writers._atomic import atomic_path
from doctools.writers._docxbody import Body
from doctools.writers.pdf import (
    RenderResult,
    document_title,
    keywords,
    missing_notices,
    subject_line,
    truncation_note,
)

TWIPS = 20  # per point
_ALIGN = {"left": 0, "center": 1, "right": 2, "justify": 3}


def _lang_tags(language: str) -> tuple[str, str]:
    """(w:val, w:eastAsia) for the document language."""
    low = language.lower()
    if low.startswith("en"):
        return "en-US", "zh-CN"
    if "hant" in low or low in ("zh-tw", "zh-hk"):
        return "zh-TW", "zh-TW"
    return "zh-CN", "zh-CN"


def _timestamp() -> dt.datetime:
    sde = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if sde.isdigit():
        return dt.datetime.fromtimestamp(int(sde), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


class _Styler:
    """Applies template styles to python-docx styles and runs."""

    def __init__(self, template: Any, english: bool, lang: tuple[str, str]) -> None:
        self.t = template
        self.english = english
        self.lang = lang

    def names(self, st: Any) -> tuple[str, str]:
        """(eastAsia name, Latin name) for a template style."""
        east = self.t.docx_font(st.role)
        latin = self.t.docx_font(st.latin_role) if self.english else east
        return east, latin

    def rpr(self, rpr: Any, st: Any, *, size: bool = True) -> None:
        from doctools.writers import _docxml as X

        X.set_fonts(rpr, *self.names(st), hint=not self.english)
        for tag in ("b", "bCs"):
            X.set_val(rpr, tag, "1" if st.bold else "0")
        for tag in ("i", "iCs"):
            X.set_val(rpr, tag, "0")
        X.set_val(rpr, "color", st.color)
        if st.tracking_pt and not self.english and self.t.page.docx_char_spacing_pt:
            X.set_val(rpr, "spacing", str(round(self.t.page.docx_char_spacing_pt * TWIPS)))
        if size:
            X.set_val(rpr, "sz", str(round(st.size_pt * 2)))
            X.set_val(rpr, "szCs", str(round(st.size_pt * 2)))
        X.set_lang(rpr, *self.lang)

    def paragraph(self, pf: Any, ppr: Any, st: Any, body_like: bool = False) -> None:
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        from doctools.writers import _docxml as X

        pf.alignment = _ALIGN.get(st.align, 3)
        pf.first_line_indent = Pt(st.first_indent_chars * st.size_pt)
        pf.left_indent = Pt(st.left_indent_chars * st.size_pt)
        pf.right_indent = Pt(st.right_indent_chars * st.size_pt)
        pf.space_before = Pt(st.space_before_pt)
        pf.space_after = Pt(st.space_after_pt)
        pf.line_spacing = Pt(st.leading_pt)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.keep_with_next = st.keep_with_next
        pf.page_break_before = st.page_break_before
        pf.widow_control = True  # no line of a paragraph alone at a page's head or foot (the grid holds)
        X.set_val(ppr, "overflowPunct", "1", order="p")
        body = self.t.style("body")
        if not body_like and (st.leading_pt != body.leading_pt or st.size_pt != body.size_pt):
            X.set_val(ppr, "snapToGrid", "0", order="p")  # a 22 pt title must not take 2 grid lines

    def style(self, doc: Any, name: str, st: Any, *, base: str | None = "Normal") -> Any:
        from docx.enum.style import WD_STYLE_TYPE

        styles = doc.styles
        try:
            s = styles[name]
        except KeyError:
            s = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if base:
                s.base_style = styles[base]
        s.hidden = False
        s.quick_style = True
        from doctools.writers import _docxml as X

        ppr = s.element.get_or_add_pPr()
        X.remove(ppr, "pBdr")  # the stock Title has a rule under it
        self.paragraph(s.paragraph_format, ppr, st, body_like=name == "Normal")
        self.rpr(s.element.get_or_add_rPr(), st)
        return s

    def run(self, run: Any, st: Any) -> None:
        self.rpr(run._r.get_or_add_rPr(), st)


def _setup_document(d: Any, t: Any, sty: _Styler, lang: tuple[str, str]) -> dict[str, Any]:
    """Restyle docDefaults and the styles we use; page setup, grid, footers."""
    from docx.shared import Mm

    from doctools.writers import _docxml as X

    styles_root = d.styles.element
    X.strip_theme(styles_root)
    body = t.style("body")
    rpr_default = styles_root.find(X.qn("w:docDefaults")).find(X.qn("w:rPrDefault")).find(X.qn("w:rPr"))
    sty.rpr(rpr_default, body)
    used = {"body": sty.style(d, "Normal", body, base=None)}
    used["title"] = sty.style(d, "Title", t.style("title"))
    used["subtitle"] = sty.style(d, "Subtitle", t.style("subtitle"))
    used["salutation"] = sty.style(d, "Salutation", t.style("salutation"))
    used["closing"] = sty.style(d, "Closing", t.style("closing"))
    used["list_item"] = sty.style(d, "List Paragraph", t.style("list_item"))
    used["source_note"] = sty.style(d, "Source Note", t.style("source_note"))
    for level in range(1, 7):
        used[f"heading{level}"] = sty.style(d, f"Heading {level}", t.style(f"heading{level}"))

    sec = d.sections[0]
    p = t.page
    sec.page_width, sec.page_height = Mm(p.width_mm), Mm(p.height_mm)
    sec.top_margin, sec.bottom_margin = Mm(p.top_mm), Mm(p.bottom_mm)
    sec.left_margin, sec.right_margin = Mm(p.left_mm), Mm(p.right_mm)
    sect = sec._sectPr
    grid = sect.find(X.qn("w:docGrid"))
    if grid is None:
        grid = X.OxmlElement("w:docGrid")
        sect.append(grid)
    if p.grid_lines and p.line_pitch_pt:
        grid.set(X.qn("w:type"), "lines")
        grid.set(X.qn("w:linePitch"), str(round(p.line_pitch_pt * TWIPS)))
    else:
        for a in ("w:type", "w:linePitch", "w:charSpace"):
            if grid.get(X.qn(a)) is not None:
                del grid.attrib[X.qn(a)]
    _footers(d, t, sty)
    settings = d.settings.element
    _forbidden_chars(settings, lang[1])
    tfl = settings.find(X.qn("w:themeFontLang"))
    if tfl is not None:
        tfl.set(X.qn("w:val"), "en-US" if sty.english else lang[0])
        tfl.set(X.qn("w:eastAsia"), lang[1])
    return used


def _forbidden_chars(settings: Any, east_asia: str) -> None:
    """Kinsoku lists in settings.xml (Word's and LibreOffice's own lists miss ”’…— etc.)."""
    from doctools.writers import _docxml as X
    from doctools.writers.kinsoku import NO_END, NO_START

    anchor = settings.find(X.qn("w:characterSpacingControl"))
    for tag, chars in (("noLineBreaksBefore", NO_START), ("noLineBreaksAfter", NO_END)):
        X.remove(settings, tag)
        el = X.OxmlElement(f"w:{tag}")
        el.set(X.qn("w:lang"), east_asia)
        el.set(X.qn("w:val"), "".join(sorted(c for c in chars if not c.isspace() and c != "\u00a0")))
        if anchor is not None:
            anchor.addnext(el)
            anchor = el
        else:
            settings.append(el)


def _footers(d: Any, t: Any, sty: _Styler) -> None:
    from docx.shared import Mm, Pt

    from doctools.writers import _docxml as X

    pn = t.page_number
    if pn is None:
        return
    sec = d.sections[0]
    sec.footer_distance = Mm(max(t.page.bottom_mm - pn.below_mm - pn.size_pt / 72 * 25.4 * 1.2, 5))
    from doctools.writers._template import Style

    st = Style(name="page_number", role=pn.role, latin_role=pn.role, size_pt=pn.size_pt,
               leading_pt=pn.size_pt * 1.2, align="left")
    before, _, after = pn.format.partition("{n}")
    outside = pn.position == "outside"
    d.settings.odd_and_even_pages_header_footer = outside
    targets = [(sec.footer, "right" if pn.position in ("outside", "right") else "center")]
    if outside:
        targets.append((sec.even_page_footer, "left"))
    try:  # the stock Footer style inherits Normal's 2-character first-line indent
        d.styles["Footer"].paragraph_format.first_line_indent = Pt(0)
    except KeyError:
        pass
    for footer, align in targets:
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        para.alignment = _ALIGN[align]
        para.paragraph_format.first_line_indent = Pt(0)  # GB/T 9704 7.5: one character in, no more
        indent = Pt(pn.indent_chars * pn.size_pt)
        if align == "right":
            para.paragraph_format.right_indent = indent
        elif align == "left":
            para.paragraph_format.left_indent = indent
        r1 = para.add_run(before)
        sty.run(r1, st)
        X.add_field(para, "PAGE", "1", r1._r.rPr)
        r2 = para.add_run(after)
        sty.run(r2, st)


def _clear_body(d: Any) -> None:
    from docx.oxml.ns import qn

    body = d.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)


class Built:
    """A python-docx document being built from a doctools Document (see :func:`build`).

    ``docx`` is the python-docx Document; ``style_run(run, "figure")`` sets a run in one of
    the template's styles (fonts incl. eastAsia, size, colour, lang); ``paragraph(text,
    "heading1")`` appends a paragraph in the matching Word style. ``save(path)`` is atomic.
    """

    def __init__(self, d: Any, template: Any, styler: _Styler, used: dict[str, Any]) -> None:
        self.docx = d
        self.template = template
        self._styler = styler
        self._used = used

    def style_run(self, run: Any, style: str) -> None:
        self._styler.run(run, self.template.style(style))

    def paragraph(self, text: str, style: str = "body") -> Any:
        para = self.docx.add_paragraph(style=self._used.get(style, self._used["body"]))
        run = para.add_run(text)
        if style not in self._used:
            self.style_run(run, style)
            self._styler.paragraph(para.paragraph_format, para._p.get_or_add_pPr(), self.template.style(style))
        return para

    def save(self, path: Path | str) -> Path:
        out = Path(path)
        with atomic_path(out) as tmp:
            try:
                self.docx.save(str(tmp))
            except OSError as exc:
                raise OutputError(f"{out}: cannot write ({exc})") from exc
        return out


def build(doc: Document, **options: Any) -> tuple[Built, dict[str, list[str]], list[Any]]:
    """The DOCX for ``doc``, not yet saved: (Built, missing chars, notices).

    Options: template, reference_docx, author, subject (as :func:`write`).
    """
    import docx

    from doctools.writers import _template
    from doctools.writers._sanitize import sanitize
    from doctools.writers.pdf import resolve_template

    doc, cleaned = sanitize(doc, "render.docx")
    language = doc.metadata.language or "und"
    english = _template.is_english(language)
    t = resolve_template(doc, options.get("template"))
    ref = options.get("reference_docx") or t.reference_docx
    lang = _lang_tags(language)
    sty = _Styler(t, english, lang)
    try:
        d = docx.Document(str(ref)) if ref else docx.Document()
    except Exception as exc:  # python-docx raises several types for a bad package
        raise ConfigError(f"{ref}: not a usable reference DOCX ({type(exc).__name__})") from exc
    if ref:
        _clear_body(d)
        names = {s.name for s in d.styles}
        used = {k: d.styles[n] for k, n in _REF_STYLES.items() if n in names}
        used.setdefault("body", d.styles["Normal"])
        for k in ("title", "subtitle", "salutation", "closing", "list_item", "source_note",
                  *[f"heading{n}" for n in range(1, 7)]):
            used.setdefault(k, used["body"])
    else:
        used = _setup_document(d, t, sty, lang)
    missing, notices = missing_notices(doc, "render.docx")
    notices = cleaned + notices
    Body(d, t, sty, used, english=english, traditional=is_traditional(language)).add(doc, truncation_note(doc))

    from doctools.writers._docxml import set_core

    meta = doc.metadata
    now = _timestamp()
    set_core(
        d.core_properties,
        title=document_title(doc),
        subject=options.get("subject") or meta.extra.get("subject") or subject_line(doc),
        author=options.get("author") or "doctools",  # dc:creator
        last_modified_by="doctools",
        language=lang[0] if english else lang[1],
        keywords=", ".join(keywords(doc)),
        comments="Generated by doctools",
        created=now, modified=now, last_printed=now, revision=1,
    )
    return Built(d, t, sty, used), missing, notices


def write(doc: Document, path: Path | str, **options: Any) -> RenderResult:
    """Render ``doc`` as DOCX at ``path``. Options: template, reference_docx, author, subject."""
    built, missing, notices = build(doc, **options)
    out = built.save(path)
    return RenderResult(out, pages=0, missing=missing, notices=notices, template=built.template.name)


_REF_STYLES = {
    "body": "Normal", "title": "Title", "subtitle": "Subtitle", "salutation": "Salutation",
    "closing": "Closing", "list_item": "List Paragraph", "source_note": "Source Note",
    **{f"heading{n}": f"Heading {n}" for n in range(1, 7)},
}

__all__ = ["Built", "build", "write"]
