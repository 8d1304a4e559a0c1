"""The brief's data tables (doctools/data/brief/*.tsv), loaded once and compiled.

Why a module: extraction, the checker and the layouts all read the same patterns, units
and labels; loading them here keeps every consumer free of file paths and regex text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from doctools.errors import ConfigError
from doctools.resources import data_path
from doctools.tables import load_table


@dataclass(frozen=True)
class Qualifier:
    text: str
    position: str  # pre, mid, post


@cache
def units() -> dict[str, str]:
    """Unit (every spelling) → class (money, percent, …), from the one units table; the
    number grammar's own symbols % and ‰ are percentages."""
    out = {"%": "percent", "‰": "percent"}
    for r in load_table(data_path("numbers", "units.tsv"), min_cols=3).rows:
        if r.get(0) == "zh":
            continue
        for spelling in [r.get(0), *(v.strip() for v in r.get(1).split(",") if v.strip())]:
            out.setdefault(spelling, r.get(7, "other") or "other")
    return out


@cache
def qualifiers() -> tuple[Qualifier, ...]:
    """Hedges (every spelling) with their position, from the one qualifiers table."""
    out: list[Qualifier] = []
    for r in load_table(data_path("numbers", "qualifiers.tsv"), min_cols=3).rows:
        if r.get(2) not in ("pre", "mid", "post"):
            raise ConfigError(f"{r.ref}: bad position {r.get(2)!r}")
        out += [Qualifier(w, r.get(2)) for w in [r.get(0), *(v.strip() for v in r.get(1).split(",") if v.strip())]]
    return tuple(out)


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    """Role → compiled regex; ConfigError naming the row on a bad pattern."""
    out: dict[str, re.Pattern[str]] = {}
    for r in load_table(data_path("brief", "patterns.tsv"), min_cols=2).rows:
        try:
            out[r.cells[0]] = re.compile(r.cells[1])
        except re.error as exc:
            raise ConfigError(f"{r.ref}: bad regular expression ({exc})") from exc
    return out


def pattern(role: str) -> re.Pattern[str]:
    try:
        return patterns()[role]
    except KeyError as exc:
        raise ConfigError(f"patterns.tsv: no pattern for role {role!r}") from exc


@cache
def labels() -> dict[str, tuple[str, str]]:
    """Key → (Chinese, English)."""
    return {
        r.cells[0]: (r.get(1), r.get(2))
        for r in load_table(data_path("brief", "labels.tsv"), min_cols=2).rows
    }


def label(key: str, lang: str = "zh-Hans", **fmt: object) -> str:
    zh, en = labels().get(key, (key, key))
    text = en if lang.startswith("en") else zh
    return text.format(**fmt) if fmt else text


__all__ = ["Qualifier", "label", "labels", "pattern", "patterns", "qualifiers", "units"]
