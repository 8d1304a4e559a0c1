"""Document-level rules: a word's sense settled by the rest of the document.

Some Taiwan words stand for a mainland word *and* are mainland words themselves: after
OpenCC s2twp, 资料 is 数据 (data) or the mainland 资料 (materials). Context rules settle
the spots whose neighbours decide; the others are review spots. A document whose context
rules changed the word many times, and which nowhere holds a compound that only the other
sense forms (生产资料, 申报资料, 档案资料…), uses the word in one sense: its review spots
take that sense too ("one sense per discourse", Gale, Church and Yarowsky 1992), except a
spot whose own neighbours lean the other way (资料上传, a bare 资料管理), which stays
reported. A short text, or a document with both senses, keeps every review spot.

Rows live in ``data/convert/discourse.tsv``; :class:`~.phrases.PhraseTable` applies them
after its scan (:meth:`~.phrases.PhraseTable.scan`), so a whole document converted in one
pass is settled as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .phrases import RawHit, Rule


@dataclass(frozen=True)
class DocumentRule:
    """``key`` → ``value`` for review spots of a document that shows only that sense.

    ``evidence``: the least number of changes of ``key`` to ``value`` (by any rule whose
    key holds it: 资料专区 → 数据专区 counts) the document must already have; ``against``:
    strings whose presence anywhere shows the other sense and turns the rule off;
    ``keep_left`` / ``keep_right``: context regexes (as in a :class:`~.phrases.Rule`) that
    keep one spot as it is.
    """

    key: str
    value: str
    ref: str
    evidence: int
    rule: Rule  # what a change made by this row names (its ref and note)
    against: tuple[str, ...] = ()
    keep_left: str = ""
    keep_right: str = ""
    note: str = ""
    _keeps: tuple[Rule, ...] = ()
    _against_re: re.Pattern[str] | None = None

    @staticmethod
    def make(key: str, value: str, ref: str, *, evidence: int, against: Iterable[str] = (),
             keep_left: str = "", keep_right: str = "", note: str = "") -> DocumentRule:
        """Build a row (ValueError naming ``ref`` on a bad one)."""
        if not key or not value:
            raise ValueError(f"{ref}: a document rule needs a key and a value")
        if evidence < 1:
            raise ValueError(f"{ref}: evidence must be a positive number")
        against_t = tuple(a for a in against if a)
        keeps: list[Rule] = []
        if keep_left:
            keeps.append(Rule.make(key, value, ref, left=keep_left))
        if keep_right:
            keeps.append(Rule.make(key, value, ref, right=keep_right))
        longest_first = sorted(against_t, key=len, reverse=True)
        against_re = re.compile("|".join(map(re.escape, longest_first))) if against_t else None
        return DocumentRule(key, value, ref, evidence, Rule.make(key, value, ref, note=note), against_t,
                            keep_left, keep_right, note, tuple(keeps), against_re)

    def spots(self, text: str, changes: Sequence[RawHit], review: Sequence[RawHit]) -> list[int]:
        """Indices (in ``review``) of the review spots this row changes in ``text``."""
        mine = [i for i, h in enumerate(review) if h[1] == self.key]
        if not mine:
            return []
        key, value = self.key, self.value
        if sum(1 for h in changes if key in h[1] and value in h[2]) < self.evidence:
            return []
        if self._against_re is not None and self._against_re.search(text):
            return []
        return [i for i in mine if not any(k.applies(text, review[i][0]) for k in self._keeps)]


__all__ = ["DocumentRule"]
