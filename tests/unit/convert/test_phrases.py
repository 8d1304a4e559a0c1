"""The phrase engine: longest match, context, exceptions, review rules and the guard list."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doctools.convert.phrases import PhraseTable, Rule


def table(*rules: Rule, guard: tuple[str, ...] = ()) -> PhraseTable:
    return PhraseTable(rules, guard)


def test_longest_match_wins_at_the_same_position() -> None:
    t = table(Rule.make("智慧", "X", "t:1"), Rule.make("智慧财产权", "知识产权", "t:2"))
    out, hits, _ = t.apply("保护智慧财产权")
    assert out == "保护知识产权"
    assert [h.rule.ref for h in hits] == ["t:2"]


def test_shorter_key_is_tried_when_the_longer_one_fails_its_context() -> None:
    t = table(Rule.make("最佳化", "优化", "t:1"), Rule.make("最佳化配置", "Y", "t:2", left="不"))
    out, hits, _ = t.apply("最佳化配置")
    assert out == "优化配置" and hits[0].rule.ref == "t:1"


def test_left_and_right_context_are_anchored_regexes() -> None:
    t = table(Rule.make("套用", "应用", "t:1", right="场景|研究"), Rule.make("协定", "协议", "t:2", left="签订|收储"))
    assert t.apply("套用场景")[0] == "应用场景"
    assert t.apply("套用模板")[0] == "套用模板"
    assert t.apply("签订收储协定")[0] == "签订收储协议"
    assert t.apply("协定收储")[0] == "协定收储"


def test_exception_blocks_a_match_inside_it() -> None:
    t = table(Rule.make("协定", "协议", "t:1", exceptions=["伙伴关系协定"]))
    out, hits, _ = t.apply("签订协定，落实全面经济伙伴关系协定")
    assert out == "签订协议，落实全面经济伙伴关系协定"
    assert len(hits) == 1


def test_exception_must_contain_the_key() -> None:
    with pytest.raises(ValueError, match="does not contain the key"):
        Rule.make("支援", "支持", "t:1", exceptions=["增援"])


def test_bad_context_regex_is_reported_with_its_ref() -> None:
    with pytest.raises(ValueError, match="t:9"):
        Rule.make("a", "b", "t:9", left="(")


def test_review_rule_changes_nothing_and_reports() -> None:
    t = table(Rule.make("民众", "", "t:1", note="review"), Rule.make("困难民众", "困难群众", "t:2"))
    out, hits, review = t.apply("困难民众和广大民众")
    assert out == "困难群众和广大民众"
    assert [h.rule.ref for h in hits] == ["t:2"]
    assert [(h.before, h.start) for h in review] == [("民众", 7)]


def test_guard_blocks_equal_and_partly_overlapping_keys() -> None:
    t = table(Rule.make("指标", "指针", "t:1"), Rule.make("工智慧", "X", "t:2"), guard=("指标", "智慧城市"))
    assert t.apply("经济指标")[0] == "经济指标"
    assert t.apply("人工智慧城市")[0] == "人工智慧城市"


def test_guard_allows_a_longer_key_that_contains_the_whole_word() -> None:
    t = table(Rule.make("文明建立", "文明创建", "t:1"), guard=("建立",))
    assert t.apply("文明建立，建立机制")[0] == "文明创建，建立机制"


def test_guard_does_not_silence_review_rules() -> None:
    t = table(Rule.make("民众", "", "t:1"), guard=("民众",))
    assert len(t.apply("民众")[2]) == 1


def test_later_rule_with_same_key_and_context_overrides() -> None:
    t = table(Rule.make("档案", "文件", "t:1"), Rule.make("档案", "档案馆", "u:1"))
    out, hits, _ = t.apply("档案")
    assert out == "档案馆" and hits[0].rule.ref == "u:1"


def test_output_is_not_rematched() -> None:
    t = table(Rule.make("a", "b", "t:1"), Rule.make("b", "c", "t:2"))
    assert t.apply("ab")[0] == "bc"


def test_empty_table_and_empty_text() -> None:
    assert table().apply("任何文本") == ("任何文本", [], [])
    assert table(Rule.make("a", "b", "t:1")).apply("") == ("", [], [])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab资料共享、\n", max_size=30))
def test_a_plain_word_list_context_answers_as_its_regex(text: str) -> None:
    """A context of plain words is tested with str.endswith/startswith; the same words as a
    regex (the grouping makes it one) take the regex path: both must agree everywhere."""
    words = {"left": "a|资料共享|、", "right": "b|共享、|资"}
    plain = [Rule.make("料", "X", "t:1", **{side: w}) for side, w in words.items()]  # type: ignore[arg-type]
    regex = [Rule.make("料", "X", "t:1", **{side: f"(?:{w})"}) for side, w in words.items()]  # type: ignore[arg-type]
    assert all(r._left_lit or r._right_lit for r in plain)
    assert not any(r._left_lit or r._right_lit for r in regex)
    for p, r in zip(plain, regex, strict=True):
        for i in range(len(text)):
            assert p.applies(text, i) == r.applies(text, i), (text, i)
