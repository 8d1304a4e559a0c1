"""Repair a memory match: the new source's numbers, dates and glossary terms put into its English.

Why: government reports repeat their sentences year after year with new figures
("增长6.9%" → "增长6.7%"). A memory match whose source differs only in such *placeables*
carries approved wording, but the wrong figures. CAT tools call fixing them auto-localisation;
here it is done by rule, never by guessing:

1. both sources are cut into placeables (glossary terms first, then numeric expressions,
   as :func:`doctools.translate.protect.protect` does) and *masked* (a number is one
   private-use character, a term as many as it has), and the masked strings are aligned (rapidfuzz opcodes): the
   placeables in equal stretches pair up, old with new;
2. for a pair that differs, the old value is found in the memory's English — a number as a
   numeric token of equal value at the token's precision ("240.52 billion" is 2405.16亿,
   "6.9 percent" is 6.9%), a date as "March 5"/"5 March", a term as its glossary English —
   and replaced by the new value in the same form (scale word, ordinal, thousands
   separators kept), rendered with :mod:`doctools.translate.numbers`' helpers;
3. a pair is refused (reported, left as is) when its kind, unit, qualifier or range differ,
   when the old value is not found, or when it is ambiguous (the same old value stands for
   two different new ones, or also for a number that did not pair up).

The caller grades the result: every difference repaired → the match counts as its masked
similarity; any refused → as its raw similarity, and QA flags the numbers that disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from doctools.numerals import fold
from doctools.translate import numbers
from doctools.translate.glossary import Glossary

MASK_NUMBER = "\ue000"
MASK_TERM = "\ue001"
_SCALE = {"million": 6, "billion": 9, "trillion": 12}
_EN_NUM = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<ord>st|nd|rd|th)?"
    r"(?:[ \u00a0](?P<scale>million|billion|trillion)\b)?(?![\w])"
)
_ORD_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
              "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
              "eighteenth", "nineteenth", "twentieth"]
_EN_ORD_WORD = re.compile(r"\b(?:" + "|".join(_ORD_WORDS) + r")\b", re.IGNORECASE)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_CN_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?")


@dataclass(frozen=True)
class Placeable:
    """A span of a source that the English renders by rule: a glossary term or a number."""

    start: int
    end: int
    kind: str  # "term" | "number"
    text: str
    en: str
    expr: numbers.NumberExpr | None = None

    @property
    def mask(self) -> str:
        """A number is one character whatever its length (figures change, wording stays); a term
        keeps its length, so a long term weighs in the score as the characters it has."""
        return MASK_TERM * len(self.text) if self.kind == "term" else MASK_NUMBER


def placeables(text: str, glossary: Glossary | None) -> list[Placeable]:
    """Terms (longest first), then numbers outside them, in text order."""
    out: list[Placeable] = []
    taken = [False] * len(text)
    for a, b, term in glossary.find(text) if glossary else []:
        out.append(Placeable(a, b, "term", text[a:b], term.en))
        for i in range(a, b):
            taken[i] = True
    for e in numbers.parse(text):
        if not any(taken[e.start:e.end]):
            out.append(Placeable(e.start, e.end, "number", text[e.start:e.end], e.en, e))
    out.sort(key=lambda p: p.start)
    return out


def mask(text: str, places: list[Placeable]) -> tuple[str, list[int]]:
    """The masked text and, per masked position, the index of its placeable (-1 for plain text)."""
    parts: list[str] = []
    owner: list[int] = []
    pos = 0
    for i, p in enumerate(places):
        parts.append(text[pos:p.start])
        owner.extend([-1] * (p.start - pos))
        parts.append(p.mask)
        owner.extend([i] * len(p.mask))
        pos = p.end
    parts.append(text[pos:])
    owner.extend([-1] * (len(text) - pos))
    return "".join(parts), owner


def masked(text: str, glossary: Glossary | None) -> str:
    return mask(text, placeables(text, glossary))[0]


@dataclass
class Repair:
    """The memory English after repair; what was changed, refused, or is missing."""

    target: str
    changed: list[str] = field(default_factory=list)  # "6.9% → 6.7%"
    refused: list[str] = field(default_factory=list)  # old values that could not be put right
    missing: list[str] = field(default_factory=list)  # new placeables with no counterpart in the match

    @property
    def complete(self) -> bool:
        return not self.refused


def align(old_masked: str, new_masked: str, old_owner: list[int], new_owner: list[int]) -> list[tuple[int, int]]:
    """(old placeable, new placeable) index pairs that sit in equal stretches of the alignment."""
    from rapidfuzz.distance import Indel

    pairs: dict[tuple[int, int], None] = {}
    for op in Indel.opcodes(old_masked, new_masked):
        if op.tag != "equal":
            continue
        for k in range(op.src_end - op.src_start):
            i, j = old_owner[op.src_start + k], new_owner[op.dest_start + k]
            if i >= 0 and j >= 0:
                pairs[(i, j)] = None
    return list(pairs)


def repair(new_source: str, old_source: str, old_target: str, glossary: Glossary | None) -> Repair:
    """``old_target`` with the placeables that differ between the sources replaced (see module doc)."""
    new_p, old_p = placeables(new_source, glossary), placeables(old_source, glossary)
    new_m, new_owner = mask(new_source, new_p)
    old_m, old_owner = mask(old_source, old_p)
    pairs = align(old_m, new_m, old_owner, new_owner)
    res = Repair(old_target)
    paired_new = {j for _, j in pairs}
    res.missing = [p.text for j, p in enumerate(new_p) if j not in paired_new]
    edits: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for i, j in pairs:  # terms
        old, new = old_p[i], new_p[j]
        if old.kind != "term" or old.en == new.en:
            continue
        spans = _term_spans(old_target, old.en, taken) if new.kind == "term" else []
        if not spans:
            res.refused.append(old.text)
            continue
        for a, b in spans:
            edits.append((a, b, _case_like(old_target[a:b], new.en)))
            taken.update(range(a, b))
        res.changed.append(f"{old.en} → {new.en}")
    groups: dict[tuple[str, Decimal], list[tuple[Placeable, Placeable]]] = {}
    for i, j in pairs:  # numbers, grouped by old value: one old value must mean one new value
        old, new = old_p[i], new_p[j]
        if old.kind == "number" and old.expr is not None:
            groups.setdefault(_vkey(old.expr), []).append((old, new))
    olds = [p.expr for p in old_p if p.expr is not None]
    tokens = _tokens(old_target, olds)
    for gkey, members in groups.items():
        old_e = members[0][0].expr
        assert old_e is not None
        if all(new.expr is not None and new.expr.en == old_e.en for _, new in members):
            continue
        new_e = members[0][1].expr
        reason = None
        if new_e is None or any(n.expr is None or n.expr.en != new_e.en for _, n in members):
            reason = "ambiguous"
        elif sum(1 for e in olds if _vkey(e) == gkey) != len(members):
            reason = "ambiguous"  # the same old value also stands for a number that did not pair up
        else:
            reason = _incompatible(old_e, new_e)
        if reason is None and new_e is not None:
            nspans: list[tuple[int, int, str]]
            if old_e.kind == "date":
                nspans = _date_spans(old_target, old_e, new_e, taken)
            else:
                nspans = [(t.start, t.end, t.render(new_e)) for t in tokens if t.owner == gkey
                          and not taken & set(range(t.start, t.end))]
                if len(nspans) > len(members):
                    nspans = []  # the English says it more often than the source: cannot tell which
            if nspans:
                for a, b, text in nspans:
                    edits.append((a, b, text))
                    taken.update(range(a, b))
                res.changed.append(f"{old_e.en} → {new_e.en}")
                continue
        res.refused.extend(old.text for old, _ in members)
    out = old_target
    for a, b, text in sorted(edits, reverse=True):
        out = out[:a] + text + out[b:]
    res.target = out
    return res


def _vkey(e: numbers.NumberExpr) -> tuple[str, Decimal]:
    return (e.kind, e.value if e.high is None else e.value * 1000003 + e.high)


@dataclass
class _Token:
    """A number in the English: its span, value, tolerance, and how it is written."""

    start: int
    end: int
    value: Decimal
    tol: Decimal
    ordinal: bool
    text: str
    scale: str = ""
    word: bool = False
    owner: tuple[str, Decimal] | None = None

    def render(self, new: numbers.NumberExpr) -> str:
        """The new value written the way this token was."""
        if self.word:
            n = int(new.value)
            out = _ORD_WORDS[n - 1] if 0 < n <= len(_ORD_WORDS) else numbers.ordinal(n)
            return out[:1].upper() + out[1:] if self.text[:1].isupper() else out
        if self.ordinal:
            return numbers.ordinal(int(new.value))
        if new.kind == "year":
            return str(int(new.value))
        if self.scale:
            return f"{numbers.plain(new.value.scaleb(-_SCALE[self.scale]))} {self.scale}"
        if "," not in self.text and new.value < 10000 and new.value == new.value.to_integral_value():
            return numbers.plain(new.value)  # "2000 km" stays unseparated as the memory wrote it
        return numbers.group(new.value)


def _tokens(target: str, olds: list[numbers.NumberExpr]) -> list[_Token]:
    """Numbers of the English (digits, scale words, ordinal words), each owned by the old
    number of the source it renders most closely (within the token's precision)."""
    toks: list[_Token] = []
    for m in _EN_NUM.finditer(target):
        num = m.group("num")
        exp = _SCALE.get(m.group("scale") or "", 0)
        decimals = len(num.partition(".")[2])
        toks.append(_Token(m.start(), m.end(), Decimal(num.replace(",", "")).scaleb(exp),
                           Decimal(5).scaleb(exp - decimals - 1), m.group("ord") is not None, m.group(0),
                           m.group("scale") or ""))
    for m in _EN_ORD_WORD.finditer(target):
        toks.append(_Token(m.start(), m.end(), Decimal(_ORD_WORDS.index(m.group(0).lower()) + 1), Decimal(0), True,
                           m.group(0), word=True))
    for t in toks:
        best: tuple[Decimal, tuple[str, Decimal]] | None = None
        for e in olds:
            if e.kind == "date" or t.ordinal != (e.kind == "ordinal"):
                continue
            diff = abs(t.value - e.value)
            if diff <= t.tol and (best is None or diff < best[0]):
                best = (diff, _vkey(e))
        t.owner = best[1] if best else None
    return toks


def _incompatible(old: numbers.NumberExpr, new: numbers.NumberExpr) -> str | None:
    if old.kind != new.kind:
        return "kind"
    if old.unit != new.unit:
        return "unit"
    if old.qualifier != new.qualifier:
        return "qualifier"
    if old.high is not None or new.high is not None:
        return "range"
    return None


def _term_spans(target: str, en: str, taken: set[int]) -> list[tuple[int, int]]:
    pat = re.compile(rf"(?<![\w]){re.escape(en)}(?![\w])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pat.finditer(target) if not taken & set(range(m.start(), m.end()))]


def _case_like(found: str, new: str) -> str:
    """Keep a sentence-initial capital of the text replaced."""
    if found[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def _date_parts(expr: numbers.NumberExpr) -> tuple[str | None, int, int | None] | None:
    m = _CN_DATE.search(fold(expr.text))
    if not m:
        return None
    return m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None


def _date_spans(target: str, old: numbers.NumberExpr, new: numbers.NumberExpr,
                taken: set[int]) -> list[tuple[int, int, str]]:
    po, pn = _date_parts(old), _date_parts(new)
    if po is None or pn is None or (po[2] is None) != (pn[2] is None) or (po[0] is None) != (pn[0] is None):
        return []
    oy, om, od = po
    ny, nm, nd = pn
    month = _MONTHS[om - 1]
    day = rf"\s+{od}(?:st|nd|rd|th)?" if od else ""
    year = rf",?\s+{oy}" if oy else ""
    us = re.compile(rf"\b{month}{day}{year}\b")
    uk = re.compile(rf"\b{od}\s+{month}{year.replace(',?', '')}\b") if od else None
    out: list[tuple[int, int, str]] = []
    for pat, style in ((us, "us"), (uk, "uk")):
        if pat is None:
            continue
        for m in pat.finditer(target):
            if taken & set(range(m.start(), m.end())):
                continue
            nmonth = _MONTHS[nm - 1]
            if style == "us":
                text = nmonth + (f" {nd}" if nd else "") + ((", " if "," in m.group(0) else " ") + ny if ny else "")
            else:
                text = f"{nd} {nmonth}" + (f" {ny}" if ny else "")
            out.append((m.start(), m.end(), text))
    return out


__all__ = ["MASK_NUMBER", "MASK_TERM", "Placeable", "Repair", "align", "mask", "masked", "placeables", "repair"]
