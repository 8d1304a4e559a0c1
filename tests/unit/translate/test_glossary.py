"""The shipped glossary table and the glossary loader."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from doctools.errors import ConfigError
from doctools.tables import load_table
from doctools.translate.glossary import default_path, load_glossary, read_terms

SEED = Path("/work/shared/data/glossary-gov-zh-en.tsv")


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
