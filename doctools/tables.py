"""Loader for doctools' plain-text data tables (headered UTF-8 TSV).

Format (OpenCC-style)::

    # Purpose: what the table is for
    # Source: where its rows come from
    # Columns: key<TAB>value<TAB>note
    key<TAB>value<TAB>note

``#`` lines are the header (or comments), blank lines are skipped. Every row keeps its
1-based line number so an Edit can name ``path:line`` as the rule responsible.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from doctools.errors import ConfigError


@dataclass(frozen=True)
class Row:
    """One data row: its cells and where it stands."""

    cells: tuple[str, ...]
    line: int
    source: str

    @property
    def ref(self) -> str:
        """``file:line`` — what an Edit names as its rule."""
        return f"{self.source}:{self.line}"

    def get(self, i: int, default: str = "") -> str:
        return self.cells[i] if i < len(self.cells) else default


@dataclass(frozen=True)
class Table:
    """A loaded table: header fields and rows."""

    name: str
    header: dict[str, str]
    rows: tuple[Row, ...]


def parse_table(text: str, name: str, *, min_cols: int = 1) -> Table:
    """Parse table text; ConfigError naming file and line on a malformed row."""
    header: dict[str, str] = {}
    rows: list[Row] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            if ":" in body and not rows:
                key, _, value = body.partition(":")
                header.setdefault(key.strip().lower(), value.strip())
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        if len(cells) < min_cols or not cells[0]:
            raise ConfigError(f"{name}:{no}: expected at least {min_cols} tab-separated columns")
        rows.append(Row(cells, no, name))
    return Table(name, header, tuple(rows))


def load_table(path: Path, *, name: str | None = None, min_cols: int = 1) -> Table:
    """Read a table file; ConfigError when it is missing or not UTF-8."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ConfigError(f"table not found: {path}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"table is not UTF-8: {path}") from exc
    return parse_table(text, name or path.name, min_cols=min_cols)


__all__ = ["Row", "Table", "load_table", "parse_table"]
