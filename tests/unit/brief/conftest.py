"""Fixtures for the brief tests: the example report as a Simplified, structured Document.

Uses the real cleaner and converter when they exist; until then (and as a fallback) a
small hand-made structuring of the example (tests only): OpenCC tw2sp for the Simplified
text, headings by their numbering, run-in task headings, paragraph leads, repeated blocks
and site chrome dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from doctools.model import Block, Document, Metadata

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"
_CHROME = {"基本介绍", "相关词条", "热门词条", "联络我们", "联系我们"}
_PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})


def _t2s(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("tw2sp").convert(text))


def hand_structured(raw: str, source_path: str = "example.txt", sha: str = "0" * 64) -> Document:
    """A Simplified, structured Document built by simple rules (tests only)."""
    blocks: list[Block] = []
    seen: set[str] = set()
    title = ""
    for no, line in enumerate(raw.splitlines(), start=1):
        text = _t2s(line.strip()).translate(_PUNCT)
        if not text or text in _CHROME or text.endswith("是由海珠区发布的报告。"):
            continue
        if text in seen:
            continue
        seen.add(text)
        bid = f"b{no}"
        if not title:
            title = text
            blocks.append(Block(bid, "title", text, lines=(no,)))
        elif re.fullmatch(r".{1,8}：", text):
            blocks.append(Block(bid, "salutation", text, lines=(no,)))
        elif m := re.match(r"^([一二三四五六七八九十]+、)(.+)$", text):
            blocks.append(Block(bid, "heading", m.group(2), level=1, label=m.group(1), lines=(no,)))
        elif m := re.match(r"^(（[一二三四五六七八九十]+）)(.+?。)(.*)$", text):
            blocks.append(Block(bid, "heading", m.group(2), level=2, label=m.group(1),
                                run_in=bool(m.group(3)), lines=(no,)))
            if m.group(3):
                blocks.append(Block(f"{bid}.2", "paragraph", m.group(3), lines=(no,)))
        else:
            first = re.match(r"^[^，。；：]{2,16}。", text)
            blocks.append(Block(bid, "paragraph", text, lead=first.group(0) if first else None, lines=(no,)))
    return Document(Metadata(title=title, source_path=source_path, source_sha256=sha,
                             script="Hans", language="zh-Hans", edition="zh-Hans"), tuple(blocks))


def simplified(doc: Document) -> Document:
    """The Simplified edition: the converter when it exists, else OpenCC t2s plus the
    Taiwan-term table (tests only — shipped code never converts on its own)."""
    try:
        from doctools.convert import to_simplified
    except ImportError:
        pass
    else:
        return to_simplified(doc)
    import dataclasses

    import opencc

    from doctools.resources import data_path
    from doctools.tables import load_table

    cc = opencc.OpenCC("t2s")
    terms = [(r.cells[0], r.cells[1]) for r in load_table(data_path("brief", "taiwan_terms.tsv")).rows]

    def conv(text: str | None) -> str | None:
        if text is None:
            return None
        out = str(cc.convert(text))
        for tw, cn in terms:
            out = out.replace(tw, cn)
        return out

    blocks = tuple(dataclasses.replace(b, text=conv(b.text), lead=conv(b.lead)) for b in doc.blocks)
    md = dataclasses.replace(doc.metadata, title=conv(doc.metadata.title) or "", script="Hans",
                             language="zh-Hans", edition="zh-Hans", derived_from=doc.metadata.source_sha256)
    return doc.with_changes(blocks=blocks, metadata=md)


def load_simplified(path: Path) -> Document:
    """Read, clean (the real cleaner) and make the Simplified edition."""
    from doctools.pipeline import load_clean

    return simplified(load_clean(path))


@pytest.fixture(scope="session")
def example_doc() -> Document:
    return load_simplified(EXAMPLE)
