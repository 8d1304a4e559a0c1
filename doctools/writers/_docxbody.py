"""The body of a DOCX: blocks → paragraphs and runs that print the same in Word and LibreOffice.

Why a module of its own (the look lives in docx.py's styles; this is the text):

- **No-break spans stay whole.** LibreOffice breaks Chinese text between *any* two
  characters of a zh-CN run except its forbidden-character lists — inside 2405.16, 38%,
  COVID-19, 习近平 (measured: 16 split numbers and 5 split names on the example). A span
  from ``doctools.nobreak`` (names, titles, set phrases, numbers with units, Latin runs) becomes
  its own run whose language is en-US (LibreOffice then uses the Unicode line breaker,
  which keeps digits and letters together) with U+2060 WORD JOINER between characters
  where a CJK character would still allow a break (6⁠亿⁠元, 习⁠近⁠平), and after hyphens and
  slashes (in headings only in their last three characters: their text is what the
  outline and a TOC show). A paragraph's last three characters are such a span too, so
  no last line holds fewer (LibreOffice and Word have no setting for it). Word keeps
  Latin words and numbers whole by its own rule and honours the joiner.
  Readers' PDFs carry no joiner (LibreOffice does not draw it).
- **Run-in headings through the style separator** (Word's own answer): the heading is its
  own Heading-style paragraph whose mark is hidden with ``w:vanish`` + ``w:specVanish``,
  followed by the body paragraph; Word sets both on one line and only the heading is in
  the navigation pane, a TOC and the PDF bookmarks. Both paragraphs have the body's layout,
  so whichever paragraph's mark governs the joined line, it looks the same. (LibreOffice 7.4
  does not implement ``specVanish``: it prints the heading on a line of its own.)
- **A truncated source** ends with the template's ``source_note`` paragraph.
"""

from __future__ import annotations

import itertools
from typing import Any

from doctools import nobreak
from doctools.model import Block, Document
from doctools.writers.kinsoku import is_cjk

WJ = "\u2060"
MIN_LAST = 3  # a paragraph's last line holds at least this many characters (CLREQ practice)


def _with_tail(text: str, found: list[tuple[int, int]], tail: int) -> list[tuple[int, int]]:
    """``found`` spans plus one over the last ``tail`` visible characters (merged with any
    span it overlaps)."""
    seen, start = 0, len(text)
    while start > 0 and seen < tail:
        start -= 1
        if not text[start].isspace():
            seen += 1
    if seen < tail or " " in text[start:].strip():
        return found  # too short to matter, or Latin words: breaks at spaces stay
    keep = [(a, b) for a, b in found if b <= start]
    start = min([start, *(a for a, b in found if b > start)])
    return [*keep, (start, len(text.rstrip()))]


def _joined(token: str) -> str:
    """``token`` with a word joiner wherever a line breaker could still split it."""
    out = [token[0]]
    for prev, ch in itertools.pairwise(token):
        if is_cjk(prev) or is_cjk(ch) or prev in "-/":
            out.append(WJ)
        out.append(ch)
    return "".join(out)


