"""Every corpus report (and the example in both scripts) through the PDF writer, read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.model import Document
from doctools.proofing import pdftext as check
from doctools.writers import pdf

ROOT = Path(__file__).resolve().parents[3]
CORPUS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))

pytestmark = pytest.mark.slow  # ~1 s per report; the file takes longer than a quick test


def _check(doc: Document, out: Path) -> None:
    result = pdf.write(doc, out, template="official")
    assert result.missing == {}
    assert check.plain("".join(check.text_lines(out))) == check.printed(doc)  # with a closing note if cut short
    report = check.kinsoku(out, [b.full_text for b in doc.blocks])
    assert report.ok, (report.bad_starts[:3], report.bad_ends[:3])
    titles = sum(1 for b in doc.blocks if b.kind == "title")
    assert len(check.outline(out)) == len(doc.headings()) + titles
    assert all(f.embedded and f.subset for f in check.fonts(out))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name.split(".")[0] for p in CORPUS])
def test_corpus_report_simplified(path: Path, tmp_path: Path) -> None:
    from doctools.convert import to_simplified
    from doctools.pipeline import load_clean

    _check(to_simplified(load_clean(path)), tmp_path / "r.pdf")


def test_example_traditional_edition(tmp_path: Path) -> None:
    from doctools.pipeline import load_clean

    doc = load_clean(ROOT / "examples" / "haizhu-2022.raw.txt")
    assert doc.metadata.language == "zh-Hant"
    _check(doc, tmp_path / "t.pdf")
    assert check.metadata(tmp_path / "t.pdf")["Lang"] == "zh-TW"
