"""Translation memory: SQLite, keyed by model + settings + normalised protected source.

Why: re-exporting a corrected document re-translates only what changed, and repeated
sentences (boilerplate, repeated blocks) are translated once. The key uses the source
*after* protection (numbers and terms are placeholders), so "增长ZX1。" is one entry for
every number; the stored value is the raw model output, restored per use.

Parallel export workers share one file: WAL journal, a busy timeout, short transactions and
``INSERT OR REPLACE`` make concurrent readers and writers safe. Location: ``$DOCTOOLS_CACHE_DIR``,
else ``$XDG_CACHE_HOME/doctools``, else ``~/.cache/doctools``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from doctools.errors import OutputError


def cache_dir() -> Path:
    env = os.environ.get("DOCTOOLS_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "doctools"


def normalise(text: str) -> str:
    """NFKC, whitespace collapsed: trivially different sources share an entry."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def key(model_id: str, settings: str, source: str) -> str:
    return hashlib.sha256(f"{model_id}\x1f{settings}\x1f{normalise(source)}".encode()).hexdigest()


class Memory:
    """One SQLite file; open per process (connections are not shared across forks)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "translation-memory.sqlite3"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS tm (key TEXT PRIMARY KEY, model TEXT NOT NULL, "
                "source TEXT NOT NULL, target TEXT NOT NULL, hit_cap INTEGER NOT NULL DEFAULT 0, "
                "created REAL NOT NULL DEFAULT (julianday('now')))"
            )
        except sqlite3.Error as exc:
            raise OutputError(f"cannot open translation memory {self.path}: {exc}") from exc

    def get_many(self, keys: Sequence[str]) -> dict[str, tuple[str, bool]]:
        out: dict[str, tuple[str, bool]] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i:i + 500])
            q = f"SELECT key, target, hit_cap FROM tm WHERE key IN ({','.join('?' * len(chunk))})"
            for k, target, cap in self.db.execute(q, chunk):
                out[k] = (target, bool(cap))
        return out

    def put_many(self, rows: Iterable[tuple[str, str, str, str, bool]]) -> None:
        """(key, model, source, target, hit_cap) rows in one short transaction."""
        rows = list(rows)
        if not rows:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                "INSERT OR REPLACE INTO tm (key, model, source, target, hit_cap) VALUES (?, ?, ?, ?, ?)",
                [(k, m, s, t, int(c)) for k, m, s, t, c in rows],
            )
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise OutputError(f"cannot write translation memory {self.path}: {exc}") from exc

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM tm").fetchone()[0])

    def close(self) -> None:
        self.db.close()


__all__ = ["Memory", "cache_dir", "key", "normalise"]
