"""Term base: Chinese terms that must come out in one fixed English form.

Why: generic NMT renders names and policy slogans inconsistently (LibreTranslate#484,
#775); CAT tools enforce a term base and QA "term not used". Terms found in a segment are
replaced by placeholders before the model (see :mod:`doctools.translate.protect`) and the
fixed English is put back after, so the rendering is guaranteed or the loss is flagged.

The shipped table is ``doctools/data/translate/glossary_zh_en.tsv`` (zh, en, note); users
add or override rows with ``--glossary FILE`` (same columns). Keys are Simplified; for a
Traditional edition the Traditional spellings (OpenCC s2t and s2twp) are added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from doctools.errors import ConfigError
from doctools.resources import data_path
from doctools.tables import load_table

_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    note: str
    ref: str  # file:line


class Glossary:
    """Terms matched longest-first, non-overlapping."""

    def __init__(self, terms: Iterable[Term]) -> None:
        by_key: dict[str, Term] = {}
        for t in terms:
            by_key[t.zh] = t  # later tables override earlier ones
        self.terms = by_key
        keys = sorted(by_key, key=len, reverse=True)
        self._re = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) for each match in ``text``, left to right."""
        if self._re is None:
            return []
        return [(m.start(), m.end(), self.terms[m.group(0)]) for m in self._re.finditer(text)]

    def for_script(self, script: str | None) -> Glossary:
        """This glossary plus Traditional spellings when the text is Traditional or mixed."""
        if script not in ("Hant", "mixed"):
            return self
        return Glossary([*self.terms.values(), *_traditional(tuple(self.terms.values()))])

    def version(self) -> str:
        """A short hash of the table: a memory entry made with another glossary differs."""
        import hashlib

        h = hashlib.sha256("\n".join(f"{k}\t{t.en}" for k, t in sorted(self.terms.items())).encode())
        return h.hexdigest()[:12]


@lru_cache(maxsize=4)
def _traditional(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency
        return ()
    out: list[Term] = []
    for config in ("s2t", "s2twp"):
        conv = opencc.OpenCC(config)
        for t in terms:
            zh = conv.convert(t.zh)
            if zh != t.zh:
                out.append(Term(zh, t.en, t.note, t.ref))
    return tuple(out)


def read_terms(path: Path) -> list[Term]:
    """Rows of a glossary TSV (zh, en[, note]); ConfigError naming file:line on a bad row."""
    table = load_table(path, min_cols=2)
    out: list[Term] = []
    for row in table.rows:
        if row.get(0) == "zh" and row.get(1) == "en":
            continue  # column header row
        zh, en = row.get(0), row.get(1)
        if not en or _HAN.search(en):
            raise ConfigError(f"{row.ref}: glossary English must be non-empty and contain no Chinese")
        out.append(Term(zh, en, row.get(2), row.ref))
    return out


def default_path() -> Path:
    return data_path("translate", "glossary_zh_en.tsv")


def load_glossary(extra: Iterable[Path] = (), *, builtin: bool = True) -> Glossary:
    """The shipped term base, then each user file (later rows override)."""
    terms: list[Term] = read_terms(default_path()) if builtin else []
    for p in extra:
        terms.extend(read_terms(Path(p)))
    return Glossary(terms)


__all__ = ["Glossary", "Term", "default_path", "load_glossary", "read_terms"]
