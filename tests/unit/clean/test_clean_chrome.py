"""clean.chrome and its table data/clean/chrome.tsv."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from doctools.clean import clean
from doctools.clean._text import fold
from doctools.clean.chrome import clean_chrome, match, patterns
from doctools.model import Document

BODY = "過去一年，我們堅持穩中求進，經濟運行總體平穩，發展質量穩步提升，人民生活持續改善。"


@pytest.mark.parametrize(
    "line",
    [
        "基本介紹", "基本介绍", "相關詞條", "相关词条", "熱門詞條", "热门词条", "聯絡我們", "联系我们",
        "參考資料", "参考资料", "編輯", "[编辑]", "目錄", "目录", "展開", "收起", "播報", "百度百科",
        "瀏覽次數：12345次", "当前位置：首页 > 政务公开 > 政府工作报告", "【字号：大 中 小】",
        "分享到：", "[1] 政府工作報告．中國政府網．2020-05-29[引用日期2020-06-01]",
        "来源：广州市海珠区人民政府 发布时间：2022-01-10",
    ],
)
def test_line_furniture_matches_anywhere(line: str) -> None:
    assert match(line, edge=False) is not None


@pytest.mark.parametrize(
    "line",
    [
        "海珠區2022年政府工作報告是由海珠區發布的報告。",
        "海珠区2022年政府工作报告是由海珠区发布的报告。",
        "《2020年國務院政府工作報告》是國務院總理在全國人民代表大會上發表的政府工作報告。",
        "版權所有 © 廣州市海珠區人民政府",
        "粵ICP備05008864號",
    ],
)
def test_edge_patterns_only_at_edges(line: str) -> None:
    assert match(line, edge=True) is not None
    assert match(line, edge=False) is None


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "我們要聯絡我們的群眾，編輯好政策解讀。",  # furniture words inside a sentence
        "目錄清單管理制度全面實施。",
        "各位代表：",
        "一、2021年工作回顧",
        "報告由國務院發布的政策文件組成。",
    ],
)
def test_body_lines_never_match(line: str) -> None:
    assert match(line, edge=True) is None


def test_lead_sentence_inside_body_is_kept(make_doc: Callable[..., Document]) -> None:
    lead = "海珠區2022年政府工作報告是由海珠區發布的報告。"
    doc = make_doc("海珠區2022年政府工作報告", lead, "各位代表：", BODY, lead, BODY + "又一段。", "相關詞條")
    out = clean_chrome(doc)
    assert [e.line for e in out.edits] == [2, 7]
    assert [b.text for b in out.blocks][3] == lead  # mid-document: an edge pattern does not apply


def test_entry_name_is_chrome_only_when_the_text_has_its_own_title(make_doc: Callable[..., Document]) -> None:
    with_title = make_doc(
        "2009年國務院政府工作報告", "2009年國務院政府工作報告是由國務院發布的報告。", "基本介紹",
        "2009年政府工作報告", "——2009年3月5日在第十一屆全國人民代表大會第二次會議上", BODY,
    )
    out = clean(with_title)
    assert out.metadata.title == "2009年政府工作報告"
    assert next(e.rule for e in out.edits if e.step == "clean.chrome") == "chrome.entry_title"
    only = make_doc(
        "海珠區2022年政府工作報告", "海珠區2022年政府工作報告是由海珠區發布的報告。", "基本介紹", "各位代表：", BODY
    )
    assert clean(only).metadata.title == "海珠區2022年政府工作報告"


def test_edits_name_table_lines(make_doc: Callable[..., Document]) -> None:
    out = clean_chrome(make_doc("標題", BODY, "相關詞條"))
    (edit,) = out.edits
    assert edit.action == "remove" and edit.line == 3
    assert edit.rule.startswith("clean/chrome.tsv:")


# --- the table itself -------------------------------------------------------------------


def test_table_parses_and_is_unique() -> None:
    pats = patterns()
    assert len(pats) > 50
    keys = [(p.kind, p.text) for p in pats]
    assert len(keys) == len(set(keys))
    assert {p.where for p in pats} == {"edge", "line"}


def test_exact_rows_have_their_simplified_form() -> None:
    import opencc

    t2s = opencc.OpenCC("t2s")
    exact = {fold(p.text) for p in patterns() if p.kind == "exact"}
    missing = sorted(p.text for p in patterns() if p.kind == "exact" and fold(t2s.convert(p.text)) not in exact)
    assert missing == []


def test_every_row_matches_its_own_example() -> None:
    for p in patterns():
        if p.kind == "exact":
            assert p.matches(p.text), p.ref


def test_table_header() -> None:
    from doctools.resources import data_path
    from doctools.tables import load_table

    table = load_table(data_path("clean", "chrome.tsv"))
    assert {"purpose", "source", "columns"} <= set(table.header)


@pytest.mark.parametrize("line", ["收藏 查看我的收藏 0 有用+1 0", "查看我的收藏", "0 有用+1 已投票 0"])
def test_encyclopedia_toolbar(line: str) -> None:
    assert match(line, edge=False) is not None
