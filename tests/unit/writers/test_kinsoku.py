"""The CJK/Latin line breaker: kinsoku rules, Latin words kept whole, nothing lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from doctools.writers.kinsoku import REQUIRED_NO_END, REQUIRED_NO_START, break_lines, can_break_before


def lines_of(text: str, width_chars: int, first: int | None = None) -> list[str]:
    widths = [1.0 if ord(c) > 0x2000 else 0.5 for c in text]
    ls = break_lines(text, widths, float(first or width_chars), float(width_chars))
    return [text[ln.start:ln.end].rstrip() for ln in ls]


def test_closing_mark_pulls_previous_char_down() -> None:
    # greedy fill would start line 2 with "，"
    out = lines_of("一二三四五，六七八九十", 5)
    assert out[0] == "一二三四"
    assert out[1].startswith("五，")


def test_opening_mark_never_ends_a_line() -> None:
    out = lines_of("一二三四（五六）七八九", 5)
    assert not any(ln.endswith("（") for ln in out)
    assert "".join(out) == "一二三四（五六）七八九"


def test_ellipsis_and_dash_pairs_stay_together_and_off_line_start() -> None:
    out = lines_of("甲乙丙丁戊……己庚——辛壬癸子丑寅卯", 6)
    for ln in out:
        assert ln[0] not in "…—"


def test_latin_words_are_not_split() -> None:
    text = "We adhered to the general principle of seeking progress while keeping stability."
    out = lines_of(text, 12)  # 24 Latin chars per line
    words = set(text.split())
    for ln in out:
        for w in ln.split():
            assert w in words, (w, out)


def test_overlong_word_is_forced_but_kept() -> None:
    out = lines_of("https://example.org/averyveryverylongpathwithoutspaces", 8)
    assert "".join(out) == "https://example.org/averyveryverylongpathwithoutspaces"


def test_numbers_stay_whole_next_to_cjk() -> None:
    text = "实现地区生产总值2405.16亿元增长9.3%左右"
    for n in range(4, 12):
        joined = lines_of(text, n)
        assert not any(ln.startswith(".") or ln.startswith("%") for ln in joined)
        assert all("2405.16" in ln or "2405" not in ln for ln in joined)


def test_can_break_before_rules() -> None:
    assert can_break_before("中文", 1)
    assert not can_break_before("中，", 1)
    assert not can_break_before("（中", 1)
    assert not can_break_before("ab", 1)
    assert can_break_before("a b", 2)
    assert can_break_before("a中", 1)


_cjk = st.sampled_from("国家经济社会发展数字创新人民政府工作报告")
_punct = st.sampled_from([*list(REQUIRED_NO_START), "“", "”"])
_open = st.sampled_from(list(REQUIRED_NO_END))
_word = st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=6).map(lambda w: f" {w} ")


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(5, 60))):
        kind = draw(st.integers(0, 9))
        if kind < 6:
            parts.append(draw(_cjk))
        elif kind < 8:
            parts.append(draw(_cjk) + draw(_punct))
        elif kind == 8:
            parts.append(draw(_open) + draw(_cjk))
        else:
            parts.append(draw(_word))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(texts(), st.integers(6, 30))
def test_property_no_forbidden_line_edges_and_no_loss(text: str, width: int) -> None:
    out = lines_of(text, width)
    assert "".join(text.split()) == "".join("".join(out).split())
    for ln in out[1:]:
        assert ln.lstrip()[0] not in REQUIRED_NO_START, out
    for ln in out[:-1]:  # the paragraph's own last character is not the breaker's choice
        assert ln.rstrip()[-1] not in REQUIRED_NO_END, out


def test_opening_mark_before_a_space_stays_with_what_follows() -> None:
    out = lines_of("国国国国国“ 0 ", 6)
    assert not any(ln.rstrip().endswith("“") for ln in out), out


def test_rules_are_data_with_header_and_cover_the_required_marks() -> None:
    from doctools.resources import templates_dir
    from doctools.writers.kinsoku import NO_END, NO_START

    head = (templates_dir() / "kinsoku.tsv").read_text(encoding="utf-8").splitlines()[:8]
    for key in ("# Purpose:", "# Source:", "# Columns:"):
        assert any(ln.startswith(key) for ln in head)
    assert set(REQUIRED_NO_START) <= NO_START and set(REQUIRED_NO_END) <= NO_END
    assert not NO_START & NO_END


def test_no_break_space_binds() -> None:
    assert not can_break_before("5\u00a0km", 2)
    assert not can_break_before("5\u00a0km", 1)
