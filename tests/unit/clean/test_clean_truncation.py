"""clean.truncation: a source cut short is flagged (Notice + metadata.extra), a complete one is not.

Checked on the class, not the example alone: the corpus holds complete national reports and
openings-only copies of others (tests/data/corpus/SOURCES.md), and constructed texts try
each signal and its look-alikes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from doctools.clean import clean
from doctools.clean.truncation import KEY, NAME, clean_truncation
from doctools.convert import to_simplified
from doctools.model import Document
from doctools.pipeline import load_clean

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "corpus"
COMPLETE = ["2016", "2019", "2020", "2021", "2022"]
OPENINGS = ["2009", "2011", "2013"]
_P = iter(range(10**6))


def _p() -> str:
    """A distinct body paragraph (a repeated one would be removed as a duplicate)."""
    return f"全面推进第{next(_P)}项工作，确保完成全年目标任务。"


def _cleaned(make_doc: Callable[..., Document], *lines: str) -> Document:
    return clean(make_doc("某区政府工作报告", "各位代表：", *(_p() if ln == "P" else ln for ln in lines)))


def test_example_is_cut_inside_its_ninth_of_ten_parts() -> None:
    doc = load_clean(ROOT / "examples" / "haizhu-2022.raw.txt")
    why = doc.metadata.extra[KEY]
    assert "announces 10 parts" in why and "only 9 follow" in why and "\n" not in why
    (notice,) = [n for n in doc.notices if n.step == NAME]
    assert notice.level == "warning" and notice.message == why and notice.block_id == doc.blocks[-1].id
    assert to_simplified(doc).metadata.extra[KEY] == why  # derived editions keep it


@pytest.mark.parametrize("year", COMPLETE)
@pytest.mark.parametrize("kind", ["raw", "zhs"])
def test_complete_reports_are_not_flagged(year: str, kind: str) -> None:
    doc = load_clean(CORPUS / f"cn-gov-report-{year}.{kind}.txt")
    assert KEY not in doc.metadata.extra
    assert not [n for n in doc.notices if n.step == NAME]


@pytest.mark.parametrize("year", OPENINGS)
@pytest.mark.parametrize("kind", ["raw", "zhs"])
def test_openings_only_copies_are_flagged(year: str, kind: str) -> None:
    assert "cut short" in load_clean(CORPUS / f"cn-gov-report-{year}.{kind}.txt").metadata.extra[KEY]


def test_announced_parts_all_present(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P", "二、今年工作安排", "重点抓好以下三个方面工作：", "（一）抓创新。", "P",
                   "（二）抓改革。", "P", "（三）抓民生。", "P")
    assert KEY not in doc.metadata.extra


def test_announced_parts_missing_at_the_end(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P", "二、今年工作安排", "重点抓好以下三个方面工作：", "（一）抓创新。", "P",
                   "（二）抓改革。", "P")
    assert "announces 3 parts" in doc.metadata.extra[KEY] and "（一）–（二）" in doc.metadata.extra[KEY]


def test_short_series_closed_by_a_later_section_is_not_truncation(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、今年工作安排", "重点抓好以下三个方面工作：", "（一）抓创新。", "P",
                   "（二）抓改革。", "P", "二、自身建设", "P")
    assert KEY not in doc.metadata.extra


@pytest.mark.parametrize(("parts", "flagged"), [(1, True), (2, False)])
def test_several_means_at_least_two(make_doc: Callable[..., Document], parts: int, flagged: bool) -> None:
    heads = [x for k in range(parts) for x in (f"（{'一二'[k]}）抓落实。", "P")]
    doc = _cleaned(make_doc, "一、回顾", "P", "二、安排", "今年要重点做好以下几方面工作。", *heads)
    assert (KEY in doc.metadata.extra) is flagged


def test_parts_written_as_paragraphs_are_not_counted(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P", "二、安排", "主要抓好以下三个方面：", "一是抓创新。", "二是抓改革。", "P")
    assert KEY not in doc.metadata.extra


def test_text_ending_mid_sentence(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P", "二、安排", "国家助学制度不断完善，实现从学前教育到研究生教育全覆盖，")
    assert "ends mid-sentence" in doc.metadata.extra[KEY]


@pytest.mark.parametrize("end", ["而努力奋斗！", "他说：“好。”", "增长8%（预计）。", "谢谢大家……"])
def test_sentence_final_endings_are_complete(make_doc: Callable[..., Document], end: str) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P", "二、安排", f"我们要团结一心，{end}")
    assert KEY not in doc.metadata.extra


def test_closing_lines_and_table_cells_are_not_prose(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P", "二、安排", "P", "指标", "2405.16亿元", "海珠区人民政府", "2022年1月5日")
    assert KEY not in doc.metadata.extra


def test_text_ending_with_a_bare_heading(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P", "二、安排", "P", "三、自身建设")
    assert "ends with the heading 三、" in doc.metadata.extra[KEY]


def test_notice_once_and_key_cleared_when_repaired(make_doc: Callable[..., Document]) -> None:
    doc = _cleaned(make_doc, "一、回顾", "P")
    assert "stop after 一、" in doc.metadata.extra[KEY]
    again = clean(doc)
    assert [n for n in again.notices if n.step == NAME] == [n for n in doc.notices if n.step == NAME]
    repaired = _cleaned(make_doc, "一、回顾", "P", "二、安排", "P")
    stale = repaired.with_changes(metadata=repaired.metadata.__class__(
        **{**repaired.metadata.__dict__, "extra": {**repaired.metadata.extra, KEY: "old"}}))
    assert KEY not in clean_truncation(stale).metadata.extra


def test_an_item_closing_on_its_responsible_bodies_is_complete() -> None:
    from doctools.clean import clean
    from doctools.readers import read_data

    text = ("某市关于推进数字政府建设的实施方案\n一、总体要求\n到2025年，基本建成数字政府。\n二、主要任务\n"
            "（一）推进数据共享。建立共享机制，形成以点带面的良好局面。（持续推进，牵头单位：市委宣传部、市政府办公室）\n")
    doc = clean(read_data(text.encode(), "plan.txt"))
    assert "source.truncated" not in doc.metadata.extra
    cut_text = text + "（二）加强安全保障。建立健全数据安全管理制度，"
    cut = clean(read_data(cut_text.encode(), "cut.txt"))
    assert "source.truncated" in cut.metadata.extra
