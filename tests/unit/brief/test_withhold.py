"""Withhold, don't refuse; full-width digits, signs and units compare as half-width ones.

The regression (issue 13): a work report whose source writes 增长37.2％ got no brief at all
(``figure.9: change '增长37.2％' is not in its source clause``). Now every full-width form
reads and checks like its half-width form, and an item the check cannot confirm is left
out and listed — the brief is refused only when nothing faithful remains.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from doctools.brief import make_brief
from doctools.brief.check import findings
from doctools.brief.model import Figure, from_json
from doctools.brief.numexpr import find
from doctools.brief.withhold import withhold
from doctools.errors import FaithfulnessError
from doctools.model import Block, Document, Metadata
from doctools.numerals import fold
from doctools.writers.brief import brief_files


def _review(text: str) -> Document:
    return Document(Metadata(title="某区2022年政府工作报告", source_path="/in/report.txt", language="zh-Hans"),
                    (Block("b0", "paragraph", "各位代表：现在，我代表区人民政府，向大会报告工作。"),
                     Block("b1", "heading", "2022年工作回顾", level=1, label="一、"),
                     Block("b2", "paragraph", text)))


@pytest.mark.parametrize(("text", "value", "change"), [
    ("全区地区生产总值2405.16亿元，增长37.2％。", "2405.16亿元", "增长37.2%"),       # ％
    ("全区地区生产总值2405．16亿元，增长9.3%。", "2405.16亿元", "增长9.3%"),         # ．
    ("全区地区生产总值２４０５.１６亿元，增长９.３%。", "2405.16亿元", "增长9.3%"),    # full-width digits
    ("全区地区生产总值2405.16亿元，增长－3.5%。", "2405.16亿元", "增长-3.5%"),       # －
    ("全区地区生产总值2405.16亿元，增长＋3.5%。", "2405.16亿元", "增长+3.5%"),       # ＋
])
def test_full_width_forms_read_and_check_like_half_width(text: str, value: str, change: str) -> None:
    doc = _review(text)
    b = make_brief(doc)
    f = b.figures[0]
    assert (f.value + f.unit, f.change) == (value, change)
    assert f.text in text  # the clause stays as the source wrote it
    assert b.withheld == () and findings(b, doc) == []


def test_full_width_tilde_range_keeps_both_ends() -> None:
    exprs = find("培训周期3～5年")
    assert [e.key[:4] for e in exprs] == [("number", "3", "5", "年")]
    assert fold("３～５％") == "3~5%"


def test_sign_is_part_of_the_comparison() -> None:
    doc = _review("全区地区生产总值2405.16亿元，增长-3.5%。")
    b = make_brief(doc)
    bad = dataclasses.replace(b, figures=(dataclasses.replace(b.figures[0], change="增长3.5%"),))
    assert any("change" in r for _, r in findings(bad, doc))
    assert find("增长-3.5%")[0].key != find("增长3.5%")[0].key


def test_full_width_percent_change_that_differs_is_still_caught() -> None:
    doc = _review("全区地区生产总值2405.16亿元，增长37.2％。")
    b = make_brief(doc)
    bad = dataclasses.replace(b, figures=(dataclasses.replace(b.figures[0], change="增长37.3%"),))
    assert [k for k, _ in findings(bad, doc)] == ["figure.0"]


def test_an_unfaithful_item_is_withheld_and_listed_not_refused() -> None:
    doc = _review("全区地区生产总值2405.16亿元，增长9.3%。新增“四上”企业574家，增长38%。")
    b = make_brief(doc)
    assert len(b.figures) == 2
    wrong = Figure("新增“四上”企业", "575", "家", "", "增长38%", "", "新增“四上”企业575家，增长38%",
                   b.figures[1].source_id)
    out = withhold(dataclasses.replace(b, figures=(b.figures[0], wrong)), doc)
    assert [f.indicator for f in out.figures] == ["地区生产总值"]
    assert [(w.key, w.text) for w in out.withheld] == [("figure.1", "新增“四上”企业575家，增长38%")]
    assert "575" in out.withheld[0].reason or "value" in out.withheld[0].reason
    files = brief_files(out, "r", langs="zh-Hans", formats="json,md")
    data = json.loads(files["r.brief.json"])
    assert data["withheld"][0]["key"] == "figure.1" and data["kind"] == "work_report"
    assert from_json(files["r.brief.json"].decode("utf-8")).withheld == out.withheld
    assert "有1项未能与原文逐字核对一致" in files["r.brief.zh-Hans.md"].decode("utf-8")


def test_refused_only_when_nothing_faithful_remains() -> None:
    doc = _review("全区地区生产总值2405.16亿元，增长9.3%。")
    b = make_brief(doc)
    only = dataclasses.replace(b, summary=(), figures=(dataclasses.replace(b.figures[0], value="2406.16"),))
    with pytest.raises(FaithfulnessError, match="nothing faithful remains"):
        withhold(only, doc)
