"""The batch manifest (``OUTDIR/manifest.json``): what happened to every document.

It is rewritten atomically after every finished document, so after a crash or Ctrl-C it
still describes exactly the files on disk, and a rerun can tell what to skip.

A manifest on disk is input like any other: it may have been edited by hand or by an
attacker. Every path read from it is checked (:func:`inside`) before anything is read,
compared or deleted: a path that leaves the output folder is ignored with a note.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from doctools.results import DocEntry, EditionResult, OutputEntry
from doctools.writers._atomic import write_text

MANIFEST_VERSION = 2
Status = str  # "ok" | "partial" | "failed" | "skipped" | "cancelled"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def inside(out_dir: Path, rel: str) -> Path | None:
    """``out_dir / rel`` when that stays inside ``out_dir`` (no absolute path, no ``..``, no
    symlink leading out); None otherwise."""
    if not isinstance(rel, str) or not rel or "\x00" in rel or os.path.isabs(rel) or rel.startswith("\\"):
        return None
    parts = Path(rel).parts
    if any(p in ("..", ".") for p in parts):
        return None
    root = out_dir.resolve()
    target = (root / rel).resolve()
    try:
        target.relative_to(root)
    except ValueError:
        return None
    return root / rel


@dataclass
class Manifest:
    code_version: str
    options: str
    documents: dict[str, DocEntry] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # documents of earlier batches into the same folder, still on disk (not in the summary)
    earlier: dict[str, DocEntry] = field(default_factory=dict)
    started: str = field(default_factory=now_iso)
    finished: str | None = None
    executor: str = "local"

    def summary(self) -> dict[str, int]:
        counts = {"ok": 0, "partial": 0, "failed": 0, "skipped": 0, "cancelled": 0, "reused": 0}
        for d in self.documents.values():
            counts[d.status] = counts.get(d.status, 0) + 1
            counts["reused"] += int(d.reused)
        return counts

    def to_dict(self) -> dict[str, Any]:
        from doctools import __version__

        return {
            "manifest_version": MANIFEST_VERSION,
            "doctools_version": __version__,
            "code_version": self.code_version,
            "options": self.options,
            "executor": self.executor,
            "started": self.started,
            "finished": self.finished,
            "summary": self.summary(),
            "notes": self.notes,
            "documents": [d.to_dict() for d in self.documents.values()],
            "earlier_documents": [d.to_dict() for d in self.earlier.values()],
        }

    def write(self, out_dir: Path) -> None:
        write_text(out_dir / "manifest.json", json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n")


def read_previous(out_dir: Path, notes: list[str] | None = None) -> dict[str, DocEntry]:
    """Entries of an earlier run's manifest by document name (empty when unreadable).

    Outputs whose path would leave ``out_dir`` are dropped (and noted): nothing outside the
    output folder is ever hashed, kept or deleted because a manifest said so.
    """
    path = out_dir / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        docs = data.get("earlier_documents", []) + data.get("documents", [])
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        if notes is not None:
            notes.append(f"the earlier manifest could not be read ({type(exc).__name__}): its documents are redone")
        return {}
    entries: list[DocEntry] = []
    for d in docs if isinstance(docs, list) else []:
        try:
            entries.append(DocEntry.from_dict(d))
        except (TypeError, ValueError, AttributeError) as exc:
            if notes is not None:
                notes.append(f"ignored a malformed entry of the earlier manifest ({exc})")
    from doctools.export.inputs import safe_name

    out: dict[str, DocEntry] = {}
    for entry in entries:
        if safe_name(entry.name) != entry.name:
            if notes is not None:
                notes.append(f"ignored a manifest entry with an unsafe name: {entry.name!r}")
            continue
        safe = []
        for o in entry.outputs:
            if inside(out_dir, o.path) is None or not o.path.startswith(f"{entry.name}/"):
                if notes is not None:
                    notes.append(f"ignored a manifest entry of {entry.name!r} pointing outside its document "
                                 f"folder: {o.path!r}")
                continue
            safe.append(o)
        entry.outputs = safe
        out[entry.name] = entry
    return out


def still_valid(entry: DocEntry, out_dir: Path, *, deep: bool = True) -> bool:
    """True when every output an entry lists is on disk, inside ``out_dir``, with the recorded
    size and (``deep``) hash; documents only listed, not reused, need no hashing."""
    for o in entry.outputs:
        p = inside(out_dir, o.path)
        if p is None:
            return False
        try:
            if not p.is_file() or p.stat().st_size != o.bytes or (deep and sha256_file(p) != o.sha256):
                return False
        except OSError:
            return False
    return True


__all__ = [
    "DocEntry",
    "EditionResult",
    "Manifest",
    "OutputEntry",
    "inside",
    "read_previous",
    "sha256_file",
    "still_valid",
]
