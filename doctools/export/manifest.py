"""The batch manifest (``OUTDIR/manifest.json``): what happened to every document.

It is rewritten atomically after every finished document, so after a crash or Ctrl-C it
still describes exactly the files on disk, and a rerun can tell what to skip.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from doctools.writers._atomic import write_text

MANIFEST_VERSION = 1
Status = str  # "ok" | "partial" | "failed"


@dataclass
class OutputEntry:
    path: str  # relative to the output folder
    edition: str
    format: str
    sha256: str
    bytes: int


@dataclass
class EditionResult:
    status: str  # ok | failed | skipped | n/a
    message: str = ""


@dataclass
class DocEntry:
    name: str
    input: str
    status: Status = "failed"
    input_sha256: str | None = None
    key: str | None = None
    outputs: list[OutputEntry] = field(default_factory=list)
    editions: dict[str, EditionResult] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    qa_severe: int = 0
    reused: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(d: dict[str, Any]) -> DocEntry:
        entry = DocEntry(**{k: v for k, v in d.items() if k not in ("outputs", "editions")})
        entry.outputs = [OutputEntry(**o) for o in d.get("outputs", [])]
        entry.editions = {k: EditionResult(**v) for k, v in d.get("editions", {}).items()}
        return entry


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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

    def summary(self) -> dict[str, int]:
        counts = {"ok": 0, "partial": 0, "failed": 0, "reused": 0}
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
            "started": self.started,
            "finished": self.finished,
            "summary": self.summary(),
            "notes": self.notes,
            "documents": [d.to_dict() for d in self.documents.values()],
            "earlier_documents": [d.to_dict() for d in self.earlier.values()],
        }

    def write(self, out_dir: Path) -> None:
        write_text(out_dir / "manifest.json", json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n")


def read_previous(out_dir: Path) -> dict[str, DocEntry]:
    """Entries of an earlier run's manifest by document name (empty when unreadable)."""
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        docs = data.get("earlier_documents", []) + data.get("documents", [])
        return {d["name"]: DocEntry.from_dict(d) for d in docs}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def still_valid(entry: DocEntry, out_dir: Path) -> bool:
    """True when every output an entry lists is on disk with the recorded hash."""
    for o in entry.outputs:
        p = out_dir / o.path
        try:
            if p.stat().st_size != o.bytes or sha256_file(p) != o.sha256:
                return False
        except OSError:
            return False
    return True


__all__ = ["DocEntry", "EditionResult", "Manifest", "OutputEntry", "read_previous", "sha256_file", "still_valid"]
