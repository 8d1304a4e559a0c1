"""The phrase layer: longest-match rewrite rules with context, exceptions and a guard list.

A :class:`Rule` says "replace ``key`` by ``value``", optionally only when the text just
before matches ``left`` / the text just after matches ``right`` (Python regexes, anchored
at the match), and never when the match sits inside one of the ``exceptions`` (literal
strings that contain the key). A rule with an empty value is a *review* rule: it changes
nothing and reports the spot as ambiguous, because precision beats recall.

Matching is leftmost-longest over one compiled trie-shaped regex, so a long rule
(``智慧财产权``) wins over a short one starting at the same place (``智慧``). When the
longest candidate's context fails, shorter candidates at the same position are tried.
Guard words (``指标``, ``核心``, ``智慧城市``) are never changed: any match that overlaps a
guard occurrence is dropped. Examples::

    最佳化 → 优化          (no context: a Taiwan word with one mainland reading)
    套用 → 应用 if right ~ 场景|研究|平台   (else left alone and reported)
    协定 → 协议 unless inside 全面经济伙伴关系协定
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

_WINDOW = 24  # characters of context a left/right pattern may look at


@dataclass(frozen=True)
class Rule:
    """One row of a phrase table. ``ref`` is ``file:line`` (what an Edit names)."""

    key: str
    value: str
    ref: str
    left: str = ""
    right: str = ""
    exceptions: tuple[str, ...] = ()
    note: str = ""
    _left_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _right_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _exc_at: tuple[tuple[int, int, frozenset[str]], ...] = field(default=(), compare=False, repr=False)

    @property
    def review(self) -> bool:
        """True for a rule that only reports (empty value): the spot is ambiguous."""
        return self.value == ""

    @staticmethod
    def make(
        key: str,
        value: str,
        ref: str,
        *,
        left: str = "",
        right: str = "",
        exceptions: Iterable[str] = (),
        note: str = "",
    ) -> Rule:
        """Build a rule, compiling its context patterns (ValueError on a bad regex)."""
        try:
            lre = re.compile(f"(?:{left})$") if left else None
            rre = re.compile(f"^(?:{right})") if right else None
        except re.error as exc:
            raise ValueError(f"{ref}: bad context pattern: {exc}") from exc
        exc_t = tuple(e for e in exceptions if e)
        for e in exc_t:
            if key not in e:
                raise ValueError(f"{ref}: exception {e!r} does not contain the key {key!r}")
        # exceptions grouped by (offset of the key inside them, length): applies() then needs
        # one slice and one set lookup per group instead of one comparison per exception
        groups: dict[tuple[int, int], set[str]] = {}
        for e in exc_t:
            for i in range(len(e)):
                if e.startswith(key, i):
                    groups.setdefault((i, len(e)), set()).add(e)
        exc_at = tuple((i, n, frozenset(g)) for (i, n), g in sorted(groups.items()))
        return Rule(key, value, ref, left, right, exc_t, note, lre, rre, exc_at)

    def applies(self, text: str, start: int) -> bool:
        """Whether this rule's context and exceptions allow a match at ``start``.

        Context windows stop at a line break: a line (a block's piece, when a whole
        document is converted in one pass) never lends context to the next.
        """
        end = start + len(self.key)
        if self._left_re is not None:
            left = text[max(0, start - _WINDOW) : start]
            cut = left.rfind("\n")
            if not self._left_re.search(left[cut + 1 :] if cut >= 0 else left):
                return False
        if self._right_re is not None:
            right = text[end : end + _WINDOW]
            cut = right.find("\n")
            if not self._right_re.search(right[:cut] if cut >= 0 else right):
                return False
        for i, n, group in self._exc_at:
            if i <= start and text[start - i : start - i + n] in group:
                return False
        return True


@dataclass(frozen=True)
class Hit:
    """A rule that fired (or, for a review rule, a spot left alone)."""

    rule: Rule
    start: int  # offset in the text the table was applied to
    before: str
    after: str


def _hit(rule: Rule, start: int, before: str, after: str) -> Hit:
    """A Hit without the frozen-dataclass ``__init__`` (one field store each through
    ``object.__setattr__``): a long document makes thousands; Hit has no validation."""
    hit = object.__new__(Hit)
    hit.__dict__.update(rule=rule, start=start, before=before, after=after)
    return hit


def _trie_pattern(words: Sequence[str]) -> str:
    """A regex equivalent to the alternation of ``words`` that tries longer words first.

    Grouping by shared prefixes keeps the scan cheap: the regex engine only branches
    where two words share a prefix, instead of trying every word at every position.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        group = "(?:" + "|".join(alts) + ")"
        return group + "?" if end else group

    return build(trie)


