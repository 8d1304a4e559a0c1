"""The shipped glossary table and the glossary loader."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from doctools.errors import ConfigError
from doctools.tables import load_table
from doctools.translate.glossary import default_path, load_glossary, read_terms

# the seed table the project was given: shared/ sits beside the checkout (and beside CI's clone)
SEED = Path(__file__).resolve().parents[4] / "shared" / "data" / "glossary-gov-zh-en.tsv"


def test_table_has_header_and_clean_rows() -> None:
    table = load_table(default_path(), min_cols=3)
    assert {"purpose", "source", "columns"} <= set(table.header)
    terms = read_terms(default_path())
    assert len(terms) >= 120
    keys = [t.zh for t in terms]
    assert len(keys) == len(set(keys)), "duplicate zh keys"
    for t in terms:
        assert t.note, f"{t.ref}: every rendering names its source"
        assert t.en == t.en.strip() and "  " not in t.en, t.ref


@pytest.mark.skipif(not SEED.is_file(), reason="shared seed glossary not present")
def test_every_seed_term_is_kept_with_its_source() -> None:
    rows = [r for r in csv.reader(SEED.open(encoding="utf-8"), delimiter="\t")
            if r and not r[0].startswith("#") and r[0] != "zh"]
    gl = load_glossary()
    for zh, _en, note in rows:
        key = zh[1:-1] if zh.startswith("“") and zh.endswith("”") and zh.count("“") == 1 else zh
        assert key in gl.terms, zh
        assert "seed" in gl.terms[key].note
        if note.startswith("http"):
            assert note.split()[0] in gl.terms[key].note


def test_longest_match_wins_and_quotes_stay_in_text() -> None:
    gl = load_glossary()
    hits = gl.find("推进琶洲人工智能与数字经济试验区建设，落实“双减”。")
    assert [(t.zh, t.en) for _, _, t in hits] == [
        ("琶洲人工智能与数字经济试验区", "Pazhou Artificial Intelligence and Digital Economy Pilot Zone"),
        ("双减", "double reduction"),
    ]


def test_traditional_spellings_for_hant_text() -> None:
    gl = load_glossary().for_script("Hant")
    assert [t.en for _, _, t in gl.find("海珠區地區生產總值")] == ["Haizhu District", "gross regional product"]
    assert load_glossary().for_script("Hans").find("海珠區") == []


def test_user_glossary_overrides_and_extends(tmp_path: Path) -> None:
    f = tmp_path / "mine.tsv"
    f.write_text("# Purpose: test\nzh\ten\tnote\n海珠区\tHaizhu\tmy style\n新词\tnew term\t\n", encoding="utf-8")
    gl = load_glossary([f])
    assert gl.terms["海珠区"].en == "Haizhu" and gl.terms["新词"].en == "new term"
    assert gl.version() != load_glossary().version()


def test_bad_user_glossary_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.tsv"
    f.write_text("海珠区\t海珠\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:1"):
        load_glossary([f])


@pytest.mark.parametrize(("zh", "en"), [
    ("规模以上工业增加值", "value added of industry above designated size"),
    ("单位国内生产总值能耗", "energy consumption per unit of GDP"),
    ("城镇登记失业率", "registered urban unemployment rate"),
    ("居民消费价格涨幅", "CPI increase"),
    ("国际收支", "balance of payments"),
    ("主要污染物排放量", "discharge of major pollutants"),
    ("每万人发明专利拥有量", "invention patents per 10,000 people"),
    ("空气质量优良天数比例", "proportion of days with good or excellent air quality"),
    ("实际使用外资", "actually utilized foreign investment"),
    ("碳达峰碳中和", "peaking carbon emissions and achieving carbon neutrality"),
    ("老旧小区改造", "renovation of old residential communities"),
])
def test_standard_report_terms(zh: str, en: str) -> None:
    assert load_glossary().terms[zh].en == en


def test_nested_indicator_names_match_the_longest_form() -> None:
    gl = load_glossary()
    text = "城镇居民人均可支配收入增长，单位国内生产总值能耗下降，城镇新增就业1100万人。"
    assert [t.zh for _, _, t in gl.find(text)] == ["城镇居民人均可支配收入", "单位国内生产总值能耗", "城镇新增就业"]


def test_every_note_names_a_source_or_says_unverified() -> None:
    for t in read_terms(default_path()):
        assert "http" in t.note or "seed" in t.note or "verified" in t.note or "unconfirmed" in t.note, t.ref


def test_wrapped_terms_are_stored_without_quotes() -> None:
    """A key written with its quotes would swallow them; wrapped terms are stored bare."""
    for t in read_terms(default_path()):
        assert not (t.zh.startswith("“") and t.zh.endswith("”") and t.zh.count("“") == 1), t.ref
