"""Loading phrase tables: the shipped ones, user ``--terms`` files and ``doctools.toml``.

Phrase-table format (headered TSV, see :mod:`doctools.tables`)::

    # Purpose: ...
    # Source: ...
    # Columns: key<TAB>value<TAB>left<TAB>right<TAB>except<TAB>note
    最佳化	优化
    套用	应用		场景|研究|平台
    协定	协议			全面经济伙伴关系协定|自由贸易协定

``left``/``right`` are Python regexes that must match the text just before/after the key;
``except`` lists ``|``-separated strings containing the key inside which the rule never
fires; an empty ``value`` marks an ambiguous key that is only reported. Keys are in
Simplified characters: the phrase layer runs after OpenCC (see :mod:`doctools.convert`).
A user table only needs ``key<TAB>value``. The guard table has one word per row. The
document-rule table (``discourse.tsv``, :mod:`.discourse`) has
``key<TAB>value<TAB>evidence<TAB>against<TAB>keep left<TAB>keep right<TAB>note``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

from doctools.errors import ConfigError
from doctools.resources import data_path
from doctools.tables import Table, load_table

from .discourse import DocumentRule
from .phrases import PhraseTable, Rule

# shipped tables, lowest precedence first (a later table's row overrides an earlier one)
VOCABULARY = "tw_cn_vocabulary.tsv"
REPAIRS = "repairs.tsv"
GUARD = "guard.tsv"
SIGNALS = "signals.tsv"
DISCOURSE = "discourse.tsv"
PHRASE_TABLES: tuple[str, ...] = (VOCABULARY, REPAIRS)


def table_path(name: str) -> Path:
    return data_path("convert", name)


def rules_from_table(table: Table, *, prefix: str = "") -> list[Rule]:
    """The rules of a loaded table; ConfigError naming file:line on a bad row."""
    rules: list[Rule] = []
    for row in table.rows:
        exceptions = [e.strip() for e in row.get(4).split("|") if e.strip()]
        try:
            rules.append(
                Rule.make(
                    row.get(0),
                    row.get(1),
                    f"{prefix}{row.ref}",
                    left=row.get(2),
                    right=row.get(3),
                    exceptions=exceptions,
                    note=row.get(5),
                )
            )
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
    return rules


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every shipped phrase rule, lowest precedence first. Refs read ``convert/<file>:<line>``."""
    out: list[Rule] = []
    for name in PHRASE_TABLES:
        out += rules_from_table(load_table(table_path(name), name=f"convert/{name}"))
    return tuple(out)


@cache
def document_rules() -> tuple[DocumentRule, ...]:
    """The shipped document-level rules (``discourse.tsv``): refs read ``convert/discourse.tsv:<line>``."""
    table = load_table(table_path(DISCOURSE), name=f"convert/{DISCOURSE}", min_cols=3)
    out: list[DocumentRule] = []
    for row in table.rows:
        if not row.get(2).isdigit():
            raise ConfigError(f"{row.ref}: evidence must be a whole number, not {row.get(2)!r}")
        try:
            out.append(DocumentRule.make(
                row.get(0), row.get(1), row.ref, evidence=int(row.get(2)),
                against=[a.strip() for a in row.get(3).split("|")], keep_left=row.get(4),
                keep_right=row.get(5), note=row.get(6)))
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
    return tuple(out)


@cache
def guard_words() -> tuple[str, ...]:
    """Words the phrase layer must never change."""
    table = load_table(table_path(GUARD), name=f"convert/{GUARD}")
    return tuple(r.get(0) for r in table.rows)


def load_terms(paths: Iterable[str | Path]) -> tuple[Rule, ...]:
    """User phrase tables, in order (a later file overrides an earlier one).

    A missing file, a non-UTF-8 file or a bad row is a ConfigError with file and line.
    """
    out: list[Rule] = []
    for p in paths:
        path = Path(p)
        out += rules_from_table(load_table(path, name=path.name, min_cols=2))  # outputs never name local folders
    return tuple(out)


def resolve_terms(terms: Sequence[Rule] | Sequence[str | Path] | None) -> tuple[Rule, ...]:
    """Accept rules or table paths (or None) and return rules."""
    if not terms:
        return ()
    if all(isinstance(t, Rule) for t in terms):
        return tuple(t for t in terms if isinstance(t, Rule))
    if any(isinstance(t, Rule) for t in terms):
        raise ConfigError("terms: pass either rules or table paths, not both")
    return load_terms([t for t in terms if isinstance(t, (str, Path))])


@lru_cache(maxsize=16)
def phrase_table(user: tuple[Rule, ...] = ()) -> PhraseTable:
    """The compiled table: shipped rules, then user rules (which replace shipped rows of the same key).

    A guard word that a user table maps explicitly is no longer guarded: the user asked; a
    document rule for a key the user maps is dropped with the shipped rows of that key.
    """
    user_keys = {r.key for r in user}
    guard = [g for g in guard_words() if g not in user_keys]
    shipped = [r for r in builtin_rules() if r.key not in user_keys]
    document = [d for d in document_rules() if d.key not in user_keys]
    return PhraseTable((*shipped, *user), guard, document)


__all__ = [
    "DISCOURSE",
    "GUARD",
    "PHRASE_TABLES",
    "REPAIRS",
    "SIGNALS",
    "VOCABULARY",
    "builtin_rules",
    "document_rules",
    "guard_words",
    "load_terms",
    "phrase_table",
    "resolve_terms",
    "rules_from_table",
    "table_path",
]
