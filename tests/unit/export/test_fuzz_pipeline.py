"""Fuzz: arbitrary inputs through reader → cleaner → converter → brief raise nothing but
doctools' own errors (which the CLI turns into one line)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doctools.errors import DoctoolsError
from doctools.readers import read_path

PIECES = [
    "一、", "二、", "（一）", "(二)", "1.", "2．", "（1）", "各位代表:", "各位代表：", "基本介紹", "相關詞條",
    "海珠區2022年政府工作報告", "是由海珠區發布的報告。", "地區生產總值2405.16億元", "增長9.3%", "6%左右",
    "超680億元", "2.55萬人", "第130屆", "主要預期目標是:", "重點抓好以下十個方面工作:", "一是", "二是", "短板",
    "。", "，", ",", ":", ";", "!", "?", "(", ")", "“", "”", "……", "PM2.5", "1+6+N", "5G", "http://x.y/a?b=1;c",
    "\n", "\n\n", "\r\n", "  ", "\u3000", "\u00a0", "\u200b", "\t", "套用", "最佳化", "中國小", "捷運", "著力",
]
text_strategy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)


def _pipeline(data: bytes, suffix: str = ".txt") -> None:
    from doctools.brief import make_brief
    from doctools.clean import clean
    from doctools.convert import to_simplified

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"fuzz{suffix}"
        p.write_bytes(data)
        try:
            doc = clean(read_path(p))
            simplified = to_simplified(doc)
            make_brief(simplified)
        except DoctoolsError as exc:
            assert str(exc) and "\n" not in str(exc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy, st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]))
def test_text_in_any_encoding(text: str, encoding: str) -> None:
    _pipeline(text.encode(encoding, errors="ignore"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _pipeline(data)


@settings(max_examples=60, deadline=None)
@given(text_strategy)
def test_html_and_markdown_readers(text: str) -> None:
    _pipeline(f"<html><body><p>{text}</p><script>x()</script></body></html>".encode(), ".html")
    _pipeline(f"# {text}\n\n- {text}\n".encode(), ".md")
