"""clean.structure: title, subtitle, salutation, numbered headings, run-in headings, leads."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from doctools.clean import clean
from doctools.clean.structure import clean_structure, label_number, label_of, lead_of, rules
from doctools.model import Document

P = "過去一年，我們堅持穩中求進工作總基調，經濟運行總體平穩，發展質量穩步提升。"


def kinds(doc: Document) -> list[tuple[str, int | None, str | None, str]]:
    return [(b.kind, b.level, b.label, b.text) for b in doc.blocks]


@pytest.mark.parametrize(
    ("line", "level", "label"),
    [
        ("一、2021年工作回顧", 1, "一、"),
        ("十二、加強政府自身建設", 1, "十二、"),
        ("（一）聚焦創新核心地位", 2, "（一）"),
        ("(三)聚焦釋放內需潛能", 2, "(三)"),
        ("1.農業", 3, "1."),
        ("2．工業和建築業", 3, "2．"),
        ("3、服務業", 3, "3、"),
        ("（1）糧食生產", 4, "（1）"),
    ],
)
def test_labels(line: str, level: int, label: str) -> None:
    found = label_of(line)
    assert found is not None
    assert (found[0].level, found[1]) == (level, label)


@pytest.mark.parametrize("line", ["1.5倍於去年", "2021年是開局之年", "一是擴大內需", "5G基站建設", "一、"])
def test_not_labels(line: str) -> None:
    assert label_of(line) is None


def test_document_skeleton(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(
        "政府工作報告",
        "——2022年3月5日在第十三屆全國人民代表大會第五次會議上",
        "國務院總理 李克強",
        "各位代表：",
        "現在，我代表國務院，向大會報告政府工作，請予審議。",
        "一、2021年工作回顧",
        P,
        "（一）總體要求",
        "1．農業",
        "全年糧食產量6.8億噸。",
        "（1）糧食",
        "夏糧增產。",
    )
    out = clean_structure(doc)
    assert kinds(out) == [
        ("title", None, None, "政府工作報告"),
        ("subtitle", None, None, "——2022年3月5日在第十三屆全國人民代表大會第五次會議上"),
        ("subtitle", None, None, "國務院總理 李克強"),
        ("salutation", None, None, "各位代表："),
        ("paragraph", None, None, "現在，我代表國務院，向大會報告政府工作，請予審議。"),
        ("heading", 1, "一、", "2021年工作回顧"),
        ("paragraph", None, None, P),
        ("heading", 2, "（一）", "總體要求"),
        ("heading", 3, "1．", "農業"),
        ("paragraph", None, None, "全年糧食產量6.8億噸。"),
        ("heading", 4, "（1）", "糧食"),
        ("paragraph", None, None, "夏糧增產。"),
    ]
    assert out.metadata.title == "政府工作報告"
    retags = [e for e in out.edits if e.action == "retag"]
    assert any(e.rule.startswith("clean/structure.tsv:") for e in retags)


def test_run_in_heading_split(make_doc: Callable[..., Document]) -> None:
    line = "（一）聚焦創新核心地位，增強高質量發展引領力。強化戰略科技力量，全面激發創新活力。"
    doc = make_doc("標題", "二、工作安排", line)
    out = clean_structure(doc)
    head, body = out.blocks[2], out.blocks[3]
    assert (head.id, head.kind, head.level, head.label, head.text, head.run_in) == (
        "b3", "heading", 2, "（一）", "聚焦創新核心地位，增強高質量發展引領力。", True,
    )
    want = ("b3.2", "paragraph", "強化戰略科技力量，全面激發創新活力。", (3,))
    assert (body.id, body.kind, body.text, body.lines) == want
    (split,) = [e for e in out.edits if e.action == "split"]
    assert split.block_id == "b3" and "structure.run_in" in split.rule


def test_long_numbered_item_is_a_list_item(make_doc: Callable[..., Document]) -> None:
    long_first = (
        "（2）全年全國居民人均可支配收入比上年名義增長百分之九點一，"
        "扣除價格因素實際增長百分之八點一，城鄉收入差距繼續縮小。其餘。"
    )
    out = clean_structure(make_doc("標題", P, long_first))
    item = out.blocks[2]
    assert (item.kind, item.label, item.level) == ("list_item", "（2）", None)
    assert item.full_text == long_first


def test_salutation_run_in(make_doc: Callable[..., Document]) -> None:
    out = clean_structure(make_doc("標題", "各位代表：現在，我代表國務院，向大會作政府工作報告。"))
    assert kinds(out)[1:] == [
        ("salutation", None, None, "各位代表："),
        ("paragraph", None, None, "現在，我代表國務院，向大會作政府工作報告。"),
    ]
    assert out.blocks[2].id == "b2.2"


@pytest.mark.parametrize("line", ["各位代表：", "同志們：", "各位委員：", "女士們、先生們：", "尊敬的各位來賓："])
def test_salutations(make_doc: Callable[..., Document], line: str) -> None:
    out = clean_structure(make_doc("標題", line, P))
    assert out.blocks[1].kind == "salutation"


def test_colon_line_that_is_not_a_salutation(make_doc: Callable[..., Document]) -> None:
    out = clean_structure(make_doc("標題", "為實現上述目標，我們重點抓好以下十個方面工作：", P))
    assert out.blocks[1].kind == "paragraph"


def test_no_title_when_first_line_is_body(make_doc: Callable[..., Document]) -> None:
    out = clean_structure(make_doc(P, "一、回顧"))
    assert out.blocks[0].kind == "paragraph"
    assert out.metadata.title == ""
    (notice,) = out.notices
    assert notice.level == "warning" and "no title" in notice.message
    assert clean_structure(out).notices == out.notices


LEAD_SECTION = (
    "（一）聚焦創新",
    "強化創新策源功能。發揮大學大院大所集聚優勢，高標準建設兩大創新策源基地。",
    "培育壯大創新主體。實施專精特新企業育苗行動，助力企業成長為單打冠軍。",
)


def test_leads_need_a_parallel_series(make_doc: Callable[..., Document]) -> None:
    out = clean_structure(make_doc("標題", *LEAD_SECTION))
    assert [b.lead for b in out.blocks[2:]] == ["強化創新策源功能。", "培育壯大創新主體。"]


def test_lone_short_opening_sentence_is_not_a_lead(make_doc: Callable[..., Document]) -> None:
    out = clean_structure(make_doc("標題", "一、回顧", "成績來之不易。這些成績的取得，靠的是全區人民的團結奮鬥。", P))
    assert all(b.lead is None for b in out.blocks)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("強化創新策源功能。發揮大學大院大所集聚優勢，高標準建設。", "強化創新策源功能。"),
        ("過去一年，我們堅持穩中求進。經濟運行平穩。", None),  # comma in the first sentence
        ("各位代表！這些成績的取得，來之不易。", None),  # not ending in 。
        ("短。後面還有很多很多的文字內容。", None),  # too short
        ("強化創新策源功能。", None),  # nothing follows
        ("深入踐行綠水青山就是金山銀山的理念建設城央生態宜居區的要求。其後。", None),  # too long
    ],
)
def test_lead_candidate(text: str, lead: str | None) -> None:
    assert lead_of(text) == lead


def test_structure_idempotent(make_doc: Callable[..., Document]) -> None:
    lines = ("標題", "各位代表：現在，我代表。", "二、安排", "（一）聚焦創新，增強引領力。強化戰略科技力量。")
    doc = clean(make_doc(*lines, *LEAD_SECTION[1:]))
    again = clean(doc)
    assert again == doc


def test_structure_table() -> None:
    table = rules()
    assert {r.kind for r in table} == {"heading", "salutation", "subtitle", "closing", "announce"}
    assert sorted({r.level for r in table if r.kind == "heading"}) == [1, 2, 3, 4]
    from doctools.resources import data_path
    from doctools.tables import load_table

    assert {"purpose", "source", "columns"} <= set(load_table(data_path("clean", "structure.tsv")).header)


SUBTITLE_EXAMPLES = (
    "——2022年3月5日在第十三屆全國人民代表大會第五次會議上",
    "（2022年1月5日）",
    "在廣州市海珠區第十七屆人民代表大會第一次會議上",
    "國務院總理 李克強",
    "廣州市海珠區區長 某某某",
)


def test_every_subtitle_row_has_an_example() -> None:
    subs = [r for r in rules() if r.kind == "subtitle"]
    for r in subs:
        assert any(r.regex.fullmatch(x) for x in SUBTITLE_EXAMPLES), r.ref


@pytest.mark.parametrize("line", SUBTITLE_EXAMPLES)
def test_subtitles_after_title(make_doc: Callable[..., Document], line: str) -> None:
    out = clean_structure(make_doc("政府工作報告", line, "各位代表：", P))
    assert [b.kind for b in out.blocks] == ["title", "subtitle", "salutation", "paragraph"]


def test_subtitle_pattern_in_body_is_a_paragraph(make_doc: Callable[..., Document]) -> None:
    out = clean_structure(make_doc("政府工作報告", "各位代表：", P, "——經濟運行保持在合理區間。"))
    assert out.blocks[-1].kind == "paragraph"


@pytest.mark.parametrize(
    ("label", "n"),
    [
        ("一、", 1), ("十、", 10), ("十二、", 12), ("（二十一）", 21), ("（九）", 9),
        ("3.", 3), ("（12）", 12), ("百、", None), ("一百、", None), ("一二、", None), ("十十、", None),
        ("（三十）", 30), ("九十九、", 99),
    ],
)
def test_label_number(label: str, n: int | None) -> None:
    assert label_number(label) == n


def test_numbering_gap_is_reported(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("標題", "一、回顧", "（一）甲", "（三）丙", "二、安排", "（一）乙", "四、其他")
    out = clean_structure(doc)
    assert [(n.line, n.message) for n in out.notices] == [
        (4, "heading （三） where number 2 was expected"),
        (7, "heading 四、 where number 3 was expected"),
    ]
    assert clean_structure(out).notices == out.notices


def test_closing_lines_at_the_end(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("標題", P, "廣州市海珠區人民政府", "2022年1月5日")
    out = clean_structure(doc)
    assert [b.kind for b in out.blocks] == ["title", "paragraph", "closing", "closing"]
    assert clean_structure(out) is out


def test_date_or_office_inside_the_body_is_a_paragraph(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("標題", "2022年1月5日", "廣州市海珠區人民政府", P)
    assert [b.kind for b in clean_structure(doc).blocks] == ["title", "paragraph", "paragraph", "paragraph"]
