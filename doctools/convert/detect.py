"""Script and regional-vocabulary detection: is a text Traditional, Simplified or mixed,
and does its vocabulary read as Taiwan, Hong Kong or mainland usage?

Script is decided per character: a character OpenCC ``t2s`` changes is Traditional-only,
one ``s2t`` changes is Simplified-only; characters common to both scripts say nothing.
Regional vocabulary comes from ``data/convert/signals.tsv`` (words matched after ``t2s``,
so 軟體 and 软体 count alike). Examples::

    detect("網際網路與人工智慧")  → ("Hant", "TW", {...})
    detect("互联网和人工智能")    → ("Hans", "CN", {...})
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from doctools.tables import load_table

from . import _opencc
from .terms import SIGNALS, table_path

_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
MIXED_SHARE = 0.2  # the minority script must be at least this share of marked characters


@cache
def _signals() -> tuple[re.Pattern[str], dict[str, str]]:
    table = load_table(table_path(SIGNALS), name=f"convert/{SIGNALS}", min_cols=2)
    region = {r.get(0): r.get(1) for r in table.rows}
    words = sorted(region, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), region


def script_counts(text: str) -> tuple[int, int]:
    """(Traditional-only, Simplified-only) character counts of ``text``."""
    cjk = "".join(_CJK.findall(text))
    if not cjk:
        return 0, 0
    to_s = _opencc.convert("t2s", cjk)
    to_t = _opencc.convert("s2t", cjk)
    hant = sum(1 for a, b in zip(cjk, to_s, strict=False) if a != b) if len(to_s) == len(cjk) else 0
    hans = sum(1 for a, b in zip(cjk, to_t, strict=False) if a != b) if len(to_t) == len(cjk) else 0
    return hant, hans


def script_of(hant: int, hans: int) -> str:
    """``Hant``, ``Hans``, ``mixed`` or ``unknown`` from the two counts."""
    total = hant + hans
    if total == 0:
        return "unknown"
    if min(hant, hans) >= MIXED_SHARE * total:
        return "mixed"
    return "Hant" if hant > hans else "Hans"


def vocabulary_signals(text: str, *, simplified: str | None = None) -> dict[str, dict[str, int]]:
    """Region → {word: count} for every regional signal word found."""
    pattern, region = _signals()
    s = simplified if simplified is not None else _opencc.convert("t2s", text)
    found: dict[str, Counter[str]] = {}
    for m in pattern.finditer(s):
        found.setdefault(region[m.group()], Counter())[m.group()] += 1
    return {reg: dict(c.most_common()) for reg, c in sorted(found.items())}


def variant_of(signals: dict[str, dict[str, int]]) -> str | None:
    """The region whose signals are most frequent (None: no signal at all).

    A mainland text pushed through a Taiwan converter keeps many mainland words, so the
    variant names the *regional* vocabulary present: TW/HK win over CN when they have at
    least a third of CN's count.
    """
    totals = {reg: sum(words.values()) for reg, words in signals.items()}
    if not totals:
        return None
    cn = totals.get("CN", 0)
    regional = {r: n for r, n in totals.items() if r != "CN" and n * 3 >= cn and n >= 2}
    if regional:
        return max(regional, key=lambda r: regional[r])
    return "CN" if cn else max(totals, key=lambda r: totals[r])


def detect(text: str) -> tuple[str, str | None, dict[str, dict[str, int]]]:
    """(script, variant, signals) of ``text``: see the module docstring."""
    hant, hans = script_counts(text)
    signals = vocabulary_signals(text)
    return script_of(hant, hans), variant_of(signals), signals


__all__ = ["detect", "script_counts", "script_of", "variant_of", "vocabulary_signals"]
