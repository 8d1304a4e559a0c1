"""Property tests of the whole cleaner (hypothesis): no exception, lossless, idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doctools.clean import clean
from doctools.clean.lossless import check
from doctools.readers.txt import document_from_lines

# Lines built from the pieces real reports are made of, plus arbitrary text.
PIECES = st.sampled_from(
    [
        "一、", "二、", "（一）", "(二)", "1.", "2．", "（1）", "各位代表：", "各位代表!", "同志們:",
        "經濟", "增長", "8.1%", "PM2.5", "1+6+N", "5G", "10:30", "1,000", ",", ":", ";", "!", "?", "(", ")",
        "，", "。", "：", "；", "！", "？", "（", "）", "“", "”", "、", " ", "\u3000", "\u00a0", "\u200b", "\t",
        "基本介紹", "相關詞條", "編輯", "是由", "發布的報告。", "報告", "強化創新策源功能。", "Hello, world",
        "海珠區", "政府工作", "发布", "报告", "——", "國務院總理 李克強", "2022年3月5日",
        "聚焦創新核心地位，增強高質量發展引領力。", "過去一年，我們堅持穩中求進工作總基調，經濟運行總體平穩。",
        "版權所有", "[引用日期2020-06-01]", "首页 > 政务公开", "《", "》",
    ]
)
LINE = st.one_of(st.lists(PIECES, max_size=12).map("".join), st.text(max_size=40))
BASE = st.lists(LINE, min_size=0, max_size=25)


@st.composite
def _with_repeats(draw: st.DrawFn) -> list[str]:
    """Lines, sometimes with a run of them pasted again further down (the scraping bug)."""
    lines = draw(BASE)
    if len(lines) >= 2 and draw(st.booleans()):
        a = draw(st.integers(0, len(lines) - 1))
        b = draw(st.integers(a + 1, len(lines)))
        at = draw(st.integers(b, len(lines)))
        lines = lines[:at] + lines[a:b] + lines[at:]
    return lines


LINES = _with_repeats()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _doc(lines: list[str]):  # type: ignore[no-untyped-def]
    # the reader splits on line breaks first; mimic it so each item is one source line
    flat: list[str] = []
    for ln in lines:
        flat.extend(ln.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return document_from_lines(flat, source="h.txt", sha256="0" * 64, encoding="utf-8")


@SETTINGS
@given(LINES)
def test_no_exception_and_lossless(lines: list[str]) -> None:
    raw = _doc(lines)
    out = clean(raw)
    assert check(raw, out) is None


@SETTINGS
@given(LINES)
def test_idempotent(lines: list[str]) -> None:
    once = clean(_doc(lines))
    twice = clean(once)
    assert twice.blocks == once.blocks
    assert twice.edits == once.edits
    assert twice.notices == once.notices
    assert twice.metadata == once.metadata


@SETTINGS
@given(LINES)
def test_ids_unique(lines: list[str]) -> None:
    out = clean(_doc(lines))
    ids = [b.id for b in out.blocks]
    assert len(ids) == len(set(ids))
    for b in out.blocks:
        assert b.text or b.label
