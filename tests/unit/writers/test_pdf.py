"""PDF writer, checked by reading the file back with poppler and pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from doctools.model import Block, Document, Metadata, plain_text
from doctools.proofing import pdftext as check
from doctools.writers import pdf


def render(doc: Document, tmp_path: Path, template: str = "official", **kw: object) -> tuple[Path, pdf.RenderResult]:
    out = tmp_path / f"{template}.pdf"
    result = pdf.write(doc, out, template=template, **kw)
    return out, result


def assert_text_equal(path: Path, doc: Document) -> None:
    got = check.plain("".join(check.text_lines(path)))
    want = check.printed(doc)
    assert got == want


def test_fonts_embedded_subset_and_no_base14(zh_doc: Document, tmp_path: Path) -> None:
    out, _ = render(zh_doc, tmp_path)
    fonts = check.fonts(out)
    assert fonts
    assert all(f.embedded and f.subset for f in fonts), fonts
    names = {f.name.split("+", 1)[1] for f in fonts}
    assert not names & {"Helvetica", "Times-Roman", "Courier"}
    assert {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular", "LXGWWenKai-Regular"} <= names


def test_text_layer_equals_model_text(zh_doc: Document, tmp_path: Path) -> None:
    out, result = render(zh_doc, tmp_path)
    assert_text_equal(out, zh_doc)
    assert result.missing == {} and result.notices == []


def test_no_forbidden_line_starts_or_ends(zh_doc: Document, tmp_path: Path) -> None:
    for template in ("official", "report", "brief"):
        out, _ = render(zh_doc, tmp_path, template)
        report = check.kinsoku(out, [b.full_text for b in zh_doc.blocks])
        assert report.lines > 20
        assert report.ok, (template, report.bad_starts, report.bad_ends)


def test_bookmark_per_heading_nested(zh_doc: Document, tmp_path: Path) -> None:
    out, _ = render(zh_doc, tmp_path)
    outline = check.outline(out)
    titles = [t for _, t in outline]
    assert titles == [zh_doc.blocks[0].text] + [h.full_text for h in zh_doc.headings()]
    depths = [d for d, _ in outline]
    assert depths == [0, 1, 2, 3, 4]
    from pypdf import PdfReader

    assert PdfReader(str(out)).trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_gbt_page_numbers_odd_right_even_left(zh_doc: Document, tmp_path: Path) -> None:
    long = zh_doc.with_changes(blocks=zh_doc.blocks * 3)
    out, result = render(long, tmp_path)
    assert result.pages >= 3
    boxes = check.page_number_boxes(out)
    assert len(boxes) == result.pages
    for n, box in enumerate(boxes, 1):
        assert box is not None
        text, x0, x1, width = box
        assert re.fullmatch(rf"—\s*{n}\s*—", text)
        if n % 2:
            assert x0 > width / 2  # odd: right
            assert abs((width - 26 * 72 / 25.4 - 14) - x1) < 1.5  # one character in from the edge
        else:
            assert x1 < width / 2  # even: left
            assert abs((28 * 72 / 25.4 + 14) - x0) < 1.5


def test_official_grid_22_lines_of_28_chars(tmp_path: Path) -> None:
    text = "国" * (28 * 30)
    doc = Document(Metadata(title="t", language="zh-Hans"), (Block("b1", "paragraph", text),))
    out, _ = render(doc, tmp_path)
    pages = check.page_lines(out)
    body = [ln for ln in pages[0] if not check.is_page_number(ln)]
    assert len(body) == 22
    assert len(body[0].strip()) == 26  # first line: 2-character indent
    assert all(len(ln.strip()) == 28 for ln in body[1:])


def test_metadata(zh_doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out, _ = render(zh_doc, tmp_path, subject="政府工作报告 简体版")
    meta = check.metadata(out)
    assert meta["Title"] == "海珠区2022年政府工作报告"
    assert meta["Subject"] == "政府工作报告 简体版"
    assert meta["Author"] and meta["Creator"] == "doctools"
    assert meta["Lang"] == "zh-CN"
    assert meta["CreationDate"].startswith("D:20231114")


def test_missing_glyph_warns_by_name_and_keeps_the_rest(tmp_path: Path) -> None:
    odd = "\U0001F600"  # no shipped font has emoji
    doc = Document(
        Metadata(title="缺字", language="zh-Hans"),
        (Block("b1", "title", "缺字测试"), Block("b2", "paragraph", f"前文{odd}后文，其余内容完整。")),
    )
    out, result = render(doc, tmp_path)
    assert list(result.missing) == [odd]
    assert result.missing[odd] == ["b2"]
    assert len(result.notices) == 1
    assert "U+1F600" in result.notices[0].message and result.notices[0].level == "warning"
    got = check.plain("".join(check.text_lines(out)))
    assert got.replace(odd, "") == check.printed(doc).replace(odd, "")


def test_english_wraps_at_spaces_only(en_doc: Document, tmp_path: Path) -> None:
    out, _ = render(en_doc, tmp_path, "official")  # English follows the template's `english`
    assert_text_equal(out, en_doc)
    names = {f.name.split("+", 1)[1] for f in check.fonts(out)}
    assert any(n.startswith("LiberationSerif") for n in names)
    words = set(plain_text(en_doc).split())
    for line in check.text_lines(out):
        for w in line.split():
            assert w in words, w
    assert check.metadata(out)["Lang"] == "en-US"


def test_progress_callback(zh_doc: Document, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    render(zh_doc, tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_example_official(example_doc: Document, example_pdf: Path) -> None:
    """The cleaned example: all text, kinsoku, bookmarks, GB/T page numbers, fonts."""
    assert_text_equal(example_pdf, example_doc)
    report = check.kinsoku(example_pdf, [b.full_text for b in example_doc.blocks])
    assert report.lines > 400 and report.ok, (report.bad_starts, report.bad_ends)
    titles = [t for _, t in check.outline(example_pdf)]
    assert len(titles) == 1 + len(example_doc.headings())
    nums = check.page_numbers(example_pdf)
    assert all(n is not None and re.fullmatch(rf"—\s*{i}\s*—", n) for i, n in enumerate(nums, 1))
    assert all(f.embedded and f.subset for f in check.fonts(example_pdf))


def test_checker_detects_bad_lines(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from doctools.writers import _fonts

    name = _fonts.register_role("song")
    out = tmp_path / "bad.pdf"
    c = canvas.Canvas(str(out))
    c.setFont(name, 12)
    for i, line in enumerate(["正常的一行文字", "，不该在行首", "不该在行尾（", "— 1 —"]):
        c.drawString(72, 700 - 20 * i, line)
    c.save()
    report = check.kinsoku(out)
    assert report.bad_starts == ["，不该在行首"]
    assert report.bad_ends == ["不该在行尾（"]


def test_long_title_lines_are_balanced(tmp_path: Path) -> None:
    title = "广州市海珠区人民政府关于进一步加强城市更新和历史文化保护工作的实施意见"
    doc = Document(Metadata(title=title, language="zh-Hans"),
                   (Block("b1", "title", title), Block("b2", "paragraph", "正文。")))
    out, _ = render(doc, tmp_path)
    lines = [ln.strip() for ln in check.text_lines(out)][:2]
    assert "".join(lines) == title
    assert abs(len(lines[0]) - len(lines[1])) <= 2, lines  # not a full line and a stub


def test_closing_right_indent_and_page_break_before(tmp_path: Path) -> None:
    from doctools.writers import _template

    t = _template.load("official")
    assert t.style("closing").right_indent_chars == 4
    src = (_template.templates_dir() / "official.toml").read_text(encoding="utf-8")
    user = tmp_path / "breaks.toml"
    user.write_text(src.replace('[styles.heading1]\nbase = "body"', '[styles.heading1]\nbase = "body"\n'
                                'page_break_before = true'), encoding="utf-8")
    doc = Document(Metadata(title="t", language="zh-Hans"), (
        Block("b1", "title", "标题"), Block("b2", "paragraph", "前言。"),
        Block("b3", "heading", "第一部分", level=1, label="一、"), Block("b4", "paragraph", "正文。"),
    ))
    out, result = render(doc, tmp_path, str(user))
    assert result.pages == 2
    assert check.page_lines(out)[1][0].strip() == "一、第一部分"


def test_empty_and_odd_documents_still_make_valid_files(tmp_path: Path) -> None:
    from doctools.writers import docx

    cases = [(), (Block("b1", "paragraph", ""),),
             (Block("b1", "paragraph", "a\nb\tc  d"), Block("b2", "heading", "深层", level=6, label="（1）"))]
    for i, blocks in enumerate(cases):
        doc = Document(Metadata(title="", language="zh-Hans"), blocks)
        out = tmp_path / f"e{i}.pdf"
        assert pdf.write(doc, out).pages == 1
        assert check.page_lines(out) is not None
        docx.write(doc, tmp_path / f"e{i}.docx")


def test_tagged_pdf_structure_tree(zh_doc: Document, tmp_path: Path) -> None:
    """Document → H1 (title), H2… (headings by depth), P; a split paragraph is one element
    with content on two pages; page numbers are artifacts, outside the tree."""
    from collections import Counter

    from pypdf import PdfReader

    long = zh_doc.with_changes(blocks=(*zh_doc.blocks[:4], Block("big", "paragraph", "国" * 28 * 30)))
    out, result = render(long, tmp_path)
    reader = PdfReader(str(out))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True  # a PDF boolean, not a name or string
    assert type(root["/MarkInfo"]["/Marked"]).__name__ == "BooleanObject"
    top = root["/StructTreeRoot"].get_object()["/K"].get_object()
    assert top["/S"] == "/Document"
    kids = [k.get_object() for k in top["/K"]]
    roles = [k["/S"] for k in kids]
    assert roles[0] == "/H1" and Counter(roles)["/P"] == 4  # subtitle, salutation, two paragraphs
    pages_of = [{mcr.get_object().raw_get("/Pg").idnum for mcr in k["/K"]} for k in kids]
    assert len(pages_of[-1]) >= 2  # the long paragraph runs over a page break: one element
    assert all(p["/StructParents"] == i for i, p in enumerate(reader.pages))
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" BDC") == content.count("EMC") and "/Artifact <</Type /Pagination>> BDC" in content
    nums = root["/StructTreeRoot"].get_object()["/ParentTree"].get_object()["/Nums"]
    assert len(nums) == 2 * result.pages
