"""The brief of the example: every headline figure, target, task and problem; faithful."""

from __future__ import annotations

import dataclasses

import pytest

from doctools.brief import make_brief
from doctools.brief.check import check, violations
from doctools.brief.model import Brief, from_json, to_json
from doctools.errors import FaithfulnessError, InputError
from doctools.model import Block, Document, Metadata


@pytest.fixture(scope="module")
def brief(example_doc: Document) -> Brief:
    return make_brief(example_doc, generated="2026-01-01")


HEADLINE = [  # indicator, value+unit with hedge, change, rank
    ("地区生产总值", "2405.16亿元", "增长9.3%", "全市第3"),
    ("“四上”企业", "574家", "增长38%", "全市第1"),
    ("规模以上工业总产值", "超680亿元", "增长21.1%", "全市第1"),
    ("举办展会", "204场", "增长28.3%", ""),
    ("展览面积", "682.9万平方米", "增长51.3%", ""),
    ("琶洲试验区营收", "3668.52亿元", "增长23%", ""),
    ("企业数量", "超3.2万家", "增长13.5%", ""),
    ("新一代信息技术服务业营收", "超520亿元", "增长23.9%", "全市第2"),
    ("研发投入强度", "3.35%", "", "全市第3"),
    ("新增就业", "2.55万人", "", ""),
]


@pytest.mark.parametrize(("indicator", "value", "change", "rank"), HEADLINE)
def test_headline_figures(brief: Brief, indicator: str, value: str, change: str, rank: str) -> None:
    hits = [f for f in brief.figures if indicator in f.indicator and f.qualifier + f.value + f.unit == value]
    assert hits, f"missing {indicator} {value}"
    assert hits[0].change == change
    assert hits[0].rank == rank


def test_targets_verbatim_with_qualifiers(brief: Brief) -> None:
    assert [t.text for t in brief.targets] == [
        "地区生产总值增长6%左右",
        "固定资产投资额增长8%左右",
        "一般公共预算收入基本持平",
        "城乡居民收入增长与经济增长基本同步",
        "经济金融风险有效防范",
    ]
    assert [t.qualifier for t in brief.targets[:3]] == ["左右", "左右", "基本持平"]


def test_goals_inside_tasks(brief: Brief) -> None:
    texts = [g.text for g in brief.goals]
    assert "力争琶洲试验区营收超4000亿元" in texts
    assert "力争建成碧道20公里" in texts
    assert all(t.startswith(("力争", "确保", "争取")) for t in texts)


def test_nine_tasks_and_truncation_note(brief: Brief) -> None:
    assert [t.label for t in brief.tasks] == [f"（{n}）" for n in "一二三四五六七八九"]
    assert brief.tasks[0].gist == "聚焦创新核心地位，增强高质量发展引领力"
    assert brief.tasks[0].points == ("强化创新策源功能", "培育壮大创新主体", "打造创新人才高地")
    assert brief.tasks_announced == 10
    assert "10" in brief.tasks_note and "9" in brief.tasks_note


def test_five_problems(brief: Brief) -> None:
    assert [p.label for p in brief.problems] == ["一是", "二是", "三是", "四是", "五是"]
    assert brief.problems[0].short == "科技创新潜力仍未充分发挥"
    assert not brief.problems[4].text.endswith("等等")


def test_summary_is_extractive_and_adds_numbers(brief: Brief) -> None:
    assert 1 <= len(brief.summary) <= 4


def test_checker_passes_on_example(brief: Brief, example_doc: Document) -> None:
    assert violations(brief, example_doc) == []
    check(brief, example_doc)


def _swap_figure(brief: Brief, **changes: str) -> Brief:
    f = dataclasses.replace(brief.figures[0], **changes)
    return dataclasses.replace(brief, figures=(f, *brief.figures[1:]))


def test_checker_catches_changed_number(brief: Brief, example_doc: Document) -> None:
    bad = _swap_figure(brief, text=brief.figures[0].text.replace("9.3%", "9.4%"), change="增长9.4%")
    with pytest.raises(FaithfulnessError, match=r"9\.4%"):
        check(bad, example_doc)
    bad = _swap_figure(brief, value="2405.61")
    with pytest.raises(FaithfulnessError, match="value"):
        check(bad, example_doc)


def test_checker_catches_dropped_zuoyou(brief: Brief, example_doc: Document) -> None:
    t = dataclasses.replace(brief.targets[0], text="地区生产总值增长6%", qualifier="")
    bad = dataclasses.replace(brief, targets=(t, *brief.targets[1:]))
    found = violations(bad, example_doc)
    assert any("6%" in v and "hedge" in v for v in found), found
    with pytest.raises(FaithfulnessError):
        check(bad, example_doc)


def test_checker_catches_traditional_character(brief: Brief, example_doc: Document) -> None:
    task = dataclasses.replace(brief.tasks[3], gist=brief.tasks[3].gist.replace("双区", "雙區"))
    bad = dataclasses.replace(brief, tasks=(*brief.tasks[:3], task, *brief.tasks[4:]))
    found = violations(bad, example_doc)
    assert any("Traditional" in v and "雙" in v for v in found), found


def test_checker_catches_duplicate_and_chrome(brief: Brief, example_doc: Document) -> None:
    bad = dataclasses.replace(brief, problems=brief.problems + brief.problems[:1])
    assert any("duplicate" in v for v in violations(bad, example_doc))
    s = dataclasses.replace(brief.summary[0], text="相关词条")
    bad = dataclasses.replace(brief, summary=(s,))
    assert violations(bad, example_doc)


def test_json_round_trip(brief: Brief) -> None:
    assert from_json(to_json(brief)) == brief
    with pytest.raises(InputError):
        from_json('{"figures": [], "schema_version": "9.0"}')


def _doc(*blocks: Block) -> Document:
    return Document(Metadata(title="测试", language="zh-Hans"), blocks)


def test_numbering_gap_is_reported_never_filled() -> None:
    doc = _doc(
        Block("b1", "heading", "2023年工作安排", level=1, label="二、"),
        Block("b2", "paragraph", "主要预期目标是：地区生产总值增长5%左右。"),
        Block("b3", "heading", "稳增长。", level=2, label="（一）"),
        Block("b4", "heading", "促改革。", level=2, label="（三）"),
    )
    b = make_brief(doc)
    assert [t.label for t in b.tasks] == ["（一）", "（三）"]
    assert b.tasks_note
    assert [t.text for t in b.targets] == ["地区生产总值增长5%左右"]


def test_bulletin_without_headings() -> None:
    doc = _doc(Block("b1", "paragraph", "全年全市生产总值1234.5亿元，比上年增长5.1%。年末常住人口812.3万人。"))
    b = make_brief(doc)
    assert b.figures[0].indicator == "全市生产总值" or b.figures[0].indicator == "生产总值"
    assert b.figures[0].change == "增长5.1%"
    assert not b.tasks and not b.targets


def test_unconverted_items_are_left_out_with_a_notice() -> None:
    doc = _doc(Block("b1", "paragraph", "全市生产总值1234.5亿元，增长5.1%。人工智慧产业营收超300亿元，增长20.5%。"))
    b = make_brief(doc)
    assert [f.indicator for f in b.figures] == ["生产总值"]
    assert any("人工智慧" in w.text and "Taiwan vocabulary" in w.reason for w in b.withheld)
    assert violations(b, doc) == []
