"""DOCX reader on real files built with python-docx: order, tables, breaks, damaged files."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from doctools.clean import clean
from doctools.errors import InputError
from doctools.readers import docx as docx_reader
from doctools.readers import txt


def _save(document) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _texts(data: bytes) -> list[str]:
    return [b.text for b in docx_reader.read(data, source="r.docx").blocks]


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    d = docx.Document()
    d.core_properties.title = "海珠区2022年政府工作报告"
    d.sections[0].header.paragraphs[0].text = "页眉：海珠区人民政府"
    d.sections[0].footer.paragraphs[0].text = "第 1 页"
    d.add_heading("海珠区2022年政府工作报告", 0)
    d.add_paragraph("各位代表：")
    p = d.add_paragraph("实现地区生产总值")
    p.add_run("2405.16亿元").bold = True
    p.add_run("，同比增长9.3%。")
    d.add_paragraph("")
    d.add_heading("一、2021年工作回顾", 1)
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "数值", "增长"), ("地区生产总值", "2405.16亿元", "9.3%")]):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    merged = t.cell(2, 0).merge(t.cell(2, 2))
    merged.text = "注：数据为初步核算数"
    inner = t.cell(1, 2).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "嵌套"
    br = d.add_paragraph("第一行")
    br.add_run().add_break()
    br.add_run("第二行")
    d.add_paragraph("末段。")
    return _save(d)


def test_paragraphs_and_tables_in_reading_order(report_docx: bytes) -> None:
    assert _texts(report_docx) == [
        "海珠区2022年政府工作报告",
        "各位代表：",
        "实现地区生产总值2405.16亿元，同比增长9.3%。",
        "一、2021年工作回顾",
        "指标", "数值", "增长",
        "地区生产总值", "2405.16亿元", "9.3%", "嵌套",
        "注：数据为初步核算数",
        "第一行", "第二行",
        "末段。",
    ]


def test_raw_document_shape(report_docx: bytes) -> None:
    doc = docx_reader.read(report_docx, source="r.docx")
    ids = [int(b.id[1:]) for b in doc.blocks]
    assert ids == sorted(ids) and 4 not in ids  # the empty paragraph keeps its line number
    assert all(b.text == b.orig and b.kind == "paragraph" and b.lines == (int(b.id[1:]),) for b in doc.blocks)
    assert doc.metadata.encoding == "docx" and doc.metadata.extra["docx_title"] == "海珠区2022年政府工作报告"
    text = "".join(b.text for b in doc.blocks)
    assert "页眉" not in text and "第 1 页" not in text  # header/footer are page furniture
    assert docx_reader.NAME == "docx" and ".docx" in docx_reader.SUFFIXES


def test_text_copy_saved_as_docx_cleans_like_the_text_copy(example_raw: str) -> None:
    d = docx.Document()
    for line in example_raw.splitlines():
        d.add_paragraph(line)
    page = [(b.kind, b.full_text) for b in clean(docx_reader.read(_save(d), source="e.docx")).blocks]
    copy = [(b.kind, b.full_text) for b in clean(txt.read(example_raw.encode("utf-8"), source="e.txt")).blocks]
    assert page == copy
    assert len(page) > 40


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bad_xml_docx(good: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(good))
    return _zip({n: (b"<w:document><w:body>" if n == "word/document.xml" else src.read(n)) for n in src.namelist()})


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda good: b"", "empty file"),
        (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old binary Word file"),
        (lambda good: "这不是一个文档".encode(), "no ZIP container"),
        (lambda good: good[: len(good) // 2], "DOCX"),
        (lambda good: _zip({"hello.txt": b"hi"}), "DOCX"),
        (_bad_xml_docx, "DOCX"),
    ],
    ids=["empty", "doc", "text", "truncated", "zip-without-word", "invalid-xml"],
)
def test_damaged_files_raise_one_line_input_error(report_docx: bytes, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as err:
        docx_reader.read(make(report_docx), source="bad.docx")
    text = str(err.value)
    assert message in text and "bad.docx" in text and "\n" not in text
