"""The fast phrase scan (:meth:`PhraseTable.scan`) against a plain reference scan.

The reference is the straightforward algorithm the rules describe: search the leftmost
longest key from the scan position, try shorter keys when the context fails, and drop a
change that overlaps a guard word found by searching around it. The fast scan (finditer
with restarts, unconditional keys without ``_pick``, precomputed guard placements) must
give the same output and the same hits on any text.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from doctools.convert.phrases import PhraseTable, Rule, _blocks
from doctools.convert.terms import phrase_table


def reference(table: PhraseTable, text: str) -> tuple[str, list[tuple[int, str, str, str]], list[tuple[int, str, str]]]:
    guard_re = table._guard_re
    max_guard = table._max_guard

    def guarded(start: int, end: int) -> bool:
        if guard_re is None:
            return False
        pos, limit = max(0, start - max_guard + 1), min(len(text), end + max_guard)
        while pos < end:
            m = guard_re.search(text, pos, limit)
            if m is None or m.start() >= end:
                return False
            if _blocks(m.start(), m.end(), start, end):
                return True
            pos = m.start() + 1
        return False

    out: list[str] = []
    changes: list[tuple[int, str, str, str]] = []
    review: list[tuple[int, str, str]] = []
    pos = scan = 0
    while table._re is not None and (m := table._re.search(text, scan)) is not None:
        start = m.start()
        picked = table._pick(text, start, m.group())
        if picked is None:
            scan = start + 1
            continue
        rule, key = picked
        end = start + len(key)
        if rule.review:
            review.append((start, key, rule.ref))
            scan = end
            continue
        if guarded(start, end):
            scan = start + 1
            continue
        out += (text[pos:start], rule.value)
        changes.append((start, key, rule.value, rule.ref))
        pos = scan = end
    out.append(text[pos:])
    return "".join(out), changes, review


def same(table: PhraseTable, text: str) -> None:
    out, changes, review = table.apply(text)
    assert (out, [(h.start, h.before, h.after, h.rule.ref) for h in changes],
            [(h.start, h.before, h.rule.ref) for h in review]) == reference(table, text)


SHIPPED = phrase_table()
PIECES = sorted({*(r.key for r in SHIPPED.rules), *SHIPPED.guard, *(e for r in SHIPPED.rules for e in r.exceptions)})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "的", "和", "\n", "，"]), max_size=40))
def test_shipped_table_scan_matches_reference(parts: list[str]) -> None:
    same(SHIPPED, "".join(parts))


def test_shipped_table_on_shuffled_rule_material() -> None:
    rnd = random.Random(7)
    for _ in range(40):
        same(SHIPPED, "".join(rnd.choice(PIECES) for _ in range(200)))


TRICKY = PhraseTable(
    [
        Rule.make("ab", "X", "t:1"),
        Rule.make("abc", "Y", "t:2", right="d"),
        Rule.make("bc", "Z", "t:3"),
        Rule.make("c", "W", "t:4", left="b"),
        Rule.make("cd", "", "t:5", note="review"),
        Rule.make("da", "V", "t:6", exceptions=["dab"]),
    ],
    guard=["bcd", "ab", "dabc", "a"],
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcd\n", max_size=30))
def test_overlapping_keys_and_guards_match_reference(text: str) -> None:
    same(TRICKY, text)


ONE_FIRST = PhraseTable(
    [Rule.make("ab", "X", "t:1"), Rule.make("abc", "", "t:2", note="review"), Rule.make("a", "Y", "t:3", right="d")],
    guard=["bc"],
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcd", max_size=20))
def test_keys_with_one_first_character_match_reference(text: str) -> None:
    same(ONE_FIRST, text)
