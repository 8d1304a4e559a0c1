"""HTML reader: a saved encyclopedia page comes out as its text copy; encodings; markup."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from reader_pages import ROOT, encyclopedia_page, split_text_copy

from doctools.clean import clean
from doctools.errors import InputError
from doctools.readers import html, txt

CORPUS_RAW = sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))
FURNITURE = ("會員登入", "免費註冊", "搜尋", "人物", "政治分類", "隱私權政策", "使用條款", "版權所有", "廣告文字",
             "不是正文", "周杰倫", "元宵節", "推薦閱讀", "廣州經濟發展概況", "編輯", "分享", "收藏", "網友編輯",
             "追蹤", "[1]", "相關詞條", "熱門詞條")


def _norm(line: str) -> str:
    return re.sub(r"[\s\u00a0\u3000]+", "", line)


def _cleaned(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(b.kind, b.full_text) for b in clean(doc).blocks]


def _read_html(page: str, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    return html.read(page.encode(encoding), source="page.html")


@pytest.mark.parametrize("seed", [0, 7, 42])
def test_encyclopedia_page_equals_text_copy_after_cleaning(example_raw: str, seed: int) -> None:
    page_doc = _read_html(encyclopedia_page(example_raw, seed=seed))
    copy_doc = txt.read(example_raw.encode("utf-8"), source="copy.txt")
    assert _cleaned(page_doc) == _cleaned(copy_doc)


@pytest.mark.parametrize("path", CORPUS_RAW, ids=lambda p: p.name.split(".")[0])
def test_unseen_pages_equal_their_text_copies(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert _cleaned(_read_html(encyclopedia_page(raw, seed=3))) == _cleaned(txt.read(raw.encode("utf-8"), source="c"))


def test_raw_lines_are_the_text_copy_lines(example_page: str, example_raw: str) -> None:
    """Before any cleaning: title, summary, 基本介紹 and every body line, in order, nothing between."""
    title, summary, body, _ = split_text_copy(example_raw)
    want = [_norm(x) for x in [title, summary, "基本介紹", *body]]
    got = [_norm(b.text) for b in _read_html(example_page).blocks]
    assert got[: len(want)] == want
    assert got[len(want) :] == []  # 相關詞條/熱門詞條 boxes are link lists: dropped with their titles


def test_no_page_furniture_leaks(example_page: str, example_raw: str) -> None:
    text = "\n".join(b.text for b in _read_html(example_page).blocks)
    body = "\n".join(split_text_copy(example_raw)[2])
    for word in FURNITURE:
        assert word not in body, f"bad probe: {word} is in the report itself"
        assert word not in text, word


def test_raw_document_shape(example_page: str) -> None:
    doc = _read_html(example_page)
    assert [b.id for b in doc.blocks] == [f"b{i}" for i in range(1, len(doc.blocks) + 1)]
    assert all(b.kind == "paragraph" and b.text == b.orig and b.lines == (int(b.id[1:]),) for b in doc.blocks)
    assert doc.metadata.encoding == "utf-8 (meta)"
    assert doc.metadata.extra["html_title"] == "海珠區2022年政府工作報告 - 百科知識"
    assert doc.metadata.source_path == "page.html" and len(doc.metadata.source_sha256 or "") == 64
    assert html.NAME == "html" and ".html" in html.SUFFIXES and ".htm" in html.SUFFIXES


def test_inline_markup_joins_without_spaces() -> None:
    page = "<p>實現地區生產總值<b>2405.16億元</b>，<a href='#'>同比</a>增長<span>9.3%</span></p><p>二</p>"
    assert [b.text for b in _read_html(page).blocks] == ["實現地區生產總值2405.16億元，同比增長9.3%", "二"]


def test_source_wrapping_inside_chinese_adds_no_space() -> None:
    page = "<p>海珠\n      區政府\n工作報告 GDP\n  growth</p>"
    assert [b.text for b in _read_html(page).blocks] == ["海珠區政府工作報告 GDP growth"]


def test_blocks_br_tables_and_pre_make_lines() -> None:
    page = (
        "<div>第一行<br>第二行<div>第三行</div>第四行</div>"
        "<table><tr><th>指標</th><td>2405.16億元</td></tr></table><pre>甲  乙\n丙</pre>"
    )
    want = ["第一行", "第二行", "第三行", "第四行", "指標", "2405.16億元", "甲  乙", "丙"]
    assert [b.text for b in _read_html(page).blocks] == want


def test_hidden_elements_are_dropped() -> None:
    page = (
        "<p>正文一</p><p style='display: none'>隱藏一</p><p hidden>隱藏二</p>"
        "<div aria-hidden='true'>隱藏三</div><span class='sr-only'>隱藏四</span><div class='d-none'>隱藏五</div>"
        "<p style='visibility:hidden'>隱藏六</p><p>正文二</p>"
    )
    assert [b.text for b in _read_html(page).blocks] == ["正文一", "正文二"]


def test_boilerplate_class_around_everything_does_not_empty_the_page() -> None:
    page = "<body class='has-sidebar nav-open'><div id='main-nav-wrapper'><p>全部正文在這裡。</p></div></body>"
    assert [b.text for b in _read_html(page).blocks] == ["全部正文在這裡。"]


def test_header_inside_article_is_kept_page_header_is_not() -> None:
    page = (
        "<header>網站標頭</header><article><header><h1>報告標題</h1></header><p>正文</p>"
        "<footer>文末</footer></article><footer>網站頁尾</footer>"
    )
    assert [b.text for b in _read_html(page).blocks] == ["報告標題", "正文", "文末"]


@pytest.mark.parametrize(
    ("declared", "codec", "text"),
    [
        ("big5", "big5", "海珠區政府工作報告，地區生產總值增長。"),
        ("gb2312", "gb18030", "海珠区政府工作报告，地区生产总值增长。"),
        ("GBK", "gb18030", "海珠区政府工作报告，地区生产总值增长。"),
        ("utf-8", "utf-8", "海珠区政府工作报告"),
    ],
)
def test_meta_charset_is_honoured(declared: str, codec: str, text: str) -> None:
    page = f"<html><head><meta charset='{declared}'></head><body><p>{text}</p></body></html>"
    doc = html.read(page.encode(codec), source="p.html")
    assert [b.text for b in doc.blocks] == [text]
    assert doc.metadata.encoding and doc.metadata.encoding.endswith("(meta)")


def test_http_equiv_and_xml_declaration() -> None:
    text = "海珠区政府工作报告"
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    page = f"<html><head>{meta}</head><body><p>{text}</p></body></html>"
    assert [b.text for b in html.read(page.encode("gb18030"), source="p").blocks] == [text]
    xhtml = '<?xml version="1.0" encoding="big5"?><html><body><p>海珠區</p></body></html>'
    assert [b.text for b in html.read(xhtml.encode("big5"), source="p").blocks] == ["海珠區"]


def test_bom_wins_over_a_wrong_declaration() -> None:
    page = "<html><head><meta charset='gbk'></head><body><p>海珠區政府</p></body></html>"
    assert [b.text for b in html.read(codecs.BOM_UTF8 + page.encode("utf-8"), source="p").blocks] == ["海珠區政府"]
    assert [b.text for b in html.read(page.encode("utf-16"), source="p").blocks] == ["海珠區政府"]


def test_wrong_or_missing_declaration_falls_back_to_detection() -> None:
    text = "海珠区二〇二二年政府工作报告，全面推进高质量发展，地区生产总值增长百分之九点三。"
    wrong = f"<html><head><meta charset='utf-8'></head><body><p>{text}</p></body></html>".encode("gb18030")
    doc = html.read(wrong, source="p")
    assert [b.text for b in doc.blocks] == [text] and doc.metadata.encoding == "gb18030"
    none = f"<p>{text}</p>".encode("gb18030")
    assert [b.text for b in html.read(none, source="p").blocks] == [text]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n ", "empty file"),
        (b"<head><script>var a=1;</script></head><body><nav><a href='/'>Home</a></nav></body>", "no text in the HTML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ],
)
def test_bad_pages_raise_one_line_input_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        html.read(data, source="bad.html")
    assert message in str(err.value) and "\n" not in str(err.value) and "bad.html" in str(err.value)
