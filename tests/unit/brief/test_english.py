"""Deterministic English of the brief's fixed parts (numbers via translate.numbers.render_en)."""

from __future__ import annotations

import pytest

from doctools.brief.english import _target_en, _value_en, change_en, compose, english, rank_en
from doctools.brief.model import Brief, Figure, SourceInfo, Target


@pytest.mark.parametrize(("zh", "en"), [
    ("增长9.3%", "+9.3%"),
    ("下降2.5%", "-2.5%"),
    ("提高1.2个百分点", "+1.2 percentage points"),
    ("减少3倍", "-3 times"),
])
def test_change(zh: str, en: str) -> None:
    assert change_en(zh) == en


@pytest.mark.parametrize(("zh", "en"), [
    ("全市第3", "3rd in the city"),
    ("全国第12", "12th in the country"),
    ("全省排名第1", "1st in the province"),
    ("中心城区第2", "2nd among the central districts"),
])
def test_rank(zh: str, en: str) -> None:
    assert rank_en(zh) == en


def _fig(text: str, value: str, unit: str, qualifier: str = "") -> Figure:
    return Figure("x", value, unit, qualifier, "", "", text, "b1.s0")


@pytest.mark.parametrize(("fig", "en"), [
    (_fig("地区生产总值2405.16亿元", "2405.16", "亿元"), "240.516 billion yuan"),
    (_fig("新增就业2.55万人", "2.55", "万人"), "25,500 people"),
    (_fig("展览面积682.9万平方米", "682.9", "万平方米"), "6.829 million square metres"),
    (_fig("规上工业总产值超680亿元", "680", "亿元", "超"), "more than 68 billion yuan"),
    (_fig("活动600余场", "600", "场", "余"), "more than 600 events"),
])
def test_figure_values(fig: Figure, en: str) -> None:
    assert _value_en(fig) == en


def test_targets_keep_qualifiers() -> None:
    assert _target_en(Target("地区生产总值增长6%左右", "b1.s0", "地区生产总值", "增长6%", "左右")) == \
        "gross regional product: growth of about 6%"
    assert _target_en(Target("一般公共预算收入基本持平", "b1.s0", "一般公共预算收入", "", "基本持平")) == \
        "general public budget revenue: roughly flat"
    assert _target_en(Target("某某指标增长5%", "b1.s0", "某某指标", "增长5%", "")) == ""  # unknown term: no guess


def test_compose_only_from_known_parts() -> None:
    assert compose("海珠区2022年政府工作报告") == "Haizhu District 2022 government work report"
    assert compose("琶洲试验区营收") == "Pazhou Pilot Zone revenue"
    assert compose("某个未知的说法") == ""


def test_without_model_items_are_marked_untranslated() -> None:
    target = Target("经济金融风险有效防范", "b1.s0", "经济金融风险", "", "有效防范")
    b = Brief("海珠区2022年政府工作报告", SourceInfo(), targets=(target,))
    out, untranslated = english(b, use_model=False)
    assert out.english["title"] == "Haizhu District 2022 government work report"
    assert "target.0" in untranslated
    assert any("no translation model" in n for n in out.notices)
