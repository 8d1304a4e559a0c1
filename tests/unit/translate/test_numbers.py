"""Table test of the Chinese → English number converter (cases in numbers_cases.tsv)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from doctools.numerals import cn_value
from doctools.tables import load_table
from doctools.translate.numbers import parse, render_en, units

CASES = [r for r in load_table(Path(__file__).with_name("numbers_cases.tsv"), min_cols=2).rows
         if r.get(0) != "input"]


def test_table_is_broad() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("row", CASES, ids=[r.get(0) for r in CASES])
def test_render_en(row) -> None:  # type: ignore[no-untyped-def]
    assert render_en(row.get(0)) == row.get(1), row.ref


def test_parse_gives_exact_values_and_spans() -> None:
    text = "全区地区生产总值2405.16亿元，增长约8.1%，超680亿元。"
    exprs = parse(text)
    assert [e.value for e in exprs] == [Decimal("240516000000"), Decimal("8.1"), Decimal("68000000000")]
    assert [text[e.start:e.end] for e in exprs] == ["2405.16亿元", "约8.1%", "超680亿元"]
    assert exprs[0].unit == "元" and exprs[0].scaled
    assert exprs[1].kind == "percent" and exprs[1].qualifier == "about"
    assert exprs[2].qualifier == "more than"


def test_no_float_artefacts() -> None:
    # 0.1 + 0.2 style errors would show here with floats
    assert render_en("0.03万元") == "300 yuan"
    assert render_en("1.1亿元") == "110 million yuan"
    assert parse("2.55万人")[0].value == Decimal("25500")


def test_range_values() -> None:
    e = parse("2—3万元")[0]
    assert (e.value, e.high) == (Decimal(20000), Decimal(30000))


def test_text_without_numbers_unchanged() -> None:
    assert render_en("坚持高质量发展。") == "坚持高质量发展。"


def test_unit_table_loads_every_kind() -> None:
    kinds = {u.kind for u in units().values()}
    assert kinds == {"measure", "classifier", "ordinal"}
    for u in units().values():
        if u.kind == "measure":
            assert u.singular and u.plural, u.zh


@pytest.mark.parametrize(
    ("zh", "value"),
    [
        ("十", 10), ("十五", 15), ("二十", 20), ("一百一十", 110), ("一百零五", 105),
        ("一千零一", 1001), ("十万", 100_000), ("一万二千", 12_000), ("一万二", 12_000),
        ("一千二", 1_200), ("一千二百万", 12_000_000), ("三亿五千万", 350_000_000),
        ("两千万", 20_000_000), ("一万亿", 10**12), ("十亿", 10**9), ("百万", 1_000_000),
        ("一亿零五百万", 105_000_000), ("九", 9), ("零", 0),
    ],
)
def test_cn_value(zh: str, value: int) -> None:
    assert cn_value(zh) == value


@pytest.mark.parametrize(
    "zh", ["", "万", "十十", "两三", "十四五", "一二", "一亿二亿", "一万二万", "三千百", "五万一是"]
)
def test_cn_value_rejects_non_numerals(zh: str) -> None:
    assert cn_value(zh) is None


def test_cn_value_positional_only_on_request() -> None:
    assert cn_value("二〇二二") is None
    assert cn_value("二〇二二", positional=True) == 2022


def test_chinese_amount_parse_values() -> None:
    e = parse("常住人口超三十万人")[0]
    assert (e.value, e.unit, e.qualifier, e.scaled) == (Decimal(300_000), "人", "more than", True)
    assert e.text == "超三十万人"


def test_brief_cn_int_uses_the_shared_parser() -> None:
    from doctools.brief.numexpr import cn_int

    assert cn_int("十二") == 12 and cn_int("一万二千") == 12_000 and cn_int("9") == 9
    assert cn_int("十万") == cn_value("十万") == 100_000
    assert cn_int("项") is None and cn_int("") is None


def test_unit_not_before_column() -> None:
    table = units()
    barred = {w: u.not_before for w, u in table.items() if u.not_before}
    assert {"人", "家"} <= set(barred)
    for w, chars in barred.items():
        assert all("\u4e00" <= c <= "\u9fff" for c in chars), w
    assert render_en("3万人") == "30,000 people" and render_en("3万人口") == "30,000 人口"


def test_cn_to_int_is_total() -> None:
    from doctools.numerals import cn_to_int

    assert cn_to_int("十二") == 12 and cn_to_int("二〇二二") == 2022 and cn_to_int("十十") == 0
