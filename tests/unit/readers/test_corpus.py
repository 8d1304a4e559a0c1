"""The evaluation corpus is consistent: facts occur verbatim, sources are named, raw is current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from doctools.tables import load_table

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
DOCS = sorted(p.name[: -len(".zhs.txt")] for p in CORPUS.glob("*.zhs.txt"))
FACTS = sorted(CORPUS.glob("facts/*.tsv"))
KINDS = {"figure", "target", "task", "problem", "responsible", "deadline"}


def test_corpus_is_not_empty() -> None:
    assert len(DOCS) >= 4
    assert FACTS


@pytest.mark.parametrize("slug", DOCS)
def test_document_has_source_and_raw(slug: str) -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert f"| {slug} |" in sources, f"{slug} has no row in SOURCES.md"
    text = (CORPUS / f"{slug}.zhs.txt").read_text(encoding="utf-8")
    assert len(text) >= 3000
    assert (CORPUS / f"{slug}.raw.txt").exists()


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_every_fact_occurs_verbatim(path: Path) -> None:
    doc = CORPUS / f"{path.stem}.zhs.txt"
    assert doc.exists(), f"facts for a missing document: {path.name}"
    text = doc.read_text(encoding="utf-8")
    table = load_table(path, min_cols=2)
    assert table.header.get("columns", "").startswith("kind")
    for row in table.rows:
        kind, fact = row.cells[0], row.cells[1]
        assert kind in KINDS, f"{row.ref}: unknown kind {kind!r}"
        assert fact in text, f"{row.ref}: {fact!r} not in {doc.name}"


def _make_raw_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_raw", CORPUS / "make_raw.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses need the module registered
    spec.loader.exec_module(mod)
    return mod


def test_raw_files_are_what_make_raw_writes() -> None:
    mod = _make_raw_module()
    cc = mod._converter()
    for slug in DOCS:
        zhs = (CORPUS / f"{slug}.zhs.txt").read_text(encoding="utf-8")
        res = mod.make_raw(slug, zhs, cc)
        assert (CORPUS / f"{slug}.raw.txt").read_text(encoding="utf-8") == res.text, slug
        lines = res.text.splitlines()
        assert lines[4] == "基本介紹" and "發布的報告。" in lines[2]
        assert lines[-5:] == ["相關詞條", "", "熱門詞條", "", "聯絡我們"]
        assert 3 <= res.dup_len <= 15
        assert "，" not in "".join(lines) or "," in "".join(lines)
