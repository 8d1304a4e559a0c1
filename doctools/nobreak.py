"""Spans of text no line may break inside: names, titles, set phrases, numbers with units.

Why: a proof-reader marks “习|近平” or “2405.|16亿元” first. Our PDF line breaker and the
DOCX writer (which wraps these spans so Word and LibreOffice keep them whole) both ask
:func:`spans` where a break is forbidden. Kinds, as :class:`Span` names them:

    name / title / phrase   words of ``templates/nobreak.tsv`` (习近平, 总书记, 十四五 …)
    number                  a number with its unit, percent sign or ordinal prefix:
                            2405.16亿元, 38%, 第130届, 1.5万平方米, 600余场, 2022年
    latin                   a run of Latin letters, digits and symbols: 1+18+N, COVID-19, 5G

The layout may break before or after a span, never inside it. Units after numbers come from
``doctools/data/numbers/units.tsv`` (their home) plus the ``unit`` rows of the
no-break table; magnitude words (万, 亿 …) may stand between the number and the unit.
Examples::

    spans("习近平总书记对第130届广交会")  → name 习近平, title 总书记, number 第130届
    spans("增长38%，达2405.16亿元")       → number 38%, number 2405.16亿元
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from doctools.errors import ConfigError

KINDS = ("name", "title", "phrase", "unit")
_MAGNITUDES = ("万亿", "萬億", "千亿", "千億", "百亿", "百億", "十亿", "十億", "亿", "億",
               "千万", "千萬", "百万", "百萬", "十万", "十萬", "万", "萬", "千", "百")
_ABOUT = "余多餘"  # 600余场, 3万多人: the hedge sits inside the number expression


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # name | title | phrase | number | latin

    def text(self, s: str) -> str:
        return s[self.start:self.end]


@cache
def table() -> dict[str, tuple[str, ...]]:
    """kind → words, from ``templates/nobreak.tsv`` (ConfigError on a bad row)."""
    from doctools.resources import templates_dir
    from doctools.tables import load_table

    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for row in load_table(templates_dir() / "nobreak.tsv", min_cols=2).rows:
        kind, word = row.get(0), row.get(1)
        if kind not in out:
            raise ConfigError(f"{row.ref}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if not word or any(c.isspace() for c in word):
            raise ConfigError(f"{row.ref}: a no-break word needs text without spaces")
        out[kind].append(word)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _traditional_forms() -> dict[str, tuple[str, ...]]:
    """Each table word in its Traditional spellings (OpenCC s2t, s2tw, s2hk), by kind."""
    import opencc

    convs = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
    return {k: tuple(sorted({c.convert(w) for c in convs for w in words} - set(words)))
            for k, words in table().items()}


def _number_units(traditional: bool) -> list[str]:
    from doctools.resources import data_path
    from doctools.tables import load_table

    units: set[str] = set(table()["unit"])
    if traditional:
        units |= set(_traditional_forms()["unit"])
    for row in load_table(data_path("numbers", "units.tsv"), min_cols=3).rows:
        if row.get(0) == "zh":  # the column-name row
            continue
        units.add(row.get(0))
        units.update(v.strip() for v in row.get(1).split(",") if v.strip())
    return sorted(units, key=lambda u: (-len(u), u))


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def _patterns(traditional: bool) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    kinds: dict[str, str] = {}
    for kind in ("name", "title", "phrase"):
        words = list(table()[kind])
        if traditional:
            words += _traditional_forms()[kind]
        for w in words:
            kinds.setdefault(w, kind)
    words_re = re.compile(_alt(list(kinds)))
    digit = r"[0-9０-９]"
    # a comma groups thousands only when exactly three digits follow (3，5 is a list)
    num = rf"{digit}+(?:(?:[.．]{digit}+)|(?:[,，]{digit}{{3}}(?!{digit})))*"
    about = f"[{_ABOUT}]"
    mag = f"(?:{_alt(_MAGNITUDES)})"
    units = f"(?:{_alt(_number_units(traditional))})"
    number_re = re.compile(
        rf"(?:第)?{num}(?:{about}?{mag}{about}?{units}?|{about}?{units}|[%％‰])?"
    )
    return words_re, number_re, kinds


def is_latin(ch: str) -> bool:
    """Characters of a Latin/number run (no break between two of them)."""
    cp = ord(ch)
    return not ch.isspace() and cp < 0x2E80 and ch not in "\u00a0\u2060" and not 0x2000 <= cp <= 0x206F


def spans(text: str, *, traditional: bool = False) -> list[Span]:
    """Every no-break span of ``text``, sorted by start; overlapping spans are merged."""
    words_re, number_re, kinds = _patterns(traditional)
    found: list[Span] = []
    for m in words_re.finditer(text):
        found.append(Span(m.start(), m.end(), kinds[m.group()]))
    for m in number_re.finditer(text):
        if m.end() - m.start() > 1:
            found.append(Span(m.start(), m.end(), "number"))
    i, n = 0, len(text)
    while i < n:  # Latin runs of two or more characters: words, codes, 1+18+N
        if is_latin(text[i]):
            j = i + 1
            while j < n and is_latin(text[j]):
                j += 1
            if j - i > 1:
                found.append(Span(i, j, "latin"))
            i = j
        else:
            i += 1
    found.sort(key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for s in found:
        if merged and s.start < merged[-1].end:  # overlapping: one span, named by the first
            last = merged[-1]
            if s.end > last.end:
                merged[-1] = Span(last.start, s.end, last.kind)
            continue
        merged.append(s)
    return merged


def glue(text: str, *, traditional: bool = False) -> bytearray:
    """``glue[i] == 1``: no line may break before ``text[i]`` (it is inside a span)."""
    out = bytearray(len(text) + 1)
    for s in spans(text, traditional=traditional):
        out[s.start + 1:s.end] = b"\x01" * (s.end - s.start - 1)
    return out


def is_traditional(language: str) -> bool:
    low = language.lower()
    return "hant" in low or low in ("zh-tw", "zh-hk", "zh-mo")


__all__ = ["KINDS", "Span", "glue", "is_latin", "is_traditional", "spans", "table"]
