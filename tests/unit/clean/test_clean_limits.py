"""The cleaner on hostile input: linear work, no catastrophic regex, no step that scans all
earlier blocks per block. Inputs are built here; work is counted (comparisons, regex
shape), never timed."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

from doctools.clean import clean
from doctools.clean import duplicates as dup
from doctools.clean.chrome import match
from doctools.clean.punctuation import positions
from doctools.clean.structure import rules
from doctools.model import Document
from doctools.resources import data_path
from doctools.tables import load_table

ROOT = Path(__file__).resolve().parents[3]


def _greedy_unbounded(pattern: str) -> int:
    """How many greedy repeats without an upper bound (``*``, ``+``, ``{n,}``) ``pattern`` has."""
    count = 0
    todo = [sre_parse.parse(pattern)]
    while todo:
        for op, av in todo.pop():
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                count += av[1] == sre.MAXREPEAT
                todo.append(av[2])
            elif op == sre.POSSESSIVE_REPEAT:
                todo.append(av[2])
            elif op == sre.SUBPATTERN:
                todo.append(av[-1])
            elif op == sre.BRANCH:
                todo.extend(av[1])
            elif op == sre.ATOMIC_GROUP:
                todo.append(av)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                todo.append(av[1])
    return count


def _table_regexes() -> list[tuple[str, str]]:
    chrome = load_table(data_path("clean", "chrome.tsv"), min_cols=3)
    structure = load_table(data_path("clean", "structure.tsv"), min_cols=3)
    return [(r.ref, r.get(0)) for r in chrome.rows if r.get(1) == "regex"] + [(r.ref, r.get(1)) for r in structure.rows]


def test_lint_counts_greedy_repeats() -> None:
    assert _greedy_unbounded(r"a\s*\d+x.*") == 3
    assert _greedy_unbounded(r"a\s*+\d++x.*") == 1
    assert _greedy_unbounded(r"(?:a[\s\d]*)?b.{0,80}") == 1


@pytest.mark.parametrize(("ref", "pattern"), _table_regexes(), ids=lambda x: str(x)[:40])
def test_table_regexes_have_at_most_one_greedy_unbounded_repeat(ref: str, pattern: str) -> None:
    """Two greedy unbounded repeats next to each other backtrack polynomially on a line that
    nearly matches (``查看我的收藏`` + 10,000 digits + ``x``); the tables' header says so."""
    assert _greedy_unbounded(pattern) <= 1, f"{ref}: make the other repeats possessive (*+, ++)"


def test_near_matching_long_lines_are_rejected() -> None:
    """Lines built to make the old patterns backtrack: each fails at once now."""
    digits = "1 " * 20_000
    for line in (f"查看我的收藏{digits}x", f"{digits}有用+1{digits}x", f"編輯次數:{digits}x", f"字號{' ' * 40_000}x"):
        assert match(line, edge=True) is None
    date = "2022" + " " * 40_000 + "年x"
    assert not any(r.regex.fullmatch(date) for r in rules() if r.kind == "closing")


class _Counted(str):
    """A key that counts its equality tests (a linear step makes O(n) of them)."""

    calls = 0

    def __eq__(self, other: object) -> bool:
        _Counted.calls += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_duplicate_search_is_linear_in_recurring_short_lines() -> None:
    """A short line recurring 10,000 times (kept: short lines legitimately recur) used to be
    compared with every earlier copy: 50 million comparisons. Now a bounded few per line."""
    keys = [_Counted("全面完成年度目标任务。" if i % 2 else f"第{i}项工作稳步推进，成效明显。") for i in range(20_000)]
    _Counted.calls = 0
    assert dup.find(keys) == {}
    assert _Counted.calls < 50 * len(keys)


def test_run_pasted_after_many_recurrences_of_its_first_line_is_found() -> None:
    head = "（一）总体要求"
    body = ["坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。", "加快构建新发展格局，推动高质量发展。"]
    keys = [head, *body]
    for i in range(200):  # the heading recurs, each time with another body
        keys += [head, f"第{i}段不同的正文内容，各不相同。"]
    keys += [head, *body]  # the pasted copy of the first run
    removed = dup.find(keys)
    n = len(keys)
    assert removed == {n - 3: (0, "duplicates.run"), n - 2: (1, "duplicates.run"), n - 1: (2, "duplicates.run")}


def test_near_duplicate_check_stops_within_its_budget(make_doc: Callable[..., Document]) -> None:
    """Long paragraphs with the same characters in another order pass every cheap bound,
    and difflib's exact ratio costs length² each: the check stops and says so."""
    rng = random.Random(5)
    base = list("过去一年我们坚持稳中求进工作总基调经济运行总体平稳发展质量稳步提升" * 100)
    paras = []
    for _ in range(60):
        rng.shuffle(base)
        paras.append("开头八个字相同的" + "".join(base))
    out = dup.clean_duplicates(make_doc(*paras))
    assert len(out.blocks) == 60
    assert any("stopped early" in n.message for n in out.notices)


def test_punctuation_chain_converts_in_one_pass() -> None:
    """Each converted mark makes its neighbour Chinese context: the old fixpoint took one
    full pass over the line per mark (50,000 passes here)."""
    text = "a" + ", " * 50_000 + "中"
    assert len(positions(text)) == 50_000
    nested = "(" * 20_000 + "中" + ")" * 20_000
    assert len(positions(nested)) == 40_000
    latin = "(" * 20_000 + "x" + ")" * 20_000
    assert positions(latin) == []


def test_whole_cleaner_on_hostile_shapes(make_doc: Callable[..., Document]) -> None:
    """Shapes that were quadratic (a recurring body line under thousands of numbered
    headings, one long line of marks) clean completely and keep their text."""
    lines = ["某区政府工作报告"]
    for i in range(1_500):
        lines += [f"{i % 9 + 1}．落实第{i}项举措", "全面完成年度目标任务。"]
    doc = clean(make_doc(*lines))
    assert sum(1 for b in doc.blocks if b.text == "全面完成年度目标任务。") == 1_500
    long_line = clean(make_doc("标题", "中文," * 30_000))
    assert long_line.blocks[-1].text == "中文，" * 30_000


def test_regex_of_each_shape_compiles() -> None:
    for _, pattern in _table_regexes():
        re.compile(pattern)
