"""Markdown reader on hostile and large input built here: chunked parsing equals a whole
parse, a huge table or paragraph is read in linear time, deep nesting is refused by name
rather than cut silently."""

from __future__ import annotations

import random

import pytest

from doctools.errors import InputError
from doctools.readers import md

PIECES = [
    "", "", "", "# 标题", "## 二、工作", "正文第一行", "正文第二行  ", "继续\\", "Latin text", "中文 ", "  缩进",
    "    code 行", "- 项目一", "- 项目二", "  - 子项", "1. 第一", "2) 第二", "> 引用", "> > 双层", "```", "~~~",
    "| 指标 | 数值 |", "|---|---|", "| a | b |", "| c \\| d | e |", "无管道行", "a | b", "---", "===", "<div>",
    "</div>", "<!-- 注释", "-->", "<pre>", "</pre>", "[ref]: http://x.y \"t\"", "见[链接][ref]。", "![图](a.png)",
    "**粗**和*斜*", "~~删除~~", "<br>换行", "`code`", "&amp;", "  [ref2]: /u", "[ref2] 与 [ref]",
]


def _read(text: str) -> list[tuple[str, str]]:
    return [(b.id, b.text) for b in md.read(text.encode("utf-8"), source="t.md").blocks]


def test_chunked_parse_equals_whole_document_parse() -> None:
    """Chunks as small as one line cut every construct (fences and HTML blocks over blank
    lines, tables, lists, setext headings, forward link references) at every place."""
    rng = random.Random(11)
    for _ in range(300):
        text = "\n".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        whole = md.markdown_lines(text, chunk_lines=0)
        for size in (1, 2, 3, 7):
            assert md.markdown_lines(text, chunk_lines=size) == whole, (size, text)


def test_huge_table_every_cell_once_with_its_line() -> None:
    """A 5 MB table was 300 s and 825 MB; its rows are now read a chunk at a time, the
    header repeated to each chunk's parse but kept once."""
    rows = 30_000
    text = "| 列一 | 列二 |\n|---|---|\n" + "".join(f"| 项{i} | 值{i} |\n" for i in range(rows))
    blocks = _read(text)
    assert len(blocks) == 2 + 2 * rows
    assert blocks[:4] == [("b1", "列一"), ("b2", "列二"), ("b3", "项0"), ("b4", "值0")]
    assert [t for _, t in blocks].count("列一") == 1
    assert blocks[-1][1] == f"值{rows - 1}"


def test_forward_link_reference_across_chunks() -> None:
    filler = "".join(f"第{i}段。\n\n" for i in range(6_000))
    text = f"见[链接][ref]。\n\n{filler}[ref]: http://example.org\n"
    assert _read(text)[0] == ("b1", "见链接。")


def test_one_paragraph_of_many_soft_wrapped_lines() -> None:
    """The soft-break joining rebuilt the whole paragraph per line: quadratic."""
    n = 20_000
    (block,) = _read("中文行\n" * n + "end\n")
    assert block[1] == "中文行" * n + " end"


@pytest.mark.parametrize("marker", ["> ", "- ", "1. "])
def test_nesting_beyond_the_limit_is_refused_by_name(marker: str) -> None:
    with pytest.raises(InputError, match="nested more than 100 levels"):
        _read(marker * 150 + "深处\n\n后文\n")


def test_nesting_within_the_limit_keeps_the_text() -> None:
    assert [t for _, t in _read("> " * 40 + "深处\n\n后文\n")] == ["深处", "后文"]
