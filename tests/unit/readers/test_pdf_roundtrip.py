"""Round trip: every edition PDF doctools prints, and prints of the same text by other producers,
reads back into the text it was made from.

The corpus: the example and every document of tests/data/corpus/ (raw → clean → Simplified →
PDF → read back → clean), each with the ``official`` and the ``report`` template; the body
text must be equal after whitespace (CER 0) and the headings at the same levels; the
reader alone (before the cleaner) must give back the paragraphs as printed. A visible
end note that editions of truncated sources carry ("原文至此中断") is not source text and is
left out of the comparison. Other producers: LibreOffice Writer's PDF export of doctools'
DOCX, and Chromium's print of a web page of the text, set four ways (ragged, justified,
paragraphs spaced instead of indented, two columns).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_support import (
    CHROMIUM_CSS,
    SOURCES,
    block_list,
    body_text,
    chromium_pdf,
    doctools_pdf,
    headings,
    libreoffice,
    source_model,
    squeeze,
    text_route,
)

from doctools.clean import clean
from doctools.convert.quality import edit_distance
from doctools.model import Block, Document, Metadata
from doctools.readers import read_path

pytestmark = pytest.mark.slow


def _read_back(path: Path) -> Document:
    return clean(read_path(path))


def _check(name: str, pdf: Path, *, blocks_too: bool) -> None:
    src, back, txt = source_model(name), _read_back(pdf), text_route(name)
    want, got = body_text(src), body_text(back)
    assert edit_distance(got, want) == 0, f"{pdf.name}: text differs"
    assert headings(back) == headings(txt), f"{pdf.name}: headings differ from the text route"
    if blocks_too:  # paragraphs rebuilt exactly where the printed text had them
        assert block_list(back) == block_list(txt)


@pytest.mark.parametrize("template", ["official", "report"])
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_doctools_editions_read_back_to_their_source(name: str, template: str) -> None:
    _check(name, doctools_pdf(name, template), blocks_too=True)


@pytest.mark.parametrize("template", ["official", "report"])
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_doctools_editions_read_back_paragraph_for_paragraph(name: str, template: str) -> None:
    """The reader alone, before the cleaner: one block per paragraph as the writer set it
    (a run-in heading shares its paragraph's lines), in order, text equal."""
    from doctools.proofing import typeset as _typecheck
    from doctools.writers import pdf

    src = source_model(name)
    printed = [squeeze(p.text) for p in _typecheck.printed_paragraphs(src, note=pdf.truncation_note(src))]
    assert [squeeze(b.text) for b in read_path(doctools_pdf(name, template)).blocks] == printed


@pytest.mark.parametrize("name", ["haizhu-2022", "cn-gov-report-2022"])
def test_libreoffice_pdf_of_doctools_docx_reads_back(name: str) -> None:
    # blocks: LibreOffice wraps the 2022 occasion line, leaving "上" centred on a line of its
    # own, which no layout rule can tell from a speaker line under it: text and headings hold
    _check(name, libreoffice(name, "pdf"), blocks_too=name == "haizhu-2022")


@pytest.mark.parametrize("style", sorted(CHROMIUM_CSS))
def test_chromium_prints_read_back(style: str) -> None:
    _check("haizhu-2022", chromium_pdf("haizhu-2022", style), blocks_too=True)


def test_chromium_print_of_a_corpus_report_reads_back() -> None:
    _check("cn-gov-report-2019", chromium_pdf("cn-gov-report-2019", "justified"), blocks_too=True)


def test_read_back_keeps_properties_and_records_page_numbers_as_edits() -> None:
    raw = read_path(doctools_pdf("haizhu-2022", "official"))
    extra = raw.metadata.extra
    assert extra["pdf.title"] == "海珠区2022年政府工作报告" == raw.metadata.title
    assert extra["pdf.producer"].startswith("doctools") and extra["pdf.created"][:2] == "20"
    assert int(extra["pdf.pages"]) > 10
    numbers = [e for e in raw.edits if e.step == "read.pdf" and e.action == "remove"]
    assert len(numbers) == int(extra["pdf.pages"])  # one "— n —" per page, nothing else
    assert all(e.rule.startswith("readers/pdf_layout.tsv:") and e.line for e in numbers)
    assert [e.before.replace(" ", "").strip("—") for e in numbers[:3]] == ["1", "2", "3"]
    assert not any(" " in b.text for b in raw.blocks if "海珠" in b.text[:4])


def test_the_truncation_end_note_is_left_out_of_the_comparison(tmp_path: Path) -> None:
    from doctools.writers import pdf

    src = source_model("cn-gov-report-2009")  # an opening only: the cleaner says it is cut short
    assert "source.truncated" in src.metadata.extra
    out = tmp_path / "noted.pdf"
    pdf.write(src, out, template="official")
    back = _read_back(out)
    assert back.blocks[-1].text.strip("（）") == "原文至此中断"  # printed, read back…
    assert body_text(back) == body_text(src) and block_list(back) == block_list(src)  # …and not compared
    assert body_text(Document(Metadata(), (Block("x", "paragraph", "原文至此中断。正文"),))) != ""
