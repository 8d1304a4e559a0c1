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
guard occurrence is dropped. Document rules (:mod:`.discourse`) then settle the review
spots of a whole scanned text whose other spots already show one sense. Examples::

    最佳化 → 优化          (no context: a Taiwan word with one mainland reading)
    套用 → 应用 if right ~ 场景|研究|平台   (else left alone and reported)
    协定 → 协议 unless inside 全面经济伙伴关系协定
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

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
    _left_lit: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    _right_lit: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

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
        return Rule(key, value, ref, left, right, exc_t, note, lre, rre, exc_at, _literals(left), _literals(right))

    def applies(self, text: str, start: int) -> bool:
        """Whether this rule's context and exceptions allow a match at ``start``.

        Context windows stop at a line break: a line (a block's piece, when a whole
        document is converted in one pass) never lends context to the next.
        """
        end = start + len(self.key)
        if self._left_lit is not None:  # a plain list of words: the same test without a regex
            if not text.endswith(self._left_lit, 0, start):
                return False
        elif self._left_re is not None:
            left = text[max(0, start - _WINDOW) : start]
            cut = left.rfind("\n")
            if not self._left_re.search(left[cut + 1 :] if cut >= 0 else left):
                return False
        if self._right_lit is not None:
            if not text.startswith(self._right_lit, end):
                return False
        elif self._right_re is not None:
            right = text[end : end + _WINDOW]
            cut = right.find("\n")
            if not self._right_re.search(right[:cut] if cut >= 0 else right):
                return False
        for i, n, group in self._exc_at:
            if i <= start and text[start - i : start - i + n] in group:
                return False
        return True


def _literals(pattern: str) -> tuple[str, ...] | None:
    """The words of a context pattern that is a plain ``a|b|c`` list (None for a real regex).

    Such a pattern matches exactly when the text before the key ends with (after it, starts
    with) one of the words: no word holds a line break or is longer than the window, so
    ``str.endswith`` / ``startswith`` on the whole text give the windowed regex's answer.
    """
    if not pattern or re.search(r"[\\.^$*+?{}\[\]()\n]", pattern):
        return None
    words = tuple(pattern.split("|"))
    return words if all(len(w) <= _WINDOW for w in words) else None


@dataclass(frozen=True)
class Hit:
    """A rule that fired (or, for a review rule, a spot left alone)."""

    rule: Rule
    start: int  # offset in the text the table was applied to
    before: str
    after: str


RawHit = tuple[int, str, str, Rule]  # (start, before, after, rule): a Hit as PhraseTable.scan gives it


