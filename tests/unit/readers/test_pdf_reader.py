"""PDF reader on PDFs drawn glyph by glyph (reportlab canvas): furniture, columns, spacing,
properties and every kind of unreadable PDF, each with its one-line error."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pdf_support import A4, BODY, FONT, image_page, paragraph, paras, pdf

from doctools.errors import InputError
from doctools.readers import pdf as pdf_reader
from doctools.readers import read_path
from doctools.readers._pdflines import Line
from doctools.readers._pdfpara import page_number_rule, rebuild


def _read(data: bytes, tmp_path: Path, name: str = "doc.pdf") -> Any:
    p = tmp_path / name
    p.write_bytes(data)
    return read_path(p)


@pytest.mark.parametrize(
    ("footer", "rule_row"),
    [("— {n} —", 6), ("-{n}-", 6), ("第{n}页 共4页", 8), ("{n}/4", 10), ("Page {n} of 4", 11)],
)
def test_running_header_and_page_numbers_are_removed_as_edits(tmp_path: Path, footer: str, rule_row: int) -> None:
    def draw(c: Any, n: int) -> None:
        c.setFont(FONT, 9)
        c.drawCentredString(A4[0] / 2, 800, "广州市海珠区人民政府工作报告（2022年）")
        y = 740.0
        for text in paras(n):
            y = paragraph(c, text, 72, y, 432)
        c.setFont(FONT, 10)
        c.drawCentredString(A4[0] / 2, 40, footer.format(n=n))

    doc = _read(pdf(draw, pages=4), tmp_path)
    texts = [b.text for b in doc.blocks]
    assert texts == [t for n in range(1, 5) for t in paras(n)]
    assert not any("人民政府工作报告" in t or "页" in t for t in texts)
    removed = [(e.rule, e.before) for e in doc.edits]
    assert removed.count(("pdf.running_header", "广州市海珠区人民政府工作报告（2022年）")) == 4
    numbers = [before.replace(" ", "") for rule, before in removed if rule == f"readers/pdf_layout.tsv:{rule_row}"]
    assert numbers == [footer.format(n=n).replace(" ", "") for n in range(1, 5)]
    assert all(e.step == "read.pdf" and e.action == "remove" and e.line and e.block_id is None for e in doc.edits)


def test_a_title_on_page_one_is_not_taken_for_a_running_header(tmp_path: Path) -> None:
    def draw(c: Any, n: int) -> None:
        c.setFont(FONT, 18)
        if n == 1:
            c.drawCentredString(A4[0] / 2, 760, "海珠区政府工作报告")
        else:
            c.setFont(FONT, 9)
            c.drawCentredString(A4[0] / 2, 800, "海珠区政府工作报告")
        paragraph(c, paras(n)[0], 72, 700, 432)

    doc = _read(pdf(draw, pages=3), tmp_path)
    assert doc.blocks[0].text == "海珠区政府工作报告"
    assert [e.rule for e in doc.edits] == ["pdf.running_header", "pdf.running_header"]


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    left = "左栏第一段：" + BODY
    right = "右栏第一段：" + BODY[::-1].replace("。", "，") + "。"

    def draw(c: Any, n: int) -> None:
        c.setFont(FONT, 16)
        c.drawCentredString(A4[0] / 2, 790, "两栏排版的公报标题")
        paragraph(c, left, 60, 740, 215, size=11)
        paragraph(c, right, 320, 740, 215, size=11)

    doc = _read(pdf(draw), tmp_path)
    assert [b.text for b in doc.blocks] == ["两栏排版的公报标题", left, right]


def test_spaces_go_between_latin_words_never_between_chinese_characters(tmp_path: Path) -> None:
    def draw(c: Any, n: int) -> None:
        c.setFont(FONT, 12)
        x = 72.0
        for word in ("The", "committee", "met", "in", "2021."):  # words placed, no space glyphs
            c.drawString(x, 700, word)
            x += c.stringWidth(word, FONT, 12) + 3.5
        x = 72.0
        for ch in "各位代表：现在我代表区人民政府报告工作。":  # letter-spaced (distributed) text
            c.drawString(x, 660, ch)
            x += 12 + 5

    doc = _read(pdf(draw), tmp_path)
    assert [b.text for b in doc.blocks] == ["The committee met in 2021.", "各位代表：现在我代表区人民政府报告工作。"]


def test_document_properties_become_metadata(tmp_path: Path) -> None:
    def draw(c: Any, n: int) -> None:
        c.setTitle("2022年政府工作报告")
        c.setAuthor("海珠区人民政府办公室")
        c.setSubject("政府工作报告")
        c.setCreator("WPS 文字")
        c.setProducer("WPS Office")
        paragraph(c, BODY, 72, 700, 432)

    doc = _read(pdf(draw, invariant=1), tmp_path)
    extra = doc.metadata.extra
    assert doc.metadata.title == extra["pdf.title"] == "2022年政府工作报告"
    assert extra["pdf.author"] == "海珠区人民政府办公室" and extra["pdf.producer"] == "WPS Office"
    assert extra["pdf.creator"] == "WPS 文字" and extra["pdf.pages"] == "1"
    assert extra["pdf.created"] == "2000-01-01T00:00:00+00:00" == extra["pdf.modified"]  # reportlab's invariant date
    assert doc.metadata.encoding == "pdf" and doc.metadata.source_sha256


def test_a_file_name_title_is_kept_only_as_a_property(tmp_path: Path) -> None:
    def draw(c: Any, n: int) -> None:
        c.setTitle("Microsoft Word - 附件1.docx")
        paragraph(c, BODY, 72, 700, 432)

    doc = _read(pdf(draw), tmp_path)
    assert doc.metadata.title == "" and doc.metadata.extra["pdf.title"] == "Microsoft Word - 附件1.docx"


def test_a_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no text layer \(scanned\?\); OCR is not supported"):
        _read(pdf(image_page, pages=2), tmp_path, "scan.pdf")


def test_scanned_pages_among_text_pages_are_named_in_a_warning(tmp_path: Path) -> None:
    def draw(c: Any, n: int) -> None:
        if n == 2:
            image_page(c, n)
        else:
            paragraph(c, paras(n)[0], 72, 700, 432)

    doc = _read(pdf(draw, pages=3), tmp_path)
    assert [n.message for n in doc.notices if "page(s) 2 have no text layer" in n.message]


def test_encrypted_pdfs(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    def draw(c: Any, n: int) -> None:
        paragraph(c, BODY, 72, 700, 432)

    locked = pdf(draw, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(InputError, match="encrypted PDF \\(a password is needed"):
        _read(locked, tmp_path, "locked.pdf")
    # no user password, only restrictions: readable, and said so
    doc = _read(pdf(draw, encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0)), tmp_path, "r.pdf")
    assert doc.blocks[0].text == BODY and doc.metadata.extra["pdf.encrypted"].startswith("yes")


def _zero_pages() -> bytes:
    from pypdf import PdfWriter

    buf = io.BytesIO()
    PdfWriter().write(buf)
    return buf.getvalue()


def _one_page() -> bytes:
    return pdf(lambda c, n: paragraph(c, BODY, 72, 700, 432))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: _zero_pages(), "the PDF has no pages"),
        (lambda: _one_page()[: len(_one_page()) * 3 // 5], "truncated"),
        (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "damaged PDF"),
        (lambda: "各位代表：这是一个文本文件。\n".encode() * 20, "not a PDF file"),
        (lambda: b" \n", "empty file"),
    ],
    ids=["zero-pages", "truncated", "damaged", "wrong-suffix", "blank"],
)
def test_unreadable_pdfs_get_one_line(tmp_path: Path, data: Callable[[], bytes], message: str) -> None:
    with pytest.raises(InputError) as err:
        _read(data(), tmp_path, "bad.pdf")
    assert message in str(err.value) and "\n" not in str(err.value) and "bad.pdf" in str(err.value)


def test_the_page_limit_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    data = pdf(lambda c, n: paragraph(c, paras(n)[0], 72, 700, 432), pages=3)
    with pytest.raises(InputError, match="3 pages is more than the 2-page limit \\(MAX_PAGES\\)"):
        _read(data, tmp_path)


# --- paragraph rules on lines (no PDF needed) -------------------------------------------------

def _ln(text: str, x0: float, y: float, *, page: int = 1, full: bool = True, size: float = 10.0) -> Line:
    x1 = 400.0 if full else x0 + size * len(text)
    first = size * (2 if text[1:2] in "，。；：" else 1)
    return Line(page, text, x0, x1, y, size, size, 0, first, frozenset({"Song"}))


def _texts(lines: list[Line]) -> list[str]:
    paras, _ = rebuild([lines])
    return [p.text for p in paras]


def test_without_indents_or_spacing_a_sentence_end_at_the_margin_ends_theparagraph() -> None:
    lines = [_ln("甲乙丙丁。", 100, 700), _ln("戊己庚辛壬", 100, 686), _ln("癸子。", 100, 672, full=False),
             _ln("丑寅卯辰巳", 100, 658), _ln("午未申酉。", 100, 644, full=False)]
    assert _texts(lines) == ["甲乙丙丁。", "戊己庚辛壬癸子。", "丑寅卯辰巳午未申酉。"]


def test_with_first_line_indents_a_sentence_end_at_the_margin_does_not_end_theparagraph() -> None:
    lines = [_ln("一二三四五", 120, 700), _ln("六七八九十。", 100, 686), _ln("甲乙丙丁。", 100, 672, full=False),
             _ln("子丑寅卯。", 120, 658), _ln("辰巳午未。", 100, 644, full=False), _ln("天地玄黄", 120, 630),
             _ln("宇宙洪荒。", 100, 616, full=False)]
    assert _texts(lines) == ["一二三四五六七八九十。甲乙丙丁。", "子丑寅卯。辰巳午未。", "天地玄黄宇宙洪荒。"]


def test_a_line_cut_short_by_line_breaking_rules_does_not_end_theparagraph() -> None:
    # the previous line stops 1.5 ems short, but "会。" (a character with its full stop) or
    # the number "2405.16" would not have fitted there
    a = Line(1, "一二三四五六七八九十一二三四五六七八", 120, 385, 700, 10, 10, 0, 10, frozenset({"S"}))
    b = Line(1, "会。这是第二句，没有结束", 100, 400, 686, 10, 10, 0, 20, frozenset({"S"}))
    c = Line(1, "2405.16亿元，同比增长，到此", 100, 400, 672, 10, 10, 0, 38, frozenset({"S"}))
    d = Line(1, "结束。", 100, 130, 658, 10, 10, 0, 10, frozenset({"S"}))
    assert _texts([a, b, c, d]) == [
        "一二三四五六七八九十一二三四五六七八会。这是第二句，没有结束2405.16亿元，同比增长，到此结束。"]


def test_a_run_in_heading_that_fills_its_line_continues_in_the_body_face() -> None:
    def ln(text: str, x0: float, y: float, face: str, full: bool = True) -> Line:
        return Line(1, text, x0, 400.0 if full else x0 + 10 * len(text), y, 10, 10, 0, 10, frozenset({face}))

    lines = [ln("一二三四五六七八九十", 120, 700, "Song"), ln("甲乙丙。", 100, 686, "Song", full=False),
             ln("子丑寅卯辰巳午未申", 120, 672, "Song"), ln("丁戊。", 100, 658, "Song", full=False),
             ln("（一）聚焦创新核心地位。", 120, 644, "Kai"),  # run-in heading up to the line's end
             ln("强化战略科技力量", 100, 630, "Song"), ln("到此。", 100, 616, "Song", full=False),
             ln("——在第一次会议上的讲话", 100, 602, "Kai"),  # no sentence end: a line of its own
             ln("各位代表：", 100, 588, "Song", full=False),
             ln("天地玄黄宇宙洪荒日月盈昃", 120, 574, "Song"), ln("辰宿列张。", 100, 560, "Song"),
             ln("（二）另一个标题", 100, 546, "Kai", full=False)]  # body face to heading face
    assert _texts(lines) == ["一二三四五六七八九十甲乙丙。", "子丑寅卯辰巳午未申丁戊。",
                             "（一）聚焦创新核心地位。强化战略科技力量到此。", "——在第一次会议上的讲话", "各位代表：",
                             "天地玄黄宇宙洪荒日月盈昃辰宿列张。", "（二）另一个标题"]


def test_a_numbering_label_after_a_sentence_end_starts_a_paragraph_across_pages() -> None:
    lines = [_ln("甲乙丙丁", 120, 700), _ln("戊己庚辛。", 100, 100),
             _ln("二、第二部分的标题", 100, 760, page=2, full=False)]
    assert _texts(lines) == ["甲乙丙丁戊己庚辛。", "二、第二部分的标题"]


@pytest.mark.parametrize("text", ["— 3 —", "-3-", "3", "第 3 页", "第3页 共20页", "共20页 第3页", "3/20",
                                  "Page 3 of 20", "－（3）－", "— 三 —"])
def test_page_number_patterns(text: str) -> None:
    assert page_number_rule(text)


@pytest.mark.parametrize("text", ["2022年", "第3章", "3.5%", "三、工作安排"])
def test_text_that_is_not_a_page_number(text: str) -> None:
    assert page_number_rule(text) is None


def test_a_soft_hyphen_inside_a_line_is_a_visible_hyphen(tmp_path: Path) -> None:
    def draw(c: Any, n: int) -> None:  # XeTeX maps "-" to U+00AD in some fonts' ToUnicode
        c.setFont(FONT, 12)
        c.drawString(72, 700, "社会信用体系建设规划纲要（2014\u00ad2020年）")

    doc = _read(pdf(draw), tmp_path)
    assert doc.blocks[0].text == "社会信用体系建设规划纲要（2014-2020年）"


def test_a_line_left_short_by_a_no_break_span_does_not_end_the_paragraph(tmp_path: Path) -> None:
    # A CJK layout that keeps "5800多亿元" and "习近平" whole leaves the line before them short,
    # by less than the span's width but more than its first character or digits: that is
    # no paragraph end. Where the next line's first word would have fitted ("再"), it is.
    size, left, cells = 12.0, 72.0, 36

    def fill(text: str, ems: float, c: Any) -> str:
        while c.stringWidth(text + "国", FONT, size) <= ems * size:
            text += "国"
        return text

    def draw(c: Any, n: int) -> None:
        rows = [
            (2, fill("全国社会保障基金积累7810亿元，比五年前增加", cells - 6, c)),  # 4 ems short
            (0, fill("5800多亿元。各地认真贯彻落实", cells, c)),
            (0, fill("", cells - 2, c)),  # 2 ems short
            (0, fill("习近平总书记重要讲话精神，", cells, c)),
            (0, "推进改革取得新进展。"),
            (2, fill("", cells - 6, c)),  # 4 ems short, and "再" would have fitted
            (0, "再起一段。"),
        ]
        c.setFont(FONT, size)
        for k, (indent, text) in enumerate(rows):
            c.drawString(left + indent * size, 760 - 18 * k, text)

    doc = _read(pdf(draw), tmp_path)
    texts = [b.text for b in doc.blocks]
    assert len(texts) == 3, texts
    assert "国5800多亿元。" in texts[0] and "国习近平总书记" in texts[0] and texts[0].endswith("新进展。")
    assert set(texts[1]) == {"国"} and texts[2] == "再起一段。"
