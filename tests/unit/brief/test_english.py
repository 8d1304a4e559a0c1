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
    out, untranslated, reason = english(b)
    assert out.english["title"] == "Haizhu District 2022 government work report"
    assert "target.0" in untranslated
    assert reason == "no translation model was given" and out.english["_reason"] == reason


@pytest.mark.parametrize(("target", "en"), [
    (Target("居民消费价格涨幅3%左右", "b1.s0", "居民消费价格涨幅", "", "左右"), "CPI increase: about 3%"),
    (Target("城镇登记失业率4.5%以内", "b1.s0", "城镇登记失业率", "", "以内"),
     "registered urban unemployment rate: up to 4.5%"),
    (Target("国际收支基本平衡", "b1.s0", "国际收支", "", "基本平衡"), "balance of payments: in basic equilibrium"),
    (Target("生态环境质量进一步改善", "b1.s0", "生态环境质量", "", "进一步改善"),
     "quality of the eco-environment: further improved"),
    (Target("单位国内生产总值能耗和主要污染物排放量继续下降", "b1.s0", "单位国内生产总值能耗和主要污染物排放量", "",
            "继续下降"),
     "energy consumption per unit of GDP and discharge of major pollutants: continued reduction"),
    (Target("居民收入增长与经济增长基本同步", "b1.s0", "居民收入增长与经济增长", "", "基本同步"),
     "growth in personal income and economic growth: broadly in step"),
    (Target("单位国内生产总值能耗降低3%左右", "b1.s0", "单位国内生产总值能耗", "降低3%", "左右"),
     "energy consumption per unit of GDP: decrease of about 3%"),
    (Target("中央预算内投资安排6400亿元", "b1.s0", "中央预算内投资安排", "", ""),
     "central government budgetary investment allocated: 640 billion yuan"),
])
def test_standard_targets_of_work_reports(target: Target, en: str) -> None:
    assert _target_en(target) == en


@pytest.mark.parametrize(("zh", "en"), [
    ("规上工业总产值", "gross output value of industry above designated size"),
    ("高技术制造业增加值", "high-tech manufacturing value added"),
    ("居民消费价格上涨", "increase in consumer prices"),
    ("城镇调查失业率平均", "average surveyed urban unemployment rate"),
    ("农村贫困人口减少", "reduction in rural poor population"),
    ("新增“四上”企业", "new four-above enterprises"),
    ("新一代信息技术服务业营收", "new-generation information technology services revenue"),
])
def test_standard_indicators_compose(zh: str, en: str) -> None:
    assert compose(zh) == en


def test_change_verbs_and_rank_scopes_of_bulletins() -> None:
    assert change_en("上涨2.1%") == "+2.1%"
    assert change_en("下调0.5个百分点") == "-0.5 percentage points"
    assert rank_en("同类城市第2") == "2nd among cities of the same type"
