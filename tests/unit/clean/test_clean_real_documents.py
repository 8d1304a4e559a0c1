"""The cleaner on real government reports damaged like scraped pages (tests/data/clean).

Each input is a real State Council report (see tests/data/clean/SOURCES.md) put through
OpenCC s2twp and three different site styles of damage by make_dirty.py, which records
the ground truth. The cleaner must remove exactly the chrome and the duplicated copy,
recover the document's structure as read by hand (expected.tsv), and give back the
converted source text, character for character modulo width and whitespace.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from doctools.clean import clean
from doctools.clean._text import fold
from doctools.model import Document
from doctools.pipeline import load
from doctools.tables import load_table

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "clean"
EXPECTED = {r.cells[0]: r.cells for r in load_table(DATA / "expected.tsv").rows}
SLUGS = sorted(EXPECTED)


@cache
def cleaned(slug: str) -> tuple[Document, Document]:
    raw = load(DATA / f"{slug}.raw.txt")
    return raw, clean(raw)


@cache
def s2twp(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("s2twp").convert(text))


def truth(slug: str) -> dict[str, list[int]]:
    data: dict[str, list[int]] = json.loads((DATA / f"{slug}.truth.json").read_text(encoding="utf-8"))
    return data


def test_there_are_at_least_three_documents() -> None:
    assert len(SLUGS) >= 3


def test_inputs_are_current() -> None:
    """The damaged files are what make_dirty.py makes from the sources."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_dirty", DATA / "make_dirty.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--check"]) == 0


@pytest.mark.parametrize("slug", SLUGS)
def test_chrome_and_duplicates_removed_exactly(slug: str) -> None:
    _, doc = cleaned(slug)
    t = truth(slug)
    assert sorted(e.line for e in doc.edits if e.step == "clean.chrome") == t["chrome_lines"]
    assert sorted(e.line for e in doc.edits if e.step == "clean.duplicates") == t["duplicate_lines"]


@pytest.mark.parametrize("slug", SLUGS)
def test_structure_recovered(slug: str) -> None:
    _, doc = cleaned(slug)
    _, title, subtitles, salutation, h1, h2, first_h1 = EXPECTED[slug]
    assert doc.metadata.title == title
    assert doc.blocks[0].kind == "title"
    assert sum(1 for b in doc.blocks if b.kind == "subtitle") == int(subtitles)
    assert [b.text for b in doc.blocks if b.kind == "salutation"] == [salutation]
    assert len(doc.headings(1)) == int(h1)
    assert len(doc.headings(2)) == int(h2)
    assert doc.headings(1)[0].full_text == first_h1


@pytest.mark.parametrize("slug", SLUGS)
def test_text_recovered(slug: str) -> None:
    """Model text == s2twp(source), modulo width and whitespace: nothing lost, nothing extra."""
    _, doc = cleaned(slug)
    source = (DATA / f"{slug}.source.txt").read_text(encoding="utf-8")
    want = fold(s2twp(source))
    assert "".join(fold(b.full_text) for b in doc.blocks) == want


@pytest.mark.parametrize("slug", SLUGS)
def test_punctuation_and_script(slug: str) -> None:
    _, doc = cleaned(slug)
    cjk = r"[\u4e00-\u9fff]"
    for b in doc.blocks:
        assert not re.search(rf"{cjk}\s*[,:;!?()]|[,:;!?()]\s*{cjk}", b.full_text), (b.id, b.full_text)
    assert (doc.metadata.script, doc.metadata.language) == ("Hant", "zh-Hant")


@pytest.mark.parametrize("slug", SLUGS)
def test_idempotent(slug: str) -> None:
    _, doc = cleaned(slug)
    assert clean(doc) == doc


CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "corpus"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.raw.txt")), ids=lambda p: p.name)
def test_evaluation_corpus_when_present(path: Path) -> None:
    """The other helper's evaluation corpus (if present): chrome gone, text equal to truth."""
    doc = clean(load(path))
    truth_path = path.with_name(path.name.replace(".raw.txt", ".zhs.txt"))
    texts = [b.full_text for b in doc.blocks]
    assert not {"基本介紹", "相關詞條", "熱門詞條", "聯絡我們"} & set(texts)
    if truth_path.exists():
        want = fold(s2twp(truth_path.read_text(encoding="utf-8")))
        got = "".join(fold(t) for t in texts)
        assert got == want
