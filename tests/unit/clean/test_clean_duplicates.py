"""clean.duplicates: repeated paragraphs and runs kept once; near-duplicates reported."""

from __future__ import annotations

from collections.abc import Callable

from doctools.clean.duplicates import RUN_MIN, SINGLE_MIN, clean_duplicates
from doctools.model import Document

A = "過去一年，我們堅持穩中求進工作總基調，經濟運行總體平穩，發展質量穩步提升。"
B = "今年經濟社會發展主要預期目標是：地區生產總值增長6%左右，城鎮調查失業率控制在5.5%以內。"
C = "全面提升社會保障水平。辦好十件民生實事，持續優化就業創業環境，完善困難群眾幫扶機制。"
D = "加強生態環境治理體系和治理能力建設，健全生態保護統籌協調、齊抓共管工作機制。"


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def test_run_removed_at_second_position(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(A, B, C, D, "二、2022年工作安排", B, C)
    out = clean_duplicates(doc)
    assert texts(out) == [A, B, C, D, "二、2022年工作安排"]
    assert [(e.line, e.action, e.rule) for e in out.edits] == [
        (6, "remove", "duplicates.run:first=2"),
        (7, "remove", "duplicates.run:first=3"),
    ]


def test_compare_ignores_width_indentation_and_spaces(make_doc: Callable[..., Document]) -> None:
    half = A.replace("，", ",").replace("。", "。")
    doc = make_doc(A, B, "\u3000\u3000" + half + "  ")
    assert texts(clean_duplicates(doc)) == [A, B]


def test_long_single_paragraph_removed(make_doc: Callable[..., Document]) -> None:
    assert len(A) >= SINGLE_MIN
    out = clean_duplicates(make_doc(A, B, A))
    assert texts(out) == [A, B]
    assert out.edits[0].rule == "duplicates.paragraph:first=1"


def test_short_lone_repeat_is_kept(make_doc: Callable[..., Document]) -> None:
    """A short line (address, recurring heading) legitimately recurs: kept."""
    doc = make_doc("各位代表！", A, "（一）總體要求", B, "各位代表！", C, "（一）總體要求", D)
    out = clean_duplicates(doc)
    assert texts(out) == texts(doc)
    assert out.edits == ()


def test_short_lines_inside_a_repeated_run_are_removed(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("一、回顧", "各位代表！", A, D, "一、回顧", "各位代表！", A, C)
    out = clean_duplicates(doc)
    assert texts(out) == ["一、回顧", "各位代表！", A, D, C]
    assert [e.line for e in out.edits] == [5, 6, 7]


def test_run_of_short_lines_below_threshold_kept(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("甲。", "乙。", A, "甲。", "乙。")
    assert len("甲。乙。") < RUN_MIN
    assert texts(clean_duplicates(doc)) == texts(doc)


def test_triple_copy_keeps_the_first(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(A, B, C, A, B, D, A, B)
    assert texts(clean_duplicates(doc)) == [A, B, C, D]


def test_near_duplicate_is_reported_not_removed(make_doc: Callable[..., Document]) -> None:
    near = A.replace("穩步提升", "持續提升")
    out = clean_duplicates(make_doc(A, B, near))
    assert texts(out) == [A, B, near]
    (notice,) = out.notices
    assert notice.level == "warning" and notice.line == 3 and "near-duplicate of line 1" in notice.message
    again = clean_duplicates(out)
    assert again.notices == out.notices  # not repeated on a second run


def test_nothing_to_do_returns_input(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(A, B, C)
    assert clean_duplicates(doc) is doc
