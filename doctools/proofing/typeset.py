"""A proof-reader's check of a printed PDF: what a typesetting reviewer marks in red.

Why: the writers promise (W3C CLREQ, GB/T 9704 practice) no forbidden line starts or ends,
no name or number split across lines, at most 0.1 em added between characters, no widow
or orphan, no last line under three characters, no heading alone at a page's foot. This
reads any PDF back — ours, or LibreOffice's print of our DOCX — character by character
(PDFium through the PDF reader's :func:`~doctools.readers.pdf.page_glyphs`: glyph boxes
and baselines, no guessing of reading order), rebuilds the physical lines of each page,
maps them onto the paragraphs as the writer set them (:func:`printed_paragraphs`), and
counts each fault with an example.

Why PDFium and not pdfminer.six: the gap between characters is the measure, and
pdfminer.six drops the character spacing (Tc) after the last glyph of each text
operator (its issue #1128), so a justified line whose glyphs come from two font subsets
read 0.197 em where 0.066 em was set.

Used by tests/unit/writers/test_typeset.py and benchmarks/typeset_check.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from doctools.model import Document
from doctools.nobreak import spans
from doctools.proofing.pdftext import is_page_number, plain
from doctools.writers.kinsoku import REQUIRED_NO_END, REQUIRED_NO_START, is_cjk

NUMBER_KINDS = ("number", "latin")
NAME_KINDS = ("name", "title", "phrase")


@dataclass(frozen=True)
class Para:
    """A paragraph as printed: its text, and whether it is a heading set on its own."""

    text: str
    heading: bool = False


def printed_paragraphs(doc: Document, *, note: str | None = None) -> list[Para]:
    """The paragraphs a writer sets for ``doc``: a run-in heading joins its paragraph; the
    truncation ``note`` (when given) closes the list."""
    out: list[Para] = []
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if b.kind == "heading" and b.run_in and nxt is not None and nxt.kind == "paragraph":
            sep = " " if (doc.metadata.language or "").startswith("en") else ""
            out.append(Para(b.full_text + sep + nxt.full_text))
            i += 2
            continue
        out.append(Para(b.full_text, heading=b.kind == "heading"))
        i += 1
    if note:
        out.append(Para(note))
    return [p for p in out if plain(p.text)]


@dataclass(frozen=True)
class Glyph:
    ch: str
    x0: float
    x1: float
    size: float


@dataclass
class PLine:
    page: int
    y: float
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


def read_lines(pdf: Path | str) -> list[list[PLine]]:
    """Physical text lines of each page (glyphs sharing a baseline, left to right)."""
    from doctools.readers.pdf import page_glyphs

    pages: list[list[PLine]] = []
    for pno, glyphs in enumerate(page_glyphs(pdf)):
        chars = sorted(glyphs, key=lambda c: (-round(c.baseline, 1), c.x0))
        lines: list[PLine] = []
        for c in chars:
            y = round(c.baseline, 1)
            if lines and abs(lines[-1].y - y) <= max(2.0, 0.3 * c.em):
                lines[-1].glyphs.append(Glyph(c.text, c.x0, c.x1, c.em))
            else:
                lines.append(PLine(pno, y, [Glyph(c.text, c.x0, c.x1, c.em)]))
        for ln in lines:
            ln.glyphs.sort(key=lambda g: g.x0)
        pages.append([ln for ln in lines if plain(ln.text) and not is_page_number(ln.text)])
    return pages


@dataclass
class Report:
    """Faults found, each with examples (``|`` marks the line break)."""

    lines: int = 0
    paragraphs: int = 0
    unmatched: int = 0  # lines that did not map onto the expected text (should be 0)
    bad_starts: list[str] = field(default_factory=list)
    bad_ends: list[str] = field(default_factory=list)
    split_numbers: list[str] = field(default_factory=list)
    split_names: list[str] = field(default_factory=list)
    max_gap_em: float = 0.0  # largest space between two CJK characters beyond their advances
    max_gap_at: str = ""
    widows: list[str] = field(default_factory=list)  # a paragraph's last line alone atop a page
    orphans: list[str] = field(default_factory=list)  # a paragraph's first line alone at a foot
    short_last: list[str] = field(default_factory=list)  # last lines under three characters
    stranded_headings: list[str] = field(default_factory=list)  # a heading last on a page
    hyphenated: int = 0  # lines ending in a word broken at a hyphenation point (Latin text)

    def counts(self) -> dict[str, float]:
        return {"bad_starts": len(self.bad_starts), "bad_ends": len(self.bad_ends),
                "split_numbers": len(self.split_numbers), "split_names": len(self.split_names),
                "max_gap_em": round(self.max_gap_em, 3), "widows": len(self.widows), "orphans": len(self.orphans),
                "short_last": len(self.short_last), "stranded_headings": len(self.stranded_headings)}


def _index_map(text: str) -> list[int]:
    """Position in ``text`` of each character of ``plain(text)``."""
    return [i for i, ch in enumerate(text) if not (ch.isspace() or ch == "\u2060")]


def check(pdf: Path | str, paragraphs: Sequence[Para], *, traditional: bool = False, min_last: int = 3) -> Report:
    """Check the printed ``pdf`` against the paragraphs it should hold, in order."""
    pages = read_lines(pdf)
    rep = Report(lines=sum(len(p) for p in pages), paragraphs=len(paragraphs))
    flat = [ln for page in pages for ln in page]
    # map lines onto paragraphs: each line consumes the next characters of the text
    targets = [plain(p.text) for p in paragraphs]
    placed: list[list[tuple[PLine, int, int]]] = [[] for _ in paragraphs]
    soft: set[int] = set()  # lines ending in a hyphen the text does not have (a word broken)
    p, off = 0, 0
    for ln in flat:
        t = plain(ln.text)
        while p < len(targets) and off >= len(targets[p]):
            p, off = p + 1, 0
        if p >= len(targets):
            rep.unmatched += 1
            continue
        if t.endswith("-") and not targets[p].startswith(t, off) and targets[p].startswith(t[:-1], off):
            t = t[:-1]
            soft.add(id(ln))
            rep.hyphenated += 1
        if not targets[p].startswith(t, off):
            if off and targets[p + 1:p + 2] and targets[p + 1].startswith(t):
                p, off = p + 1, 0  # the rest of a paragraph went missing: resync
            else:
                rep.unmatched += 1
                continue
        placed[p].append((ln, off, off + len(t)))
        off += len(t)
    owner = {id(ln): k for k, lines in enumerate(placed) for ln, _, _ in lines}
    for para, target, lines in zip(paragraphs, targets, placed, strict=True):
        if not lines:
            continue
        _check_paragraph(rep, para, target, lines, traditional, min_last, soft)
    for page in pages[:-1]:  # a heading must not end a page: what it heads is overleaf
        if page and id(page[-1]) in owner and paragraphs[owner[id(page[-1])]].heading:
            rep.stranded_headings.append(page[-1].text)
    # space added between characters, measured from the glyph boxes: between two glyphs
    # that are neighbours in the paragraph's text (a space of the text itself is not added
    # space, and PDFium may report it as a generated space without a glyph); lines that
    # did not map onto the text are measured glyph by glyph
    for para, lines in zip(paragraphs, placed, strict=True):
        idx = _index_map(para.text)
        for ln, start, _ in lines:
            seen = [g for g in ln.glyphs if plain(g.ch)]
            for k, (a, b) in enumerate(itertools.pairwise(seen)):
                if start + k + 1 < len(idx) and idx[start + k + 1] == idx[start + k] + 1:
                    _gap(rep, a, b, ln)
    for page in pages:
        for ln in page:
            if id(ln) not in owner:
                for a, b in itertools.pairwise(ln.glyphs):
                    _gap(rep, a, b, ln)
    return rep


def _gap(rep: Report, a: Glyph, b: Glyph, ln: PLine) -> None:
    if len(a.ch) == len(b.ch) == 1 and is_cjk(a.ch) and is_cjk(b.ch) and a.ch.isalpha() and b.ch.isalpha():
        gap = (b.x0 - a.x1) / max(a.size, 1.0)
        if gap > rep.max_gap_em:
            rep.max_gap_em, rep.max_gap_at = gap, ln.text


def _check_paragraph(rep: Report, para: Para, target: str, lines: list[tuple[PLine, int, int]],
                     traditional: bool, min_last: int, soft: set[int]) -> None:
    idx = _index_map(para.text)
    # a cut after a hyphenated line is a dictionary break inside a word, not a split span
    cuts = [start for (prev, _, _), (_, start, _) in itertools.pairwise(lines) if id(prev) not in soft]
    for k, (_, start, end) in enumerate(lines):
        seg = target[start:end]
        if k > 0 and seg and seg[0] in REQUIRED_NO_START:
            rep.bad_starts.append(seg[:12])
        if k < len(lines) - 1 and seg and seg[-1] in REQUIRED_NO_END:
            rep.bad_ends.append(seg[-12:])
    for s in spans(para.text, traditional=traditional):
        for cut in cuts:
            if cut >= len(idx):
                continue
            pos = idx[cut]  # first character of the next line, in the paragraph's own text
            if s.start < pos < s.end:
                shown = f"{para.text[s.start:pos]}|{para.text[pos:s.end]}"
                (rep.split_numbers if s.kind in NUMBER_KINDS else rep.split_names).append(shown)
    n = len(lines)
    first, last = lines[0][0], lines[-1][0]
    if n >= 2:
        if last.page != lines[-2][0].page:
            rep.widows.append(target[lines[-1][1]:lines[-1][2]][:16])
        if first.page != lines[1][0].page:
            rep.orphans.append(target[:lines[0][2]][:16])
        tail = target[lines[-1][1]:lines[-1][2]]
        if len(tail) < min_last:
            rep.short_last.append(tail)


def summary(rep: Report) -> str:
    c = rep.counts()
    return " ".join(f"{k}={v}" for k, v in c.items())


__all__ = ["Para", "Report", "check", "printed_paragraphs", "read_lines", "summary"]
