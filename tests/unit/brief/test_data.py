"""The brief's data tables: headers, sorted unique keys, valid values, every pattern used."""

from __future__ import annotations

import re

import pytest

from doctools.brief import tables
from doctools.resources import data_path
from doctools.tables import load_table

TABLES = ["english.tsv", "labels.tsv", "patterns.tsv", "taiwan_terms.tsv"]


@pytest.mark.parametrize("name", TABLES)
def test_header_and_unique_sorted_keys(name: str) -> None:
    table = load_table(data_path("brief", name))
    assert {"purpose", "source", "columns"} <= set(table.header), name
    keys = [tuple(r.cells[:2]) if name == "english.tsv" else r.cells[0] for r in table.rows]
    assert len(keys) == len(set(keys)), f"{name}: duplicate keys"
    assert keys == sorted(keys), f"{name}: rows not sorted"


def test_patterns_compile_and_every_role_is_used() -> None:
    from pathlib import Path

    import doctools.brief as pkg

    code = "".join(p.read_text(encoding="utf-8") for p in Path(pkg.__file__).parent.glob("*.py"))
    for role, rx in tables.patterns().items():
        assert isinstance(rx, re.Pattern)
        assert f'"{role}"' in code, f"pattern role {role} is never used"


@pytest.mark.parametrize(("role", "text", "hit"), [
    ("targets", "今年经济社会发展主要预期目标是：", True),
    ("tasks_intro", "我们重点抓好以下十个方面工作：", True),
    ("announced", "重点抓好以下十个方面工作", True),
    ("problems", "发展中还存在一些短板不足：", True),
    ("enumerator", "一是科技创新潜力仍未充分发挥", True),
    ("rank", "位居全市第3", True),
    ("change", "同比增长9.3%", True),
    ("change", "增长较快", False),
    ("goal", "力争琶洲试验区营收超4000亿元", True),
    ("review_section", "2021年工作回顾", True),
    ("plan_section", "2022年工作安排", True),
    ("problems_intro", "我们也清醒看到面临的困难和问题。", True),
    ("plan_figure", "今年拟安排地方政府专项债券3.75万亿元", True),
    ("target_qualitative", "一般公共预算收入基本持平", True),
])
def test_pattern_cases(role: str, text: str, hit: bool) -> None:
    assert bool(tables.pattern(role).search(text)) is hit


def test_qualifier_positions_and_unit_classes() -> None:
    assert {q.position for q in tables.qualifiers()} <= {"pre", "mid", "post"}
    classes = {"money", "percent", "people", "count", "area", "length", "weight", "ratio", "time", "other"}
    assert set(tables.units().values()) <= classes


def test_labels_have_both_languages_and_english_kinds() -> None:
    for key, (zh, en) in tables.labels().items():
        assert en, key
        assert zh or key == "untranslated_note", key
    kinds = {r.cells[0] for r in load_table(data_path("brief", "english.tsv"), min_cols=3).rows}
    assert kinds == {"change", "deadline", "period", "qualitative", "rank", "suffix"}
    assert not re.search(r"[\u3400-\u9fff]", "".join(r.cells[2] for r in
                                                     load_table(data_path("brief", "english.tsv")).rows))


def test_english_rows_are_usable() -> None:
    """Suffixes carry {term}, changes are a sign, every qualitative phrase is one the extractor
    can find, and every change verb the extractor finds has a sign."""
    rows = load_table(data_path("brief", "english.tsv"), min_cols=3).rows
    for r in rows:
        kind, zh, en = r.cells[:3]
        if kind == "suffix":
            assert en.count("{term}") == 1, r.ref
        if kind == "change":
            assert en in {"+", "-"}, r.ref
        if kind == "qualitative":
            assert tables.pattern("target_qualitative").fullmatch(zh), r.ref
    changes = {r.cells[1] for r in rows if r.cells[0] == "change"}
    for verb in ("增长", "下降", "提高", "减少", "降低", "上升", "回落", "增加"):
        m = tables.pattern("change").search(f"同比{verb}3.5%")
        assert m and m.group(1) in changes, verb


def test_kinds_table_rows_are_valid() -> None:
    from doctools.brief.kinds import _signals
    from doctools.brief.model import KINDS

    table = load_table(data_path("brief", "kinds.tsv"))
    assert {"purpose", "source", "columns"} <= set(table.header)
    signals = _signals()
    assert {s.kind for s in signals} == set(KINDS) - {"other"}  # "other" is what no row recognises
    assert all(s.where in ("title", "head", "body") and s.weight > 0 and s.cap >= 1 for s in signals)
