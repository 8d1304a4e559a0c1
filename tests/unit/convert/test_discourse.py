"""Document rules: a review spot settled by the rest of the document (one sense per discourse)."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctools.convert import convert_text, to_simplified
from doctools.convert._opencc import convert as occ
from doctools.convert.discourse import DocumentRule
from doctools.convert.phrases import PhraseTable, Rule
from doctools.convert.terms import document_rules, load_terms, phrase_table, table_path
from doctools.errors import ConfigError
from doctools.model import Block, Document, Metadata
from doctools.tables import load_table

CASES = Path(__file__).resolve().parents[2] / "data" / "convert" / "cases" / "discourse.tsv"


def _table(evidence: int = 3, **kw: str | list[str]) -> PhraseTable:
    rules = [Rule.make("资料", "数据", "t:1", right="共享|安全|开放"), Rule.make("资料", "", "t:2", note="review")]
    doc = DocumentRule.make("资料", "数据", "d:1", evidence=evidence, note="one sense", **kw)  # type: ignore[arg-type]
    return PhraseTable(rules, (), [doc])


DATA = "资料共享，资料安全，资料开放。"


def test_a_document_that_shows_one_sense_settles_its_review_spots() -> None:
    out, changes, review = _table().apply(DATA + "提供的资料不一致。")
    assert out == "数据共享，数据安全，数据开放。提供的数据不一致。"
    assert review == []
    assert [(h.start, h.after, h.rule.ref) for h in changes] == [(0, "数据", "t:1"), (5, "数据", "t:1"),
                                                                  (10, "数据", "t:1"), (18, "数据", "d:1")]
    assert changes[-1].rule.note == "one sense"


def test_too_little_evidence_leaves_the_spots_for_review() -> None:
    out, _changes, review = _table(evidence=4).apply(DATA + "提供的资料不一致。")
    assert out == "数据共享，数据安全，数据开放。提供的资料不一致。"
    assert [h.rule.ref for h in review] == ["t:2"]


def test_a_compound_of_the_other_sense_anywhere_turns_the_rule_off() -> None:
    text = "提交申报资料。" + DATA + "提供的资料不一致。"
    out, _changes, review = _table(against=["申报资料"]).apply(text)
    assert out == "提交申报资料。数据共享，数据安全，数据开放。提供的资料不一致。"
    assert [h.start for h in review] == [4, 25]


def test_a_spot_that_leans_the_other_way_is_kept() -> None:
    text = DATA + "资料上传，提交的资料，提供的资料。"
    out, _changes, review = _table(keep_left="提交的?", keep_right="上传").apply(text)
    assert out == DATA.replace("资料", "数据") + "资料上传，提交的资料，提供的数据。"
    assert [h.start for h in review] == [15, 23]


def test_evidence_counts_longer_keys_that_hold_the_key() -> None:
    rules = [Rule.make("资料中心", "数据中心", "t:1"), Rule.make("资料", "", "t:2")]
    table = PhraseTable(rules, (), [DocumentRule.make("资料", "数据", "d:1", evidence=2)])
    assert table.apply("资料中心和资料中心，提供资料。")[0] == "数据中心和数据中心，提供数据。"


def test_settled_changes_and_the_rest_stay_in_text_order() -> None:
    rules = [Rule.make("资料", "数据", "t:1", right="共享"), Rule.make("资料", "", "t:2"),
             Rule.make("最佳化", "优化", "t:3")]
    table = PhraseTable(rules, (), [DocumentRule.make("资料", "数据", "d:1", evidence=1)])
    out, changes, _ = table.apply("最佳化资料，资料共享，最佳化")
    assert out == "优化数据，数据共享，优化"
    assert [h.start for h in changes] == sorted(h.start for h in changes)


def test_bad_rows_are_refused() -> None:
    with pytest.raises(ValueError, match="d:1"):
        DocumentRule.make("资料", "", "d:1", evidence=3)
    with pytest.raises(ValueError, match="d:2"):
        DocumentRule.make("资料", "数据", "d:2", evidence=0)
    with pytest.raises(ValueError, match="d:3"):
        DocumentRule.make("资料", "数据", "d:3", evidence=1, keep_right="(")


def _cases() -> list[tuple[int, str, str, str]]:
    return [(r.line, r.get(0), r.get(1), r.get(2)) for r in load_table(CASES, min_cols=3).rows]


def test_every_case_converts_as_expected() -> None:
    bad = [(line, convert_text(src)[0]) for line, _k, src, want in _cases() if convert_text(src)[0] != want]
    assert bad == []


def test_every_row_is_pinned_by_a_case() -> None:
    fired = {h.rule.ref for _line, _k, src, _want in _cases() for h in convert_text(src)[1]}
    assert document_rules()
    assert [d.ref for d in document_rules() if d.ref not in fired] == []


def test_shipped_rows_name_their_table() -> None:
    table = load_table(table_path("discourse.tsv"))
    assert {"purpose", "source", "columns"} <= set(table.header)
    assert all(d.ref.startswith("convert/discourse.tsv:") for d in document_rules())


def test_a_user_table_for_the_key_drops_the_document_rule(tmp_path: Path) -> None:
    terms = tmp_path / "t.tsv"
    terms.write_text("资料\t材料\n", encoding="utf-8")
    assert [d.key for d in phrase_table(load_terms([terms])).document] == []
    assert phrase_table().document == document_rules()


def test_the_document_path_settles_across_blocks_and_names_the_row() -> None:
    """The document rule sees the whole document: evidence in one block settles a spot in another."""
    mainland = ["加强数据共享、数据开放和数据安全管理，推进政务数据归集，建设数据专区。",
                "完善数据质量反馈机制，提升数据资源价值，严防数据泄露，推动数据要素流通，鼓励社会数据与政务数据融合。",
                "提供的数据和本部门所掌握的数据不一致的，应当及时更正。"]
    blocks = tuple(Block(f"b{i}", "paragraph", occ("s2twp", s), lines=(i,)) for i, s in enumerate(mainland, 1))
    doc = Document(metadata=Metadata(title="", source_path="t.txt", script="Hant"), blocks=blocks)
    out = to_simplified(doc)
    assert [b.text for b in out.blocks] == mainland
    settled = [e for e in out.edits if e.rule.startswith("convert/discourse.tsv:")]
    assert [(e.block_id, e.offset, e.before, e.after) for e in settled] == [("b3", 3, "资料", "数据"),
                                                                              ("b3", 13, "资料", "数据")]
    assert not any("资料" in n.message for n in out.notices)
    alone = to_simplified(doc.with_changes(blocks=blocks[2:]))  # the last paragraph alone: reported, not changed
    assert alone.blocks[0].text == occ("t2s", blocks[2].text)
    assert sum("资料" in n.message for n in alone.notices) == 2


def test_a_bad_shipped_row_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "discourse.tsv"
    bad.write_text("# Purpose: x\n资料\t数据\tmany\n", encoding="utf-8")
    monkeypatch.setattr("doctools.convert.terms.table_path", lambda name: bad)
    document_rules.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"discourse\.tsv:2"):
            document_rules()
    finally:
        monkeypatch.undo()
        document_rules.cache_clear()
