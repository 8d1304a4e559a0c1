"""The shared number tables (doctools/data/numbers/): one home each for units and qualifiers,
read by the translator, the brief and the no-break spans alike."""

from __future__ import annotations

import pytest

from doctools.resources import data_path
from doctools.tables import load_table

KINDS = {"measure", "classifier", "ordinal"}
CLASSES = {"money", "percent", "people", "count", "area", "length", "weight", "ratio", "time", "other"}


def _rows(name: str) -> list:  # type: ignore[type-arg]
    table = load_table(data_path("numbers", name), min_cols=3)
    assert {"purpose", "source", "used by", "columns"} <= set(table.header), name
    return [r for r in table.rows if r.get(0) != "zh"]


def test_units_every_spelling_once_with_a_kind_english_and_class() -> None:
    seen: set[str] = set()
    for r in _rows("units.tsv"):
        spellings = [r.get(0), *(v for v in r.get(1).split(",") if v)]
        assert not seen & set(spellings), spellings
        seen |= set(spellings)
        assert r.get(2) in KINDS, r.ref
        assert r.get(7) in CLASSES, r.ref
        if r.get(2) == "measure":
            assert r.get(3) and r.get(4), f"{r.ref}: a measure needs its English"


def test_qualifiers_sorted_unique_with_position_and_english() -> None:
    rows = _rows("qualifiers.tsv")
    keys = [r.get(0) for r in rows]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    for r in rows:
        assert r.get(2) in ("pre", "mid", "post"), r.ref
        assert r.get(3) or r.get(0) == "第", f"{r.ref}: a hedge needs its English"


@pytest.mark.parametrize(("text", "english"), [
    ("超680亿元", "more than 68 billion yuan"),
    ("6%左右", "about 6%"),
    ("不低于90%", "at least 90%"),
    ("不超过5%", "no more than 5%"),
    ("3万人上下", "about 30,000 people"),
    ("600余场", "more than 600 events"),
])
def test_the_translator_renders_the_shared_qualifiers(text: str, english: str) -> None:
    from doctools.translate.numbers import render_en

    assert render_en(text) == english


def test_a_qualifier_inside_another_word_is_not_a_hedge() -> None:
    from doctools.translate.numbers import parse

    (e,) = [e for e in parse("带动100家上下游企业") if e.kind == "number"]
    assert e.text == "100家" and not e.qualifier


def test_the_brief_reads_the_same_tables() -> None:
    from doctools.brief import tables

    assert tables.units()["千克"] == "weight" and tables.units()["%"] == "percent"
    assert {q.text for q in tables.qualifiers()} >= {"超", "超過", "左右", "余", "第"}
