"""The no-break table (templates/nobreak.tsv) and the spans it gives the line breakers."""

from __future__ import annotations

import pytest

from doctools import nobreak
from doctools.resources import templates_dir
from doctools.tables import load_table
from doctools.writers.kinsoku import break_mask

TABLE = templates_dir() / "nobreak.tsv"


def test_header_names_format_purpose_users_and_source() -> None:
    head = [ln for ln in TABLE.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    for key in ("# Format:", "# Purpose:", "# Used by:", "# Source:", "# Columns:"):
        assert any(ln.startswith(key) for ln in head), key


def test_rows_are_grouped_sorted_unique_and_valid() -> None:
    rows = load_table(TABLE, min_cols=2).rows
    kinds = [r.get(0) for r in rows]
    assert set(kinds) <= set(nobreak.KINDS)
    # grouped: each kind forms one run, in the documented order
    order = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert order == [k for k in nobreak.KINDS if k in kinds]
    for kind in nobreak.KINDS:
        words = [r.get(1) for r in rows if r.get(0) == kind]
        assert words == sorted(words), kind
        assert len(words) == len(set(words)), kind
    for r in rows:
        word = r.get(1)
        assert word and word == word.strip() and not any(c.isspace() for c in word), r.ref
        if r.get(0) != "unit":
            assert len(word) >= 2, r.ref  # a one-character word has nothing to keep together


def test_every_word_is_in_the_pdf_fonts() -> None:
    from doctools.writers import _fonts

    text = "".join(w for words in nobreak.table().values() for w in words)
    assert _fonts.missing_chars(text) == set()


def test_leaders_and_titles_are_listed() -> None:
    t = nobreak.table()
    assert {"习近平", "李克强", "李强", "韩正", "王岐山"} <= set(t["name"])
    assert {"总书记", "总理", "副总理", "副主席", "国务委员"} <= set(t["title"])
    assert {"十四五", "一带一路"} <= set(t["phrase"])


def _spans(text: str, traditional: bool = False) -> list[tuple[str, str]]:
    return [(s.text(text), s.kind) for s in nobreak.spans(text, traditional=traditional)]


@pytest.mark.parametrize(("text", "expected"), [
    ("习近平总书记对第130届广交会发来贺信", [("习近平", "name"), ("总书记", "title"), ("第130届", "number")]),
    ("李克强总理、韩正副总理", [("李克强", "name"), ("总理", "title"), ("韩正", "name"), ("副总理", "title")]),
    ("实现地区生产总值2405.16亿元，增长38%", [("2405.16亿元", "number"), ("38%", "number")]),
    ("新增15万平方米，超600余场，3万多人", [("15万平方米", "number"), ("600余场", "number"), ("3万多人", "number")]),
    ("提高2.5个百分点，2022年1月5日", [("2.5个百分点", "number"), ("2022年", "number"), ("1月", "number"),
                                   ("5日", "number")]),
    ("建设“1+18+N”平台，抗击COVID-19疫情", [("1+18+N", "latin"), ("COVID-19", "latin")]),
    ("“十四五”时期，共建“一带一路”", [("十四五", "phrase"), ("一带一路", "phrase")]),
])
def test_spans(text: str, expected: list[tuple[str, str]]) -> None:
    assert _spans(text) == expected


def test_traditional_forms_are_derived_for_traditional_documents() -> None:
    assert _spans("習近平總書記", traditional=True) == [("習近平", "name"), ("總書記", "title")]
    assert _spans("習近平總書記") == []  # a Simplified document is not searched for them


def test_a_comma_groups_thousands_only_before_three_digits() -> None:
    assert _spans("1,234万元") == [("1,234万元", "number")]
    assert _spans("第3，5项") == [("第3", "number"), ("5项", "number")]  # a list: two numbers


def test_no_line_may_break_inside_a_span() -> None:
    text = "过去一年习近平总书记指出地区生产总值2405.16亿元增长38%建设1+18+N平台"
    mask = break_mask(text, nobreak.glue(text))
    for s in nobreak.spans(text):
        assert not any(mask[i] for i in range(s.start + 1, s.end)), s.text(text)
        assert mask[s.start]  # before a span a break is fine
    assert mask[1] and mask[2]  # ordinary Chinese still breaks anywhere


def test_a_bad_kind_is_a_config_error(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    from pathlib import Path

    from doctools.errors import ConfigError

    home = Path(str(tmp_path))
    shutil.copytree(templates_dir(), home / "templates")
    (home / "templates" / "nobreak.tsv").write_text("# Format: x\nnames\t习近平\n", encoding="utf-8")
    monkeypatch.setenv("DOCTOOLS_HOME", str(home))
    nobreak.table.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"nobreak\.tsv:2"):
            nobreak.table()
    finally:
        monkeypatch.delenv("DOCTOOLS_HOME")
        nobreak.table.cache_clear()
