"""Measure main-text extractors on saved encyclopedia pages built from text copies.

Not a test (pytest does not collect it); run by hand:
``.venv/bin/python tests/unit/readers/measure_html_extractors.py``. Needs trafilatura and
readability-lxml installed (they are NOT doctools dependencies; this script is why).

For each text copy (the example and every ``tests/data/corpus/*.raw.txt``) a page is built
with ``conftest.encyclopedia_page``; each extractor's lines are turned into a raw Document
and cleaned, and compared with the cleaned text copy: share of the text copy's blocks
recovered exactly (in order, difflib matching blocks), exact equality, and leaked page
furniture (blocks not in the text copy).
"""

from __future__ import annotations

import difflib
import hashlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reader_pages import EXAMPLE, ROOT, encyclopedia_page  # noqa: E402

from doctools.clean import clean  # noqa: E402
from doctools.readers import html as html_reader  # noqa: E402
from doctools.readers import txt  # noqa: E402
from doctools.readers.txt import document_from_lines  # noqa: E402


def _ours(page: str) -> list[str]:
    return html_reader.extract_lines(page)[0]


def _trafilatura(page: str) -> list[str]:
    import trafilatura

    out = trafilatura.extract(page, favor_recall=True, include_tables=True, include_comments=False) or ""
    return out.splitlines()


def _readability(page: str) -> list[str]:
    from readability import Document

    return html_reader.extract_lines(Document(page).summary())[0]


def _blocks(lines: list[str]) -> list[str]:
    doc = document_from_lines(lines, source="x", sha256=hashlib.sha256(b"").hexdigest(), encoding="utf-8")
    return [b.full_text for b in clean(doc).blocks]


def main() -> None:
    copies = [EXAMPLE, *sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))]
    extractors = {"doctools.readers.html": _ours, "trafilatura": _trafilatura, "readability-lxml": _readability}
    for name, fn in extractors.items():
        recovered = total = leaked = exact = 0
        t0 = time.perf_counter()
        for path in copies:
            raw = path.read_text(encoding="utf-8")
            want = [b.full_text for b in clean(txt.read(raw.encode("utf-8"), source=str(path))).blocks]
            got = _blocks(fn(encyclopedia_page(raw)))
            sm = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
            hit = sum(m.size for m in sm.get_matching_blocks())
            recovered += hit
            total += len(want)
            leaked += len(got) - hit
            exact += got == want
        secs = time.perf_counter() - t0
        print(f"{name:24s} blocks recovered {recovered}/{total} ({recovered / total:.1%}), "
              f"extra blocks {leaked}, identical documents {exact}/{len(copies)}, {secs:.2f}s")


if __name__ == "__main__":
    main()
