"""The converter on one huge block (built here): detected and converted like any text, in
linear work — review offsets, the regional editions' diff, detection sampling."""

from __future__ import annotations

from doctools.convert import to_simplified, to_traditional
from doctools.convert.detect import SAMPLE, sample
from doctools.convert.edition import _regions
from doctools.convert.simplified import _detection_text
from doctools.readers.txt import document_from_lines


def _doc(*lines: str):  # type: ignore[no-untyped-def]
    return document_from_lines(list(lines), source="x.txt", sha256="0" * 64, encoding="utf-8")


def test_document_of_one_huge_line_is_converted() -> None:
    """Detection took every n-th piece of a long document: with one huge line it read only
    the (empty) title, judged the script unknown and left the text unconverted."""
    n = 20_000
    out = to_simplified(_doc("我們最佳化流程，套用其他。" * n))
    assert out.blocks[0].text == "我们优化流程，套用其他。" * n
    review = [x for x in out.notices if "套用" in x.message]
    assert len(review) == n
    last = review[-1].message
    assert f"offset {len('我们优化流程，套用其他。') * (n - 1) + 7}" in last  # offsets in the converted text


def test_detection_windows_equal_sampling_the_joined_text() -> None:
    texts = ["", "abc" * 50_000, "中文" * 30_000, "x", "甲乙" * 40_000]
    assert _detection_text(texts) == sample("\n".join(texts), SAMPLE - 40)
    short = ["標題", "正文"]
    assert _detection_text(short) == "標題\n正文"


def test_regional_edition_of_one_long_line() -> None:
    """to_traditional compared the block's two conversions with difflib: quadratic (80,000
    characters took two minutes). Compared piece by piece between punctuation now."""
    line = "加强互联网信息服务管理，推进软件和信息技术服务业发展。" * 4_000
    out = to_traditional(_doc(line), "TW")
    assert out.blocks[0].text == "加強網際網路資訊服務管理，推進軟體和資訊科技服務業發展。" * 4_000
    assert sum(1 for e in out.edits if e.after == "網際網路資訊") == 4_000


def test_regions_cut_at_punctuation_equal_a_whole_diff() -> None:
    import difflib

    a, b = "互聯網，軟件。信息！", "網際網路，軟體。資訊！"
    whole = [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in
             difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op != "equal"]
    assert _regions(a, b) == whole
