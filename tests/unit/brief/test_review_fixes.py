"""Regressions from the review: unconverted words in a task heading, non-Chinese input, the
install hint of the English note (each test fails on the code before the fix)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from doctools.brief import make_brief, tables
from doctools.brief.check import violations
from doctools.brief.extract import clean_clauses
from doctools.errors import InputError
from doctools.model import Block, Document, Metadata
from doctools.writers._briefview import build

ROOT = Path(__file__).resolve().parents[3]


def _doc(*blocks: Block, path: str = "report.txt", language: str = "zh-Hans") -> Document:
    return Document(Metadata(title="测试报告", source_path=path, language=language), blocks)


def _plan(*tasks: Block) -> Document:
    return _doc(Block("b1", "heading", "2023年工作安排", level=1, label="二、"),
                Block("b2", "paragraph", "主要预期目标是：地区生产总值增长5%左右。"), *tasks)


def test_taiwan_word_in_a_task_heading_keeps_the_task_with_its_clean_clause() -> None:
    doc = _plan(Block("b3", "heading", "聚焦产业体系最佳化升级，增强高质量发展竞争力。", level=2, label="（一）"),
                Block("b4", "heading", "稳就业保民生。", level=2, label="（二）"))
    b = make_brief(doc)
    assert [t.label for t in b.tasks] == ["（一）", "（二）"]  # never dropped
    assert b.tasks[0].gist == "增强高质量发展竞争力"
    assert b.tasks[0].withheld == ("聚焦产业体系最佳化升级",)
    assert violations(b, doc) == []  # the checker and the brief agree
    shown = build(b, "zh-Hans").tasks[0].gist
    assert shown.startswith("增强高质量发展竞争力") and tables.label("task_withheld") in shown
    assert any("最佳化" in w.text for w in b.withheld)


def test_wholly_unconverted_heading_keeps_an_empty_marked_task() -> None:
    doc = _plan(Block("b3", "heading", "最佳化营商环境。", level=2, label="（一）"),
                Block("b4", "paragraph", "推进数位化转型。推进一网通办。", lead="推进数位化转型。"))
    b = make_brief(doc)
    assert len(b.tasks) == 1 and b.tasks[0].gist == "" and b.tasks[0].points == ()
    assert b.tasks[0].withheld == ("最佳化营商环境", "推进数位化转型")
    assert violations(b, doc) == []
    assert build(b, "en").tasks[0].gist == tables.label("task_withheld", "en")


def test_checker_refuses_a_withheld_clause_without_a_script_problem() -> None:
    import dataclasses

    doc = _plan(Block("b3", "heading", "稳就业，保民生。", level=2, label="（一）"))
    b = make_brief(doc)
    bad = dataclasses.replace(b, tasks=(dataclasses.replace(b.tasks[0], gist="保民生", withheld=("稳就业",)),))
    assert any("withheld without a script problem" in v for v in violations(bad, doc))
    empty = dataclasses.replace(b, tasks=(dataclasses.replace(b.tasks[0], gist=""),))
    assert any("no gist" in v for v in violations(empty, doc))


def test_clean_clauses_keeps_the_longest_clean_run() -> None:
    assert clean_clauses("甲乙，最佳化丙，丁戊，己庚") == ("丁戊，己庚", ("最佳化丙",))
    assert clean_clauses("稳就业，保民生") == ("稳就业，保民生", ())


def test_english_document_is_refused_in_one_line() -> None:
    # never cleaned (no script in its metadata): the one rule detects it from the text
    doc = _doc(Block("b1", "paragraph", "The city grew by 5 percent in 2022. Revenue reached 12 billion dollars."),
               path="/x/annual.txt", language="und")
    with pytest.raises(InputError, match=r"^not a Chinese document: annual\.txt"):
        make_brief(doc)


def test_chinese_text_without_brief_content_is_refused() -> None:
    with pytest.raises(InputError, match="no brief content"):
        make_brief(_doc(Block("b1", "paragraph", "我们要继续努力，做好各项工作。")))


def test_cli_on_english_input_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "annual.txt"
    src.write_text("Annual Report\n\nThe city grew by 5 percent. Revenue reached 12 billion dollars.\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "doctools", "brief", str(src), "-o", str(out), "--no-model"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "not a Chinese document" in proc.stderr
    assert not out.exists() or not list(out.iterdir())


def test_install_hint_never_on_the_page_but_in_the_reason() -> None:
    from doctools.brief.english import english
    from doctools.brief.model import Brief, SourceInfo, Task

    assert "install" not in tables.label("untranslated_note", "en")
    b = Brief("测试报告", SourceInfo(), tasks=(Task("（一）", "稳就业保民生", "b1.s0"),))
    res = english(b, missing_reason="no model: install one with doctools models install zh en")
    assert res.untranslated == ["task.0", "title"] and "doctools models install zh en" in res.reason
    view = build(res.brief, "en")
    assert not any("install" in n for n in view.notes) and any("[untranslated]" in n for n in view.notes)


def _figures(text: str) -> list[tuple[str, str]]:
    doc = _doc(Block("b1", "heading", "2022年工作回顾", level=1, label="一、"), Block("b2", "paragraph", text))
    b = make_brief(doc)
    assert violations(b, doc) == []
    return [(f.indicator, f.qualifier + f.value + f.unit) for f in b.figures]


def test_enumerated_bare_measure_shares_the_subject_of_the_first() -> None:
    figs = _figures("琶洲试验区营收3668.52亿元、企业数量超3.2万家，分别增长23%和13.5%。")
    assert figs == [("琶洲试验区营收", "3668.52亿元"), ("琶洲试验区企业数量", "超3.2万家")]
    assert ("规模以上工业增加值", "200亿元") in _figures("规模以上工业总产值800亿元、增加值200亿元，分别增长5%和6%。")
    # the first indicator has no measure: the second keeps its own name
    assert _figures("全年举办展会204场、展览面积682.9万平方米，分别增长28.3%和51.3%。") == [
        ("举办展会", "204场"), ("展览面积", "682.9万平方米")]


def test_no_indicator_is_taken_from_after_the_number() -> None:
    text = ("全区生产总值2405.16亿元，增长9.3%。52个数字经济应用场景全面推广。"
            "新增技象科技等7家省工程技术研究中心。")
    assert _figures(text) == [("生产总值", "2405.16亿元")]


def test_checker_indicator_pieces_in_order() -> None:
    from doctools.brief.check import indicator_in

    clause = "琶洲试验区营收3668.52亿元、企业数量超3.2万家"
    assert indicator_in("琶洲试验区企业数量", clause)
    assert not indicator_in("企业数量琶洲试验区", clause)
    assert not indicator_in("琶洲试验区利润", clause)


def test_change_only_figure_shows_its_change_as_the_value() -> None:
    from doctools.writers.brief_md import render_md

    doc = _doc(Block("b1", "heading", "2022年工作回顾", level=1, label="一、"),
               Block("b2", "paragraph", "全区生产总值2405.16亿元，增长9.3%。全区专利授权量增长34.8%。"))
    b = make_brief(doc)
    view = build(b, "zh-Hans")
    patents = next(f for f in view.tiles + view.table if f.indicator == "专利授权量")
    assert patents.value_text == "增长34.8%" and patents.detail == ""
    assert "| 专利授权量 | 增长34.8% |" in render_md(b, "zh-Hans")


def test_long_chart_labels_wrap_instead_of_being_cut() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth as width

    from doctools.writers import _fonts
    from doctools.writers._briefchart import drawing, wrap_label

    font = _fonts.register_role("hei")
    label = "gross output value of industrial enterprises above designated size"
    lines = wrap_label(label, font, 7.5, 100)
    assert len(lines) > 1 and " ".join(lines) == label
    assert all(width(ln, font, 7.5) <= 100 for ln in lines)
    d = drawing([(label, 21.1), ("gross regional product", 9.3)], 250, role="hei")
    from reportlab.graphics.shapes import Group, String

    drawn = [("".join(s.text for s in g.contents), g.contents[0].y) for g in d.contents
             if isinstance(g, Group) and g.contents and all(isinstance(s, String) for s in g.contents)]
    top_down = [t for t, _ in sorted(drawn, key=lambda x: -x[1])]
    assert len(top_down) > 2 and top_down[-1] == "gross regional product"
    assert " ".join(top_down[:-1]) == label  # wrapped over lines, nothing cut


def test_a_table_row_keeps_what_its_number_measures() -> None:
    from doctools.writers.brief_md import render_md

    doc = _doc(Block("b1", "heading", "2022年工作回顾", level=1, label="一、"),
               Block("b2", "paragraph", "全区生产总值2405.16亿元，增长9.3%。义务教育学校100%实施“九项制度”。"))
    b = make_brief(doc)
    f = next(f for f in b.figures if f.value == "100")
    assert (f.indicator, f.measure, f.unit) == ("义务教育学校", "实施“九项制度”", "%")
    assert "| 义务教育学校实施“九项制度” | 100% |" in render_md(b, "zh-Hans")
    assert violations(b, doc) == []