class Body:
    """Adds a document's blocks to a python-docx Document (see the module docstring)."""

    def __init__(self, d: Any, t: Any, sty: Any, used: dict[str, Any], *, english: bool, traditional: bool) -> None:
        self.d, self.t, self.sty, self.used = d, t, sty, used
        self.english = english
        self.traditional = traditional
        self._sect = d.element.body.sectPr  # found once: each lookup scans every child of the body

    def paragraph(self, style: Any) -> Any:
        """A new body paragraph in ``style``. Why not ``Document.add_paragraph``: it looks the
        section properties up among all the body's children for every paragraph it inserts —
        quadratic in the length of the document (40k paragraphs: minutes); here each is put
        before them directly."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        if self._sect is not None:
            self._sect.addprevious(p)
        else:
            self.d.element.body.append(p)
        if style.style_id != "Normal":  # by id: python-docx's setter searches every style each time
            p.get_or_add_pPr().style = style.style_id
        return Paragraph(p, self.d._body)

    # -- runs ------------------------------------------------------------------------
    def text(self, para: Any, text: str, style: Any | None, *, tail: int = 0, joiners: bool = True) -> None:
        """Append ``text`` as runs (in template style ``style``, None: the paragraph's);
        ``tail``: its last ``tail`` visible characters are kept on one line too (so a
        paragraph's last line never holds fewer). ``joiners=False`` (headings: their text
        is the outline's and a TOC's) keeps the spans as en-US runs without joiners, but for
        the tail."""
        from doctools.writers import _docxml as X

        pieces: list[tuple[str, bool, bool]] = []  # text, a no-break span, with joiners
        if self.english:
            pieces = [(text, False, False)]
        else:
            at = 0
            found = [(s.start, s.end) for s in nobreak.spans(text, traditional=self.traditional)]
            if tail:
                found = _with_tail(text, found, tail)
            for start, end in found:
                if start > at:
                    pieces.append((text[at:start], False, False))
                last = bool(tail) and end >= len(text.rstrip())
                pieces.append((text[start:end], True, joiners or last))
                at = end
            if at < len(text):
                pieces.append((text[at:], False, False))
        for piece, token, join in pieces:
            run = para.add_run(_joined(piece) if join else piece)
            if style is not None:
                self.sty.run(run, style)
            if token:
                rpr = run._r.get_or_add_rPr()
                X.set_lang(rpr, "en-US", "en-US")

    # -- blocks ----------------------------------------------------------------------
    def add(self, doc: Document, note: str | None) -> None:
        blocks = doc.blocks
        used = self.used
        i = 0
        while i < len(blocks):
            b: Block = blocks[i]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if b.kind == "heading":
                key = f"heading{min(b.level or 1, 6)}"
                para = self.paragraph(used[key])
                if b.run_in and nxt is not None and nxt.kind == "paragraph":
                    self._run_in(para, b, nxt)
                    i += 2
                    continue
                self.text(para, b.full_text, None, joiners=False, tail=MIN_LAST)
            elif b.kind == "paragraph":
                self.body_runs(self.paragraph(used["body"]), b)
            else:
                para = self.paragraph(used[b.kind if b.kind in used else "body"])
                self.text(para, b.full_text, None, tail=MIN_LAST)
            i += 1
        if note:
            para = self.paragraph(used.get("source_note", used["body"]))
            self.text(para, note, None)

    def _run_in(self, heading: Any, b: Block, body: Block) -> None:
        """Heading paragraph + style separator + body paragraph (see the module docstring)."""
        from doctools.writers import _docxml as X

        layout = self.t.style("body")
        sep = " " if self.english and not b.full_text.endswith(" ") else ""
        self.text(heading, b.full_text + sep, None, joiners=False)  # the body goes on: no tail
        ppr = heading._p.get_or_add_pPr()
        self.sty.paragraph(heading.paragraph_format, ppr, layout, body_like=True)
        heading.paragraph_format.keep_with_next = True
        mark = X.ppr_child(ppr, "rPr")
        X.rpr_child(mark, "vanish")
        X.rpr_child(mark, "specVanish")
        self.body_runs(self.paragraph(self.used["body"]), body)

    def body_runs(self, para: Any, b: Block) -> None:
        body = self.t.style("body")
        plain_normal = self.used["body"].name == "Normal"  # body paragraphs are in the body style
        if b.lead:
            rest = b.text[len(b.lead):]
            self.text(para, b.lead, self.t.style("lead"), tail=0 if rest else MIN_LAST)
            if rest:
                self.text(para, rest, body, tail=MIN_LAST)
        else:
            self.text(para, b.text, None if plain_normal else body, tail=MIN_LAST)


__all__ = ["WJ", "Body"]
