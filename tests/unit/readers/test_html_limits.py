"""HTML reader on hostile pages built here: any depth, no recursion, no text lost to
libxml2's tree depth limit, boilerplate rules still applied at depth."""

from __future__ import annotations

from doctools.readers import html


def _lines(page: str) -> list[str]:
    return [b.text for b in html.read(page.encode("utf-8"), source="deep.html").blocks]


def test_hundred_thousand_nested_divs() -> None:
    """1.1 MB of nested <div>: minutes and then RecursionError before; one line now."""
    n = 100_000
    assert _lines("<html><body>" + "<div>" * n + "正文" + "</div>" * n + "</body></html>") == ["正文"]


def test_text_at_every_level_of_a_deep_tree_is_kept_in_order() -> None:
    """libxml2's tree builder drops what lies deeper than 256 levels; the stream keeps it."""
    n = 3_000
    page = "".join(f"<div>第{i}层" for i in range(n)) + "</div>" * n
    assert _lines(page) == [f"第{i}层" for i in range(n)]


def test_unclosed_inline_nesting() -> None:
    n = 50_000
    assert _lines("<p>" + "<b><i>" * n + "深处文字") == ["深处文字"]


def test_boilerplate_rules_hold_at_depth() -> None:
    """A hidden element, a navigation box and a link list deep inside the page go; the text
    around them stays."""
    n = 2_000
    links = "".join(f'<li><a href="/e{k}">相關詞條{k}</a></li>' for k in range(5))
    first = "過去一年，全區經濟運行總體平穩，發展質量穩步提升。"
    second = "今年將堅持穩中求進工作總基調，推動高質量發展。"
    inner = f'<span hidden>隱藏</span>{first}<nav>導航</nav><ul>{links}</ul><p>{second}</p>'
    page = "<body>" + "<div>" * n + inner + "</div>" * n + "</body>"
    assert _lines(page) == [first, second]


def test_nested_link_lists() -> None:
    """Link density was computed by a find_all under every list: quadratic in nesting."""
    n = 5_000
    page = "<body><p>正文</p>" + "<ul><li><a href='/x'>鏈接</a>" * n + "</li></ul>" * n + "</body>"
    assert _lines(page) == ["正文"]


def test_wide_page_of_many_paragraphs() -> None:
    n = 50_000
    page = "<body>" + "".join(f"<p>第{i}段</p>" for i in range(n)) + "</body>"
    lines = _lines(page)
    assert len(lines) == n and lines[-1] == f"第{n - 1}段"
