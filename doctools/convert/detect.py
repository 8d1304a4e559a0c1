"""Script and regional-vocabulary detection: is a text Traditional, Simplified or mixed,
and does its vocabulary read as Taiwan, Hong Kong or mainland usage?

Script is decided per character: a character OpenCC ``t2s`` changes (on its own) is
Traditional-only, one ``s2t`` changes is Simplified-only; characters common to both
scripts say nothing.
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

MIXED_SHARE = 0.2  # the minority script must be at least this share of marked characters
_CJK_RANGES = ((0x3400, 0xA000), (0x20000, 0x30000))
SAMPLE = 80_000  # characters detection looks at (see sample())
SAMPLE_WINDOWS = 40
REGIONAL = ("TW", "HK")


@cache
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters, found once per process by converting
    every CJK character on its own with OpenCC ``t2s`` and ``s2t`` (~0.1 s)."""
    cjk = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi)]
    joined = "\n".join(cjk)
    to_s = _opencc.convert("t2s", joined).split("\n")
    to_t = _opencc.convert("s2t", joined).split("\n")
    if len(to_s) != len(cjk) or len(to_t) != len(cjk):  # pragma: no cover - OpenCC keeps line breaks
        raise RuntimeError("OpenCC changed the number of lines")
    hant = frozenset(c for c, x in zip(cjk, to_s, strict=True) if x != c)
    hans = frozenset(c for c, x in zip(cjk, to_t, strict=True) if x != c)
    return hant, hans


def sample(text: str, limit: int = SAMPLE) -> str:
    """``text`` itself, or for a longer text ``SAMPLE_WINDOWS`` evenly spaced windows of it
    (about ``limit`` characters in all, one per line): detection decides on shares, which
    a sample this size fixes, so a long document costs no more than a report."""
    if len(text) <= limit:
        return text
    size = limit // SAMPLE_WINDOWS
    step = len(text) // SAMPLE_WINDOWS
    return "\n".join(text[i * step : i * step + size] for i in range(SAMPLE_WINDOWS))


@cache
def _signals() -> tuple[re.Pattern[str], dict[str, str]]:
    table = load_table(table_path(SIGNALS), name=f"convert/{SIGNALS}", min_cols=2)
    region = {r.get(0): r.get(1) for r in table.rows}
    words = sorted(region, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), region


def script_counts(text: str) -> tuple[int, int]:
    """(Traditional-only, Simplified-only) character counts of ``text``.

    A character is Traditional-only when OpenCC ``t2s`` changes it on its own, and
    Simplified-only when ``s2t`` does (both sets are computed once); counting is one
    C-level pass (``Counter``) and a sum over the distinct characters.
    """
    hant, hans = _script_sets()
    counts = Counter(text)
    return (sum(n for ch, n in counts.items() if ch in hant), sum(n for ch, n in counts.items() if ch in hans))


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
    """(script, variant, signals) of ``text`` (of its :func:`sample` when it is long)."""
    part = sample(text)
    hant, hans = script_counts(part)
    signals = vocabulary_signals(part)
    return script_of(hant, hans), variant_of(signals), signals


def regional_vocabulary(variant: str | None, signals: dict[str, dict[str, int]]) -> bool:
    """Whether the text really carries Taiwan/Hong Kong vocabulary: the variant is TW or HK,
    which :func:`variant_of` only says on at least two occurrences of that region's signal
    words and at least a third as many as the mainland ones (a mainland report that quotes
    one Taiwan name, or has a stray word, stays CN)."""
    return variant in REGIONAL and sum(signals.get(variant or "", {}).values()) >= 2


__all__ = [
    "REGIONAL",
    "detect",
    "regional_vocabulary",
    "sample",
    "script_counts",
    "script_of",
    "variant_of",
    "vocabulary_signals",
]
