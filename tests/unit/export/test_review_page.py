"""The review page's content: word-level changes first as “旧 → 新” with correct counts, the
script conversion in one line, removals grouped — and linear in the number of edits."""

from __future__ import annotations

import re
from dataclasses import replace

from doctools.export.manifest import DocEntry, EditionResult
from doctools.export.review import render_review
from doctools.model import Block, Document, Edit, Metadata, Notice


def _docs(n_dupes: int = 0, n_words: int = 0) -> tuple[Document, Document]:
    text = "保持特色，中心城区面貌不断优化。深入践行绿水青山就是金山银山理念。"
    trad = "保持特色，中心城區面貌不斷最佳化。深入踐行綠水青山就是金山銀山理念。"
    model = Document(
        Metadata(title="测试", language="zh-Hant", script="Hant"),
        (Block("b1", "paragraph", trad), Block("b2", "paragraph", "第二段。")),
        edits=(
            Edit("clean.chrome", "clean/chrome.tsv:7", "remove", None, "首頁 | 聯絡我們", "", line=1),
            Edit("clean.chrome", "clean/chrome.tsv:7", "remove", None, "首頁 | 聯絡我們", "", line=90),
            *(Edit("clean.duplicates", "duplicates.run", "remove", None, f"重复的一行{i % 3}", "",
                   line=100 + i)
              for i in range(n_dupes)),
            Edit("clean.punctuation", "punctuation.halfwidth", "replace", "b1", ",", "，", offset=4),
        ),
    )
    after_t2s = "保持特色，中心城区面貌不断最佳化。深入践行绿水青山就是金山银山理念。"
    words = [Edit("convert.zh_hans", "convert/tw_cn_vocabulary.tsv:39", "replace", "b1", "最佳化", "优化",
                  offset=after_t2s.index("最佳化"), line=3)]
    words += [Edit("convert.zh_hans", f"convert/repairs.tsv:{5 + i % 2}", "replace", "b2", "套用", "应用",
                   offset=0, line=4) for i in range(n_words)]
    zh = Document(
        replace(model.metadata, language="zh-Hans", script="Hans", edition="zh-Hans"),
        (Block("b1", "paragraph", text), Block("b2", "paragraph", "第二段。")),
        edits=(Edit("convert.zh_hans", "opencc:t2s", "replace", "b1", trad, after_t2s, line=3), *words),
        notices=(Notice("convert.zh_hans", "info", "left '民众' unchanged: review", "b2"),),
    )
    return model, zh


def _page(model: Document, zh: Document) -> str:
    entry = DocEntry(name="t", input="t.txt", status="ok", editions={"zh-Hans": EditionResult("ok")})
    return render_review(entry, {"model": model, "zh-Hans": zh}, embed_font=False)


def test_word_changes_first_with_arrow_and_counts_and_script_in_one_line() -> None:
    model, zh = _docs(n_words=3)
    html = _page(model, zh)
    assert "4 word-level change(s) of 3 kind(s) in 3 rule(s)" in html
    assert "最佳化<span class=\"arrow\">→</span>优化" in html  # never “最佳化优化”
    assert re.search(r"不断</span><del>最佳化</del>.*?<ins>优化</ins><span class=\"ctx\">。深入", html)
    # the vocabulary table comes before the script conversion, which is one line plus details
    assert html.index("word-level change") < html.index("Script conversion") < html.index("Left alone")
    assert "5 character(s) changed in 1 block(s), 5 distinct" in html
    assert '<mark title="區">区</mark>' in html and "<del>保持" not in html  # characters, not paragraphs
    words = html.split("Script conversion")[0]
    arrow = '<span class="arrow">→</span>'
    assert re.search(rf'套用{arrow}应用</b> · convert/repairs.tsv:5 · <span class="n">×2', words)
    assert re.search(r"convert/repairs.tsv:6 · <span class=\"n\">×1", words)
    assert "Left alone for review (1)" in html


def test_removals_grouped_and_counted() -> None:
    model, zh = _docs(n_dupes=7)
    html = _page(model, zh)
    assert "Site chrome and page furniture removed (2)" in html and "Duplicates removed (7)" in html
    chrome = html.split('id="chrome"')[1].split("</section>")[0]
    assert chrome.count("首頁 | 聯絡我們") == 1 and "1, 90" in chrome
    dupes = html.split('id="duplicates"')[1].split("</section>")[0]
    assert dupes.count("<tr>") == 1 + 3  # header + three distinct texts
    assert "clean.punctuation · punctuation.halfwidth" in html


def test_a_truncated_source_is_said_first() -> None:
    model, zh = _docs()
    model = model.with_changes(metadata=replace(model.metadata, extra={"source.truncated": "stops after （九）"}))
    html = _page(model, zh)
    assert html.index("The source is cut short") < html.index('id="editions"')
    assert "stops after （九）" in html


def test_tens_of_thousands_of_edits_render_linearly_and_correctly() -> None:
    """32,000 repeated lines once took 110 s here (a list scan per edit); now one pass."""
    model, zh = _docs(n_dupes=40_000, n_words=20_000)
    html = _page(model, zh)
    assert "Duplicates removed (40,000)" in html
    assert "20,001 word-level change(s) of 3 kind(s)" in html
    assert html.count("… and ") >= 2  # long groups are cut, their size said


def test_embedded_font_covers_every_character_of_the_page() -> None:
    from html import unescape

    from fontTools.ttLib import TTFont

    model, zh = _docs(n_words=1)
    entry = DocEntry(name="t's & <t>", input="t.txt", status="ok")
    html = render_review(entry, {"model": model, "zh-Hans": zh})
    m = re.search(r"src:url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", html)
    assert m, "no embedded WOFF2 font"
    import base64
    import io

    font = TTFont(io.BytesIO(base64.b64decode(m.group(1))))
    assert font.flavor == "woff2"
    cmap = font.getBestCmap()
    body = re.sub(r"<[^>]+>", "", html.split("<body>")[1])
    missing = {c for c in unescape(body) if not c.isspace() and ord(c) not in cmap}
    assert missing == set()


def test_withheld_brief_items_are_listed_with_their_reason() -> None:
    from doctools.brief import make_brief
    from doctools.brief.model import Withheld
    from doctools.clean import clean
    from doctools.convert import to_simplified
    from doctools.readers import read_data

    raw = ("某市2023年政府工作报告\n各位代表：\n一、2022年工作回顾\n全市地区生产总值1200亿元，增长5.2%。"
           "固定资产投资增长8%。\n二、2023年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n").encode()
    zh = to_simplified(clean(read_data(raw, "city.txt")))
    brief = replace(make_brief(zh), withheld=(Withheld("figure.9", "增长37.2％", "change not in its clause"),))
    entry = DocEntry(name="city", input="city.txt", status="ok", editions={"brief": EditionResult("ok")})
    html = render_review(entry, {"model": zh, "zh-Hans": zh, "brief": brief}, embed_font=False)
    section = html[html.index('<section id="brief">'):]
    assert "Read as a work report" in section
    assert "1 item(s) failed the faithfulness check" in section
    assert "figure.9" in section and "增长37.2％" in section and "change not in its clause" in section