class Settler(Protocol):
    """A document-level rule (:class:`.discourse.DocumentRule`): which review spots of a
    whole scanned text it changes, to what, and the rule a change names."""

    @property
    def value(self) -> str: ...

    @property
    def rule(self) -> Rule: ...

    def spots(self, text: str, changes: Sequence[RawHit], review: Sequence[RawHit]) -> list[int]: ...


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

    def __init__(self, rules: Iterable[Rule], guard: Iterable[str] = (), document: Iterable[Settler] = ()) -> None:
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
        # The same trie split in two by first character (alternate ones of the sorted set):
        # a failed attempt at a position costs the regex engine one test per distinct first
        # character, so two scans over half the characters each cost less than one; scan()
        # merges them in text order.
        firsts = sorted({k[0] for k in keys})
        halves = [set(firsts[0::2]), set(firsts[1::2])] if len(firsts) > 1 else [set(firsts)]
        self._parts = [re.compile(_trie_pattern([k for k in keys if k[0] in h])) for h in halves if h]
        self._guard_re = re.compile(_trie_pattern(sorted(self.guard, key=len, reverse=True))) if self.guard else None
        self._max_key = max((len(k) for k in keys), default=0)
        self._max_guard = max((len(g) for g in self.guard), default=0)
        # a key whose first rule has no context or exceptions: that rule always applies
        # (rules with a context sort first), so a match of the whole key needs no _pick
        self._plain = {k: r for k, (r, *_) in by_key.items()
                       if r._left_re is None and r._right_re is None and not r._exc_at}
        self._guards_at: dict[str, tuple[tuple[int, str], ...]] = {}
        self._chains: dict[str, tuple[tuple[Rule, str], ...]] = {}  # longest key → (rule, key) in _pick's order
        self.document: tuple[Settler, ...] = tuple(document)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for lst in self._rules.values() for r in lst)

    def _guards_for(self, key: str) -> tuple[tuple[int, str], ...]:
        """(shift, guard word) for every placement of a guard word, relative to an
        occurrence of ``key``, that agrees with ``key`` where they overlap and would forbid
        changing it (:func:`_blocks`). A match of ``key`` is guarded exactly when one of
        these stands in the text, so :meth:`apply` checks a few slices instead of searching;
        computed once per key, on its first match.
        """
        found = self._guards_at.get(key)
        if found is None:
            n = len(key)
            found = tuple(
                (d, g)
                for g in sorted(self.guard)
                for d in range(1 - len(g), n)
                if _blocks(d, d + len(g), 0, n)
                and key[max(0, d) : min(n, d + len(g))] == g[max(0, -d) : min(len(g), n - d)]
            )
            self._guards_at[key] = found
        return found

    def _pick(self, text: str, start: int, longest: str) -> tuple[Rule, str] | None:
        """The first applicable rule at ``start``, longest key first.

        The keys found at ``start`` are exactly the prefixes of the longest match that are
        keys, so only those few are looked up.
        """
        chain = self._chains.get(longest)
        if chain is None:
            rules = self._rules
            chain = self._chains[longest] = tuple(
                (rule, longest[:n]) for n in range(len(longest), 0, -1) for rule in rules.get(longest[:n], ())
            )
        for rule, key in chain:
            if rule.applies(text, start):
                return rule, key
        return None

    def apply(self, text: str) -> tuple[str, list[Hit], list[Hit]]:
        """Rewrite ``text``; returns (new text, changes made, ambiguous spots left alone).

        Offsets in the returned hits refer to ``text`` (the input of this pass). Lines are
        independent (context never crosses a line break), so a whole document can be
        rewritten in one call with its pieces joined by ``\\n``.
        """
        out, changes, review = self.scan(text)
        return (out, [_hit(r, s, k, v) for s, k, v, r in changes],
                [_hit(r, s, k, v) for s, k, v, r in review])

    def scan(self, text: str) -> tuple[str, list[RawHit], list[RawHit]]:
        """:meth:`apply` with each hit as a plain ``(start, before, after, rule)`` tuple:
        what a whole-document pass uses (one Hit object per change costs more than the
        change, and the document path only reads the four fields).

        The loop runs once per match over a whole document, so it is written flat: the
        common case (the longest key has one unconditional rule and no guard word can
        touch it) costs a dict lookup; otherwise :meth:`_pick` and the guard placements
        of :meth:`_guards_for` decide, exactly as the rules say. Document rules run last,
        only when there are review spots (:meth:`_settled`).
        """
        if self._re is None or not text:
            return text, [], []
        out: list[str] = []
        changes: list[RawHit] = []
        review: list[RawHit] = []
        plain = self._plain
        guards_at = self._guards_at
        pos = 0
        parts = self._parts
        fa = parts[0].finditer
        fb = parts[-1].finditer
        ia = fa(text)
        ma = next(ia, None)
        ib = fb(text) if len(parts) > 1 else iter(())
        mb = next(ib, None)
        # ma / mb: the leftmost match at or after the scan position of each part (None: none)
        while ma is not None or mb is not None:
            m: re.Match[str]
            if mb is None or (ma is not None and ma.start() < mb.start()):
                m, ma = ma, next(ia, None)  # type: ignore[assignment]  # ma is set: the loop test
            else:
                m, mb = mb, next(ib, None)
            start = m.start()
            key = m.group()
            rule = plain.get(key)
            if rule is None:
                picked = self._pick(text, start, key)
                if picked is not None:
                    rule, key = picked
            if rule is None:  # no rule applies here: resume one character on
                scan = start + 1
            elif not rule.value:
                review.append((start, key, key, rule))
                scan = start + len(key)
            else:
                guards = guards_at.get(key)
                if guards is None:
                    guards = self._guards_for(key)
                if guards and any(start + d >= 0 and text[start + d : start + d + len(g)] == g for d, g in guards):
                    scan = start + 1
                else:
                    out.append(text[pos:start])
                    out.append(rule.value)
                    changes.append((start, key, rule.value, rule))
                    pos = scan = start + len(key)
            # a part whose next match starts before the scan position, or that resumed after
            # a match the scan did not take whole, searches again from the scan position
            if scan < m.end():
                if m.re is parts[0]:
                    ia = fa(text, scan)
                    ma = next(ia, None)
                else:
                    ib = fb(text, scan)
                    mb = next(ib, None)
            if ma is not None and ma.start() < scan:
                ia = fa(text, scan)
                ma = next(ia, None)
            if mb is not None and mb.start() < scan:
                ib = fb(text, scan)
                mb = next(ib, None)
        if review and self.document:
            settled = self._settled(text, changes, review)
            if settled:
                return _rebuild(text, sorted([*changes, *settled.values()], key=lambda h: h[0]),
                                [h for i, h in enumerate(review) if i not in settled])
        if pos == 0:
            return text, changes, review
        out.append(text[pos:])
        return "".join(out), changes, review

    def _settled(self, text: str, changes: list[RawHit], review: list[RawHit]) -> dict[int, RawHit]:
        """Review spots (by index) that the document rules change, as the changes they become."""
        settled: dict[int, RawHit] = {}
        for doc_rule in self.document:
            for i in doc_rule.spots(text, changes, review):
                settled.setdefault(i, (review[i][0], review[i][1], doc_rule.value, doc_rule.rule))
        return settled


def _rebuild(text: str, changes: list[RawHit], review: list[RawHit]) -> tuple[str, list[RawHit], list[RawHit]]:
    """(``text`` with every change applied, changes, review): changes are in text order."""
    pieces: list[str] = []
    pos = 0
    for start, before, after, _rule in changes:
        pieces += (text[pos:start], after)
        pos = start + len(before)
    pieces.append(text[pos:])
    return "".join(pieces), changes, review


__all__ = ["Hit", "PhraseTable", "RawHit", "Rule", "Settler"]
