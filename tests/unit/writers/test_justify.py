"""The paragraph fitter: CLREQ punctuation compression, the 0.1 em cap, short last lines.

Widths are in em (1.0 per Hanzi, 0.5 per digit); compressible blanks as a mainland font has
them (。，、 and closing marks on the right, opening marks on the left, half an em each).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from doctools import nobreak
from doctools.writers import _justify
from doctools.writers.kinsoku import REQUIRED_NO_END, REQUIRED_NO_START, break_mask

CLOSE = "，。、；：！？）》」』”’"
OPEN = "（《「『“‘"


def metrics(text: str) -> _justify.Metrics:
    widths = [0.5 if c.isascii() else 1.0 for c in text]
    lcap = [0.5 if c in OPEN else 0.0 for c in text]
    rcap = [0.5 if c in CLOSE else 0.0 for c in text]
    mask = break_mask(text, nobreak.glue(text))
    return _justify.Metrics(text, widths, lcap, rcap, mask, em=1.0)


def lines(text: str, width: float, first: float | None = None) -> tuple[_justify.Metrics, list[_justify.Line]]:
    m = metrics(text)
    return m, _justify.fit(m, first if first is not None else width, width)


def texts(text: str, ls: list[_justify.Line]) -> list[str]:
    return [text[ln.start:ln.end].strip() for ln in ls]


def test_adjacent_marks_take_one_and_a_half_em() -> None:
    m, ls = lines("他说。“好”，我们走。", 20)
    xs, _, _ = _justify.place(m, ls[0])
    k = m.text.index("。“")
    assert xs[k + 1] - xs[k] == 0.5  # 。 compressed to half width before “
    assert xs[m.text.index("”，") + 1] - xs[m.text.index("”，")] == 0.5
    assert ls[0].width == len(m.text) - 1.0  # two pairs, half an em each


def test_a_line_end_mark_is_squeezed_before_a_character_is_pushed_down() -> None:
    # 10 cells: nine Hanzi and a stop fit only if the stop sits on half a cell
    text = "一二三四五六七八九十。甲乙丙丁"
    _, ls = lines(text, 10.5)
    assert texts(text, ls)[0] == "一二三四五六七八九十。"
    assert ls[0].squeeze_end == 0.5


def test_stretch_never_exceeds_the_cap_and_a_long_number_goes_down() -> None:
    # the greedy way leaves 5 cells over 20 gaps (0.25 em) before an unbreakable number
    text = "深化数字政府改革。聚焦政务数字化，建设提升" + "2405.16亿元" + "政务大数据中心。" * 3
    _, ls = lines(text, 26.0, first=24.0)
    for ln in ls[:-1]:
        assert ln.stretch <= 0.1 + 1e-9, texts(text, ls)
    joined = "".join(texts(text, ls))
    assert joined == text
    assert all("2405.16亿元" in t or "2405" not in t for t in texts(text, ls))


def test_a_last_line_of_under_three_characters_pulls_one_down() -> None:
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸定。"
    _, ls = lines(text, 20)
    out = texts(text, ls)
    assert len(out) == 2 and len(out[-1]) >= 3, out


def test_latin_text_breaks_at_spaces_and_stretches_only_there() -> None:
    text = "We adhered to the general principle of seeking progress while keeping stability."
    widths = [0.5] * len(text)
    rcap = [0.5 / 3 if c == " " else 0.0 for c in text]
    m = _justify.Metrics(text, widths, [0.0] * len(text), rcap, break_mask(text), em=1.0, latin=True)
    ls = _justify.fit(m, 12, 12)
    words = set(text.split())
    for ln in ls:
        assert set(text[ln.start:ln.end].split()) <= words
    assert not any(m.stretchy[k] for k in range(1, len(text)) if text[k - 1] != " ")


_cjk = st.sampled_from("国家经济社会发展数字创新人民政府工作报告")
_punct = st.sampled_from([*CLOSE, "…"])
_open = st.sampled_from(list(OPEN))
_token = st.sampled_from(["2405.16亿元", "38%", "习近平", "总书记", "1+18+N", "COVID-19", "第130届"])


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(3, 90))):
        kind = draw(st.integers(0, 9))
        if kind < 6:
            parts.append(draw(_cjk))
        elif kind < 8:
            parts.append(draw(_cjk) + draw(_punct))
        elif kind == 8:
            parts.append(draw(_open) + draw(_cjk))
        else:
            parts.append(draw(_token))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(paragraphs(), st.integers(12, 30))
def test_property_fit_keeps_every_promise(text: str, width: int) -> None:
    m, ls = lines(text, float(width), float(width - 2))
    out = texts(text, ls)
    assert "".join(out) == text  # nothing lost, nothing added
    for ln in ls:
        assert ln.stretch <= 0.1 + 1e-9
        assert ln.width <= (width if ln.start else width - 2) + 1e-6  # no line overfull
        xs, _, _ = _justify.place(m, ln)
        assert xs == sorted(xs)  # glyphs never step back
    for t in out[1:]:
        assert t[0] not in REQUIRED_NO_START, out
    for t in out[:-1]:
        assert t[-1] not in REQUIRED_NO_END, out
    cuts = {ln.start for ln in ls[1:]}
    for s in nobreak.spans(text):
        assert not any(s.start < c < s.end for c in cuts), (s.text(text), out)
    if len(ls) > 1 and width >= 14:
        assert len(out[-1]) >= 3, out


def test_two_unbreakable_spans_never_leave_one_character_alone() -> None:
    """Found by the property test: a line left ragged before a number with its unit beats
    a last line of one character."""
    text = "国2405.16亿元2405.16亿元国"
    _, ls = lines(text, 14.0, 12.0)
    assert texts(text, ls) == ["国2405.16亿元", "2405.16亿元国"]
    assert all(ln.stretch <= 0.1 + 1e-9 for ln in ls)
