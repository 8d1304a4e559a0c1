"""Measure PDF text-extraction libraries on CJK documents: CER against the known text, and time.

Why this script: the PDF reader's library was chosen by these numbers (see the docstring of
doctools/readers/pdf.py). The corpus is built here, as in the round-trip tests: doctools'
``official`` and ``report`` editions of the example and of every tests/data/corpus report,
LibreOffice's PDF of doctools' DOCX of the example, and Chromium's print of its web page.
Each library's plain text dump is compared with the source text, whitespace removed and page
numbers dropped for all alike. Real PDFs fetched for measurement (never committed) can be
added as ``PDF=EXPECTED.txt`` arguments.

Run (pdfminer.six and pdfplumber are not doctools dependencies)::

    .venv/bin/pip install pdfminer.six pdfplumber
    .venv/bin/python tests/unit/readers/measure_pdf_libraries.py [real.pdf=real.txt ...]
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formats_support import SOURCES, chromium_pdf, doctools_pdf, libreoffice, source_model

from doctools.convert.quality import edit_distance

_PAGE_NUMBER = re.compile(r"^\s*[-—–－]*\s*\d+\s*[-—–－]*\s*$")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", "".join(ln for ln in text.splitlines() if not _PAGE_NUMBER.match(ln)))


def _pypdf(p: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(p).pages)


def _pdfminer(p: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(p))


def _pdfplumber(p: Path) -> str:
    import pdfplumber

    with pdfplumber.open(p) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pypdfium2(p: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(p)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def _doctools(p: Path) -> str:
    from doctools.readers import read_path

    return "\n".join(b.text for b in read_path(p).blocks)


LIBRARIES: dict[str, Callable[[Path], str]] = {
    "pypdfium2": _pypdfium2, "pypdf": _pypdf, "pdfminer.six": _pdfminer, "pdfplumber": _pdfplumber,
    "doctools reader": _doctools,
}


def corpus() -> list[tuple[Path, str]]:
    def text(name: str) -> str:
        return "\n".join(b.full_text for b in source_model(name).blocks)

    out = [(doctools_pdf(n, t), text(n)) for n in sorted(SOURCES) for t in ("official", "report")]
    out.append((libreoffice("haizhu-2022", "pdf"), text("haizhu-2022")))
    out.append((chromium_pdf("haizhu-2022", "plain"), text("haizhu-2022")))
    return out


def main(args: list[str]) -> None:
    cases = corpus() + [(Path(a.split("=")[0]), Path(a.split("=")[1]).read_text(encoding="utf-8")) for a in args]
    for name, extract in LIBRARIES.items():
        errors = chars = 0
        seconds = 0.0
        try:
            for pdf, expected in cases:
                t = time.perf_counter()
                got = extract(pdf)
                seconds += time.perf_counter() - t
                want = _norm(expected)
                errors += edit_distance(_norm(got), want)
                chars += len(want)
        except ImportError:
            print(f"{name:16s} not installed")
            continue
        print(f"{name:16s} CER {errors / chars:.3%} ({errors}/{chars})  {seconds:6.1f} s for {len(cases)} PDFs")


if __name__ == "__main__":
    main(sys.argv[1:])
