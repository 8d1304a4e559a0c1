"""Translation memory: one SQLite file holding approved translations and the model's cache.

Why one store: a translator's memory (TMX imported from a CAT tool, English reviewed in
doctools) and doctools' own machine output are the same kind of fact, a source segment and
its English, told apart by an ``origin`` column (``imported`` / ``reviewed`` / ``machine``).
``doctools tm export`` writes all of it, with its origin, to TMX; only the human origins
are offered as memory matches (:mod:`doctools.translate.tm_match`), since reusing machine
output as if it were approved would launder it.

Keys: a translation is keyed ``h:`` + the normalised *Simplified* source (Traditional is
converted on import), so one source has one English; duplicates are resolved by date,
newest wins, and a human origin always beats a carried machine one. The model's cache is
keyed ``m:`` + sha256(model, settings, protected source): the source *after* protection
(numbers and terms are placeholders), so "增长ZX1。" is one entry for every number; its
``raw`` column is the model output with placeholders, restored per use, and ``target`` the
English of its last use (what an export shows).

Parallel export workers share one file: WAL journal, a busy timeout, short transactions and
``INSERT OR REPLACE`` make concurrent readers and writers safe. Location: ``$DOCTOOLS_CACHE_DIR``,
else ``$XDG_CACHE_HOME/doctools``, else ``~/.cache/doctools``. The cache table of earlier
versions (``tm``, raw model output only) is dropped on first open: it was a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from doctools.errors import OutputError

ORIGINS = ("imported", "reviewed", "machine")
HUMAN = ("imported", "reviewed")
_BATCH = 500


def cache_dir() -> Path:
    env = os.environ.get("DOCTOOLS_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "doctools"


def default_path() -> Path:
    return cache_dir() / "translation-memory.sqlite3"


def normalise(text: str) -> str:
    """NFKC, whitespace collapsed: trivially different sources share an entry."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def key(model_id: str, settings: str, source: str) -> str:
    """The model cache key of a protected source (sha256 hex)."""
    return hashlib.sha256(f"{model_id}\x1f{settings}\x1f{normalise(source)}".encode()).hexdigest()


_LOOSE_SPACE = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")


def normalise_source(text: str) -> str:
    """:func:`normalise`, and no space next to a non-ASCII character: Chinese text has no
    word spaces, so "增长 6%" and "增长6%" are one source (but "R&D center" keeps its)."""
    return _LOOSE_SPACE.sub("", normalise(text))


def source_key(source: str) -> str:
    """The key of a translation: its normalised Simplified source."""
    return "h:" + normalise_source(source)


