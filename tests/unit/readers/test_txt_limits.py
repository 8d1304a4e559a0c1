"""Text reader on large and odd shapes built here: many short lines, one huge line, every
line-break convention; each read in one pass."""

from __future__ import annotations

from doctools.readers import txt


def test_a_hundred_thousand_short_lines() -> None:
    n = 100_000
    data = "".join(f"第{i}项\n" for i in range(n)).encode("utf-8")
    doc = txt.read(data, source="many.txt")
    assert len(doc.blocks) == n
    assert (doc.blocks[-1].id, doc.blocks[-1].text, doc.blocks[-1].lines) == (f"b{n}", f"第{n - 1}项", (n,))


def test_one_line_of_several_megabytes() -> None:
    line = "地区生产总值增长9.3%，" * 150_000
    (block,) = txt.read(line.encode("utf-8"), source="long.txt").blocks
    assert block.text == line


def test_every_line_break_convention_in_one_file() -> None:
    data = "甲\r\n乙\r丙\n丁\u2028戊\u2029己\x0b庚\x0c辛\x85壬".encode()
    assert [b.text for b in txt.read(data, source="mixed.txt").blocks] == list("甲乙丙丁戊己庚辛壬")


def test_gb18030_file_with_many_lines_is_detected_once() -> None:
    text = "".join(f"海珠区第{i}项工作稳步推进，成效明显。\n" for i in range(20_000))
    doc = txt.read(text.encode("gb18030"), source="gbk.txt")
    assert doc.metadata.encoding == "gb18030" and len(doc.blocks) == 20_000
    assert not doc.notices
