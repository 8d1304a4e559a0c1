"""The shipped tables: format, no identity rows, no chains, one case per row, the guard list."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from doctools.convert import convert_text, phrase_table
from doctools.convert.terms import PHRASE_TABLES, builtin_rules, guard_words, table_path
from doctools.tables import load_table

CASES = Path(__file__).resolve().parents[2] / "data" / "convert" / "cases"


@pytest.mark.parametrize("name", [*PHRASE_TABLES, "guard.tsv", "signals.tsv", "discourse.tsv"])
def test_header_names_purpose_source_and_columns(name: str) -> None:
    table = load_table(table_path(name))
    assert {"purpose", "source", "columns"} <= set(table.header), name


def test_rows_are_unique_and_not_identity() -> None:
    seen: Counter[tuple[str, str, str, tuple[str, ...]]] = Counter()
    for r in builtin_rules():
        assert r.key != r.value, r.ref
        seen[(r.key, r.left, r.right, r.exceptions)] += 1
    assert [k for k, n in seen.items() if n > 1] == []


def test_vocabulary_table_is_sorted() -> None:
    keys = [r.get(0) for r in load_table(table_path("tw_cn_vocabulary.tsv")).rows]
    assert keys == sorted(keys)


def test_targets_are_stable_so_nothing_chains() -> None:
    """A row's output, on its own, is not changed again by the table (a second pass is a no-op)."""
    table = phrase_table()
    moved = [(r.ref, r.value, table.apply(r.value)[0]) for r in builtin_rules()
             if not r.review and table.apply(r.value)[0] != r.value]
    assert moved == []


def _cases(name: str) -> list[tuple[int, str, str, str]]:
    return [(r.line, r.get(0), r.get(1), r.get(2)) for r in load_table(CASES / name, min_cols=3).rows]


@pytest.mark.parametrize("name", PHRASE_TABLES)
def test_every_case_converts_as_expected(name: str) -> None:
    bad = [(line, src, convert_text(src)[0], want) for line, _k, src, want in _cases(name)
           if convert_text(src)[0] != want]
    assert bad == []


@pytest.mark.parametrize("name", PHRASE_TABLES)
def test_every_row_is_pinned_by_a_case(name: str) -> None:
    fired: set[str] = set()
    for _line, _key, src, _want in _cases(name):
        _out, changes, review = convert_text(src)
        fired |= {h.rule.ref for h in (*changes, *review)}
    rows = [r for r in builtin_rules() if r.ref.startswith(f"convert/{name}:")]
    assert rows
    assert [f"{r.ref} {r.key}" for r in rows if r.ref not in fired] == []


# the words issue 3 names as damaged by OpenCC tw2sp, plus the other guarded words it lists
ISSUE_GUARD = ("指标", "核心", "新增", "建立", "效能", "档案", "整合", "影像", "联络", "启用",
               "智慧城市", "高品质", "最佳范例奖")


def test_guard_list_holds_the_issue_words() -> None:
    assert set(ISSUE_GUARD) <= set(guard_words())


@pytest.mark.parametrize("word", sorted(set(guard_words())))
def test_guard_word_survives_in_every_context(word: str) -> None:
    for text in (word, f"，{word}，", f"“{word}”。", f"的{word}和{word}的"):
        assert convert_text(text)[0] == text


def test_guard_words_pass_through_in_realistic_sentences() -> None:
    text = ("主要经济指标呈现良好态势，新增企业574家，创新建立首席服务官体系，聚焦创新核心地位，"
            "政府效能显著优化，科普、气象、档案等工作，整合搭建区域检验检测、影像、心电中心，"
            "落实挂点联络机制，启用全省首个平台，以广州塔景区为智慧城市建设试点，推动高品质发展，"
            "进入迪拜国际可持续发展最佳范例奖第二轮角逐。")
    out, changes, _ = convert_text(text)
    assert out == text and changes == []


def test_compiled_table_is_cached() -> None:
    assert phrase_table() is phrase_table()