def tmx_now() -> str:
    """Now as a TMX date (``YYYYMMDDThhmmssZ``, UTC): sortable as text."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


@dataclass(frozen=True)
class Unit:
    """One translation unit as the memory holds it (and TMX carries it).

    ``changed`` / ``created`` are TMX dates ('' when unknown); ``extra`` keeps the TMX
    ``prop``/``note`` items doctools does not interpret, as (kind, type, value), so an
    export gives back what an import took in.
    """

    source: str
    target: str
    origin: str = "imported"
    changed: str = ""
    created: str = ""
    creator: str = ""
    changer: str = ""
    model: str = ""
    target_lang: str = "en"
    extra: tuple[tuple[str, str, str], ...] = field(default=())

    @property
    def date(self) -> str:
        return self.changed or self.created

    def rank(self) -> tuple[int, str]:
        """Duplicate resolution: a human origin first, then the newest date."""
        return (1 if self.origin in HUMAN else 0, self.date)


class MachineRow(NamedTuple):
    """One model output for the cache: ``raw`` keeps the placeholders, ``target`` is restored."""

    key: str
    model: str
    source: str
    raw: str
    hit_cap: bool
    target: str = ""


@dataclass
class ImportCount:
    """What :meth:`Memory.add_units` did with the units it was given."""

    added: int = 0
    replaced: int = 0
    kept: int = 0  # an older (or machine) unit that lost to what the memory already held

    @property
    def total(self) -> int:
        return self.added + self.replaced + self.kept


_COLUMNS = "key, origin, source, target, raw, model, hit_cap, changed, created, creator, changer, target_lang, extra"


class Memory:
    """One SQLite file; open per process (connections are not shared across forks)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS units (key TEXT PRIMARY KEY, origin TEXT NOT NULL, "
                "source TEXT NOT NULL, target TEXT NOT NULL, raw TEXT NOT NULL DEFAULT '', "
                "model TEXT NOT NULL DEFAULT '', hit_cap INTEGER NOT NULL DEFAULT 0, "
                "changed TEXT NOT NULL DEFAULT '', created TEXT NOT NULL DEFAULT '', "
                "creator TEXT NOT NULL DEFAULT '', changer TEXT NOT NULL DEFAULT '', "
                "target_lang TEXT NOT NULL DEFAULT 'en', extra TEXT NOT NULL DEFAULT '')"
            )
            self.db.execute("CREATE INDEX IF NOT EXISTS units_origin ON units (origin)")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='tm'").fetchone():
                self.db.execute("DROP TABLE IF EXISTS tm")
        except sqlite3.Error as exc:
            raise OutputError(f"cannot open translation memory {self.path}: {exc}") from exc

    # --- the model's cache -------------------------------------------------------------
    def get_many(self, keys: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """Cached model output by cache key: (raw output with placeholders, hit the cap)."""
        out: dict[str, tuple[str, bool]] = {}
        for i in range(0, len(keys), _BATCH):
            chunk = ["m:" + k for k in keys[i:i + _BATCH]]
            q = f"SELECT key, raw, hit_cap FROM units WHERE key IN ({','.join('?' * len(chunk))})"
            for k, raw, cap in self._read(q, chunk):
                out[k[2:]] = (raw, bool(cap))
        return out

    def put_many(self, rows: Iterable[MachineRow]) -> None:
        """Model outputs, in one short transaction."""
        now = tmx_now()
        values = [("m:" + r.key, "machine", r.source, r.target or r.raw, r.raw, r.model, int(r.hit_cap), now, now,
                   "", "", "en", "") for r in rows]
        if values:
            self._write(f"INSERT OR REPLACE INTO units ({_COLUMNS}) VALUES ({','.join('?' * 13)})", values)

    # --- translations ------------------------------------------------------------------
    def exact(self, sources: Sequence[str]) -> dict[str, Unit]:
        """Human translations whose normalised source equals one of ``sources`` (by source key)."""
        out: dict[str, Unit] = {}
        keys = sorted({source_key(s) for s in sources})
        for i in range(0, len(keys), _BATCH):
            chunk = keys[i:i + _BATCH]
            q = (f"SELECT {_COLUMNS} FROM units WHERE key IN ({','.join('?' * len(chunk))}) "
                 f"AND origin IN ('imported', 'reviewed')")
            for row in self._read(q, chunk):
                out[row[0]] = _unit(row)
        return out

    def has_translations(self) -> bool:
        """Whether any human translation is stored (no lookup work for a cache-only memory)."""
        return bool(self._read("SELECT 1 FROM units WHERE origin IN ('imported', 'reviewed') LIMIT 1"))

    def human(self) -> Iterator[tuple[int, str, str]]:
        """(rowid, source, target) of every human translation: what fuzzy matching indexes."""
        yield from self._read("SELECT rowid, source, target FROM units WHERE origin IN ('imported', 'reviewed')")

    def units_by_rowid(self, rowids: Sequence[int]) -> dict[int, Unit]:
        out: dict[int, Unit] = {}
        for i in range(0, len(rowids), _BATCH):
            chunk = list(rowids[i:i + _BATCH])
            q = f"SELECT rowid, {_COLUMNS} FROM units WHERE rowid IN ({','.join('?' * len(chunk))})"
            for row in self._read(q, chunk):
                out[int(row[0])] = _unit(row[1:])
        return out

    def add_units(self, units: Iterable[Unit]) -> ImportCount:
        """Store translations; per source the newest (human before machine) wins.

        Units are taken in batches, each in one short transaction, so a large TMX never holds
        the write lock for long and concurrent export workers keep working.
        """
        count = ImportCount()
        batch: dict[str, Unit] = {}
        for u in units:
            k = source_key(u.source)
            old = batch.get(k)
            if old is not None:
                if u.rank() >= old.rank():  # later in the file wins a tie
                    batch[k] = u
                count.kept += 1
                continue
            batch[k] = u
            if len(batch) >= _BATCH:
                self._merge(batch, count)
                batch = {}
        if batch:
            self._merge(batch, count)
        return count

    def _merge(self, batch: dict[str, Unit], count: ImportCount) -> None:
        keys = list(batch)
        try:
            self.db.execute("BEGIN IMMEDIATE")
            q = f"SELECT key, origin, changed, created FROM units WHERE key IN ({','.join('?' * len(keys))})"
            have = {k: (1 if o in HUMAN else 0, c or cr) for k, o, c, cr in self.db.execute(q, keys)}
            rows = []
            for k, u in batch.items():
                if k in have and u.rank() < have[k]:
                    count.kept += 1
                    continue
                count.replaced += k in have
                count.added += k not in have
                extra = json.dumps(list(u.extra), ensure_ascii=False) if u.extra else ""
                rows.append((k, u.origin, u.source, u.target, "", u.model, 0, u.changed, u.created, u.creator,
                             u.changer, u.target_lang, extra))
            self.db.executemany(f"INSERT OR REPLACE INTO units ({_COLUMNS}) VALUES ({','.join('?' * 13)})", rows)
            if rows and any(batch[r[0]].origin in HUMAN for r in rows):
                self.db.execute("INSERT INTO meta (name, value) VALUES ('generation', '1') ON CONFLICT(name) "
                                "DO UPDATE SET value = CAST(value AS INTEGER) + 1")
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise OutputError(f"cannot write translation memory {self.path}: {exc}") from exc

    def units(self) -> Iterator[Unit]:
        """Every unit (human translations, then the model's cache), for export."""
        yield from (_unit(r) for r in self._read(
            f"SELECT {_COLUMNS} FROM units ORDER BY substr(key, 1, 1), rowid"))

    def generation(self) -> int:
        """Bumped by every change to the human translations: fuzzy indexes rebuild when it moves."""
        row = self._read("SELECT value FROM meta WHERE name = 'generation'")
        return int(row[0][0]) if row else 0

    def stats(self) -> dict[str, object]:
        """Counts by origin, characters, date range and the file: what ``tm stats`` prints."""
        by_origin = {o: 0 for o in ORIGINS}
        chars = 0
        for origin, n, c in self._read("SELECT origin, count(*), sum(length(source)) FROM units GROUP BY origin"):
            by_origin[origin] = int(n)
            chars += int(c or 0)
        dates = self._read("SELECT min(nullif(changed, '')), max(nullif(changed, '')) FROM units "
                           "WHERE origin IN ('imported', 'reviewed')")
        cached = self._read("SELECT count(*) FROM units WHERE key LIKE 'm:%'")[0][0]
        size = self.path.stat().st_size if self.path.exists() else 0
        return {"path": str(self.path), "units": sum(by_origin.values()), "origins": by_origin,
                "source_chars": chars, "model_cache": int(cached), "oldest": dates[0][0] or "",
                "newest": dates[0][1] or "", "bytes": size}

    def __len__(self) -> int:
        return int(self._read("SELECT count(*) FROM units")[0][0])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ----------------------------------------------------------------------
    def _read(self, q: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self.db.execute(q, list(args)))
        except sqlite3.Error as exc:
            raise OutputError(f"cannot read translation memory {self.path}: {exc}") from exc

    def _write(self, q: str, rows: Sequence[Sequence[object]]) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(q, rows)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise OutputError(f"cannot write translation memory {self.path}: {exc}") from exc

    def _rollback(self) -> None:
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _unit(row: Sequence[object]) -> Unit:
    """A Unit from a row in ``_COLUMNS`` order."""
    _key, origin, source, target, _raw, model, _cap, changed, created, creator, changer, lang, extra = row
    items = tuple((str(a), str(b), str(c)) for a, b, c in json.loads(str(extra))) if extra else ()
    return Unit(str(source), str(target), str(origin), str(changed), str(created), str(creator), str(changer),
                str(model), str(lang), items)


__all__ = ["HUMAN", "ORIGINS", "ImportCount", "MachineRow", "Memory", "Unit", "cache_dir", "default_path", "key",
           "normalise", "normalise_source", "source_key", "tmx_now"]
