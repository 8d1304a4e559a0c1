"""Fuzz: arbitrary inputs through reader → cleaner → converter → brief → writers raise nothing
but doctools' own errors (which the CLI turns into one line).

Inputs: report-like pieces mixed with random Unicode, control and bidi characters,
non-characters and lone surrogates (as a lenient decoder or a saved model can hand them
over), one huge line, and HTML nested thousands deep with characters given as references.
The writers (PDF and DOCX through ``doctools.writers.write``) and the brief run on every
cleaned Simplified edition; what they are given is only what the cleaner let through.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doctools.errors import DoctoolsError
from doctools.model import Document
from doctools.readers import read_path
from doctools.readers.txt import document_from_lines
from doctools.serialize import to_json

PIECES = [
    "一、", "二、", "（一）", "(二)", "1.", "2．", "（1）", "各位代表:", "各位代表：", "基本介紹", "相關詞條",
    "海珠區2022年政府工作報告", "是由海珠區發布的報告。", "地區生產總值2405.16億元", "增長9.3%", "6%左右",
    "超680億元", "2.55萬人", "第130屆", "主要預期目標是:", "重點抓好以下十個方面工作:", "一是", "二是", "短板",
    "。", "，", ",", ":", ";", "!", "?", "(", ")", "“", "”", "……", "PM2.5", "1+6+N", "5G", "http://x.y/a?b=1;c",
    "\n", "\n\n", "\r\n", "  ", "\u3000", "\u00a0", "\u200b", "\t", "套用", "最佳化", "中國小", "捷運", "著力",
]
# what a hostile or careless source carries: C0/C1 controls, DEL, bidi overrides and marks,
# non-characters, lone surrogates, tag and annotation characters, combining marks alone
HOSTILE = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9b", "\u202a", "\u202e",
    "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\ufffe", "\uffff", "\U0001fffe", "\ud800", "\udc80",
    "\udfff", "\U000e0041", "\ufff9", "\u0301", "\u20dd", "\ufeff", "\U0010fffd", "\ue000", "😀", "\U00020000",
]
text_strategy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)
hostile_strategy = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(HOSTILE), st.text(max_size=6)), max_size=50
).map("".join)


def _through(doc: Document, tmp: Path, *, writers: bool) -> None:
    """clean → Simplified → brief → PDF/DOCX writers; only DoctoolsError may stop it."""
    from doctools.brief import make_brief
    from doctools.clean import clean
    from doctools.convert import to_simplified

    try:
        cleaned = clean(doc)
        to_json(cleaned).encode("utf-8")  # the model must be savable as UTF-8
        simplified = to_simplified(cleaned)
    except DoctoolsError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    if writers and simplified.blocks:
        from doctools.writers import write

        for suffix in (".pdf", ".docx"):
            try:
                write(simplified, tmp / f"out{suffix}")
            except DoctoolsError as exc:
                assert str(exc) and "\n" not in str(exc)
    try:
        make_brief(simplified)
    except DoctoolsError as exc:
        assert str(exc) and "\n" not in str(exc)


def _pipeline(data: bytes, suffix: str = ".txt", *, writers: bool = False) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"fuzz{suffix}"
        p.write_bytes(data)
        try:
            doc = read_path(p)
        except DoctoolsError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        _through(doc, Path(tmp), writers=writers)


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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_strategy, min_size=1, max_size=12))
def test_hostile_characters_through_every_stage_and_both_writers(lines: list[str]) -> None:
    """Lines as a decoder might hand them over (lone surrogates included), straight into the
    model, then every stage and the PDF and DOCX writers."""
    flat = [part for ln in lines for part in ln.replace("\r\n", "\n").split("\n")]
    doc = document_from_lines(flat, source="fuzz.txt", sha256="0" * 64, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        _through(doc, Path(tmp), writers=True)


@settings(max_examples=30, deadline=None)
@given(hostile_strategy.filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t)))
def test_hostile_characters_in_every_reader(text: str) -> None:
    """The same characters arriving as bytes (UTF-8; as references in HTML)."""
    _pipeline(text.encode("utf-8"), ".txt")
    _pipeline(f"# {text}\n\n{text}\n".encode(), ".md")
    refs = "".join(f"&#x{ord(c):x};" if not c.isprintable() else c for c in text)
    _pipeline(f"<html><head><title>{refs}</title></head><body><p>{refs}</p></body></html>".encode(), ".html")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1_000, 30_000), text_strategy, st.sampled_from(["div", "span", "ul", "blockquote", "b"]))
def test_deeply_nested_html(depth: int, text: str, tag: str) -> None:
    inner = f"<p>{text}</p>" if text.strip() else "正文。"
    page = "<html><body>" + f"<{tag}>" * depth + inner + f"</{tag}>" * depth + "</body></html>"
    _pipeline(page.encode(), ".html", writers=depth < 2_000)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES + HOSTILE[:12]), min_size=20, max_size=40), st.integers(2_000, 20_000))
def test_one_huge_line(pieces: list[str], repeat: int) -> None:
    line = "".join(p for p in pieces if p not in ("\n", "\n\n", "\r\n")) * repeat
    _pipeline(line.encode("utf-8"), ".txt")
