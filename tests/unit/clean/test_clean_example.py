"""Issue 2's must-shows on examples/haizhu-2022.raw.txt."""

from __future__ import annotations

import re

from doctools.clean import CLEAN_CHAIN, clean
from doctools.clean._text import fold
from doctools.model import Document

CHROME_WORDS = ("基本介紹", "相關詞條", "熱門詞條", "聯絡我們")


def test_chain_order(example_clean: Document) -> None:
    assert CLEAN_CHAIN.names == (
        "clean.controls",
        "clean.whitespace",
        "clean.chrome",
        "clean.duplicates",
        "clean.punctuation",
        "clean.structure",
        "clean.truncation",
        "clean.script",
    )


def test_title(example_clean: Document) -> None:
    first = example_clean.blocks[0]
    assert (first.kind, first.text) == ("title", "海珠區2022年政府工作報告")
    assert example_clean.metadata.title == "海珠區2022年政府工作報告"


def test_no_chrome_left(example_clean: Document) -> None:
    texts = [b.full_text for b in example_clean.blocks]
    for word in CHROME_WORDS:
        assert word not in texts
    assert not any(re.search(r"是由.*發布的報告。$", t) for t in texts)
    removed = {e.line: e.before for e in example_clean.edits if e.step == "clean.chrome"}
    assert sorted(removed) == [3, 5, 79, 81, 83]
    assert all(e.rule.startswith("clean/chrome.tsv:") for e in example_clean.edits if e.step == "clean.chrome")


def test_fifteen_repeated_paragraphs_once(example_raw: Document, example_clean: Document) -> None:
    dups = [e for e in example_clean.edits if e.step == "clean.duplicates"]
    assert [e.line for e in dups] == list(range(29, 44))
    assert all(e.action == "remove" for e in dups)
    # every repeated paragraph is in the model exactly once
    text = "".join(fold(b.full_text) for b in example_clean.blocks)
    for e in dups:
        key = fold(e.before)
        assert sum(1 for b in example_raw.blocks if fold(b.text) == key) == 2
        assert text.count(key) == 1, e.before[:20]


def test_headings(example_clean: Document) -> None:
    h1 = example_clean.headings(1)
    h2 = example_clean.headings(2)
    assert [(h.label, h.text) for h in h1] == [("一、", "2021年工作回顧"), ("二、", "2022年工作安排")]
    assert [h.label for h in h2] == [f"（{n}）" for n in "一二三四五六七八九"]
    assert len(example_clean.headings()) == 11
    first = h2[0]
    assert first.text == "聚焦創新核心地位，增強高質量發展引領力。"
    assert first.run_in
    body = example_clean.blocks[example_clean.blocks.index(first) + 1]
    assert body.id == f"{first.id}.2" and body.kind == "paragraph"
    assert body.text.startswith("強化戰略科技力量，")


def test_salutation(example_clean: Document) -> None:
    sal = [b for b in example_clean.blocks if b.kind == "salutation"]
    assert [b.text for b in sal] == ["各位代表："]


def test_lead_sentences(example_clean: Document) -> None:
    b28 = example_clean.block("b28")
    assert b28.lead == "強化創新策源功能。"
    leads = [b.lead for b in example_clean.blocks if b.lead]
    assert "培育壯大創新主體。" in leads and "打造創新人才高地。" in leads
    # the narrative review section has no sub-headings
    review = [b for b in example_clean.blocks if b.id in {f"b{n}" for n in range(11, 22)}]
    assert review and not any(b.lead for b in review)


def test_no_halfwidth_between_chinese(example_clean: Document) -> None:
    cjk = r"[\u4e00-\u9fff]"
    for b in example_clean.blocks:
        for t in (b.text, b.label or ""):
            assert not re.search(rf"{cjk}\s*[,:;!?()]|[,:;!?()]\s*{cjk}", t), (b.id, t)


def test_numbers_intact(example_clean: Document) -> None:
    text = "\n".join(b.full_text for b in example_clean.blocks)
    for token in ("80.5%", "1+18+N", "5.0", "6%", "“5085”"):
        assert token in text


def test_lossless(example_raw: Document, example_clean: Document) -> None:
    """Computed here independently: kept raw lines' text == model text, modulo width/space."""
    removed = {e.line for e in example_clean.edits if e.step in ("clean.chrome", "clean.duplicates")}
    expected = "".join(fold(b.text) for b in example_raw.blocks if b.lines[0] not in removed)
    actual = "".join(fold(b.full_text) for b in example_clean.blocks)
    assert actual == expected


def test_idempotent(example_clean: Document) -> None:
    again = clean(example_clean)
    assert again.blocks == example_clean.blocks
    assert again.edits == example_clean.edits
    assert again.notices == example_clean.notices
    assert again.metadata == example_clean.metadata


def test_script_metadata(example_clean: Document) -> None:
    assert example_clean.metadata.script == "Hant"
    assert example_clean.metadata.language == "zh-Hant"
    assert example_clean.metadata.encoding == "utf-8"


def test_ids_unique_and_from_lines(example_clean: Document) -> None:
    ids = [b.id for b in example_clean.blocks]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"b\d+(\.2)?", i) for i in ids)
    for b in example_clean.blocks:
        assert b.lines and f"b{b.lines[0]}" == b.id.split(".")[0]
