"""Justified English prose (real, public-domain text): hyphenation at dictionary points,
word spaces kept within bounds and even, the text layer whole."""

from __future__ import annotations

from pathlib import Path

from doctools.model import Block, Document, Metadata
from doctools.proofing import pdftext as check
from doctools.proofing import typeset as _typecheck
from doctools.writers import _hyphen, pdf
from doctools.writers._pdflayout import TextBlock

DATA = Path(__file__).parent / "data" / "declaration-1776.txt"


def _doc() -> Document:
    paras = [p.strip() for p in DATA.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    blocks = [Block("b0", "title", "The Declaration of Independence")]
    blocks += [Block(f"b{i}", "paragraph", p) for i, p in enumerate(paras, 1)]
    return Document(Metadata(title="The Declaration of Independence", language="en", edition="en"), tuple(blocks))


def test_hyphenation_points_follow_the_dictionary() -> None:
    text = "the establishment of an absolute Tyranny over these States"
    cuts = _hyphen.points(text)
    assert "-".join(text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)).startswith(
        "the es-tab-lish-ment of an ab-so-lute Tyranny")
    pts = _hyphen.points("usurpations Tyranny GDP 240.516")
    assert pts and all(p < len("usurpations") for p in pts)  # capitalised words, numbers: never
    assert all(2 <= p <= len("usurpations") - 3 for p in pts)


def _stretches(doc: Document, hyphenate: bool) -> list[float]:
    from doctools.writers import _template

    t = _template.for_document("official", "en")
    body = t.style("body")
    out: list[float] = []
    for b in doc.blocks[1:]:
        tb = TextBlock([(b.text, body)], body, english=True)
        if not hyphenate:
            tb.metrics().hyph = [False] * (len(tb.g.text) + 1)
        tb.wrap(t.page.frame_width_pt, 10_000)
        out += [ln.stretch / body.size_pt for ln in tb._lines or [] if not ln.last]
    return out


def test_hyphenation_keeps_word_spaces_tight() -> None:
    doc = _doc()
    with_h, without = _stretches(doc, True), _stretches(doc, False)
    assert max(with_h) <= 0.33  # no loose line: at most a third of an em added per space
    assert max(with_h) < max(without)  # the loosest line is tighter with hyphenation
    assert sum(x**3 for x in with_h) < sum(x**3 for x in without)  # and the spacing more even


def test_english_pdf_reads_back_whole(tmp_path: Path) -> None:
    doc = _doc()
    out = tmp_path / "en.pdf"
    pdf.write(doc, out, template="official")
    # poppler joins a word broken at a line-end hyphen: the text layer equals the source
    assert check.plain("".join(check.text_lines(out))) == check.plain("".join(b.full_text for b in doc.blocks))
    rep = _typecheck.check(out, _typecheck.printed_paragraphs(doc))
    assert rep.unmatched == 0 and rep.hyphenated > 0
    assert rep.split_numbers == [] and rep.widows == [] and rep.orphans == [] and rep.short_last == []
