"""Shared fixtures for the convert tests: paths and a hand-built Traditional document."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.model import Block, Document, Metadata

ROOT = Path(__file__).resolve().parents[3]
CASES = ROOT / "tests" / "data" / "convert" / "cases"
DATA = ROOT / "tests" / "data" / "convert"
CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture()
def trad_doc() -> Document:
    """A small cleaned-looking document in Traditional characters with Taiwan vocabulary."""
    meta = Metadata(title="海珠區政府工作報告", source_path="x.txt", source_sha256="ab" * 32,
                    script="Hant", language="zh-Hant")
    blocks = (
        Block("b1", "title", "海珠區政府工作報告", lines=(1,)),
        Block("b3", "heading", "聚焦創新核心地位", level=2, label="（一）", lines=(3,)),
        Block("b4", "paragraph", "強化創新策源功能。推動產業數位化，最佳化營商環境，發展人工智慧與網際網路。",
              lead="強化創新策源功能。", lines=(4,)),
        Block("b5", "paragraph", "主要經濟指標呈現良好態勢，新增企業574家，提高大灣區民眾生活質量。", lines=(5,)),
    )
    return Document(metadata=meta, blocks=blocks)