def _blocks(gs: int, ge: int, start: int, end: int) -> bool:
    """Whether a guard occurrence [gs, ge) forbids changing [start, end).

    A guard word is protected from any rule that touches it, except a rule whose key
    strictly contains it: that longer phrase is a deliberate, more specific decision
    (``文明建立`` → ``文明创建`` while ``建立`` itself is guarded).
    """
    if ge <= start or end <= gs:
        return False
    return not (start <= gs and ge <= end and (end - start) > (ge - gs))


class PhraseTable:
    """Compiled rules plus guard words; :meth:`apply` rewrites a text and reports hits."""

    def __init__(self, rules: Iterable[Rule], guard: Iterable[str] = ()) -> None:
        by_key: dict[str, list[Rule]] = {}
        for r in rules:
            # a later rule with the same key, context and exceptions overrides an earlier one
            lst = by_key.setdefault(r.key, [])
            lst[:] = [x for x in lst if (x.left, x.right, x.exceptions) != (r.left, r.right, r.exceptions)]
            lst.append(r)
        # rules with a context are tried before the unconditional fallback for the same key
        for lst in by_key.values():
            lst.sort(key=lambda x: (not (x.left or x.right or x.exceptions),))
        self._rules = by_key
        self.guard: frozenset[str] = frozenset(g for g in guard if g)
        keys = sorted(by_key, key=len, reverse=True)
        self._re = re.compile(_trie_pattern(keys)) if keys else None
        self._guard_re = re.compile(_trie_pattern(sorted(self.guard, key=len, reverse=True))) if self.guard else None
        self._max_key = max((len(k) for k in keys), default=0)
        self._max_guard = max((len(g) for g in self.guard), default=0)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for lst in self._rules.values() for r in lst)

    def _guarded(self, text: str, start: int, end: int) -> bool:
        """Whether a guard occurrence forbids changing [start, end).

        Only the few positions where an overlapping guard word could start are searched
        (lazily, per candidate): cheaper than listing every guard occurrence of a long text.
        """
        if self._guard_re is None:
            return False
        pos = max(0, start - self._max_guard + 1)
        limit = min(len(text), end + self._max_guard)
        while pos < end:
            m = self._guard_re.search(text, pos, limit)
            if m is None or m.start() >= end:
                return False
            if _blocks(m.start(), m.end(), start, end):
                return True
            pos = m.start() + 1
        return False

    def _pick(self, text: str, start: int, longest: str) -> tuple[Rule, str] | None:
        """The first applicable rule at ``start``, longest key first.

        The keys found at ``start`` are exactly the prefixes of the longest match that are
        keys, so only those few are looked up.
        """
        rules = self._rules
        for n in range(len(longest), 0, -1):
            key = longest[:n]
            for rule in rules.get(key, ()):
                if rule.applies(text, start):
                    return rule, key
        return None

    def apply(self, text: str) -> tuple[str, list[Hit], list[Hit]]:
        """Rewrite ``text``; returns (new text, changes made, ambiguous spots left alone).

        Offsets in the returned hits refer to ``text`` (the input of this pass). Lines are
        independent (context never crosses a line break), so a whole document can be
        rewritten in one call with its pieces joined by ``\\n``.
        """
        if self._re is None or not text:
            return text, [], []
        out: list[str] = []
        changes: list[Hit] = []
        review: list[Hit] = []
        pos = 0
        scan = 0
        while True:
            m = self._re.search(text, scan)
            if m is None:
                break
            start = m.start()
            picked = self._pick(text, start, m.group())
            if picked is None:
                scan = start + 1
                continue
            rule, key = picked
            end = start + len(key)
            if not rule.review and self._guarded(text, start, end):
                scan = start + 1
                continue
            if rule.review:
                review.append(_hit(rule, start, key, key))
                scan = end
                continue
            out.append(text[pos:start])
            out.append(rule.value)
            changes.append(_hit(rule, start, key, rule.value))
            pos = scan = end
        out.append(text[pos:])
        return "".join(out), changes, review


__all__ = ["Hit", "PhraseTable", "Rule"]
