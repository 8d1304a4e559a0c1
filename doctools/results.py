"""What one document's run produces: its record (for the manifest) and its files as payloads.

Data only, no I/O. The pipeline fills a :class:`DocumentResult` in whatever process runs the
document (the CLI itself, a local worker process, a Ray actor); the driver alone writes the
payloads to disk and the :class:`DocEntry` into the manifest, so every executor gives the
same files and the same manifest.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Document status: ok | partial | failed | cancelled (Ctrl-C before it was done)
# Edition status: ok | partial | failed | skipped (no model) | n/a (makes no sense for this input)
DOCUMENT_STATUSES = ("ok", "partial", "failed", "cancelled")
EDITION_STATUSES = ("ok", "partial", "failed", "skipped", "n/a")


@dataclass
class OutputEntry:
    """One file of a document: path relative to the output folder, content hash and size."""

    path: str
    edition: str
    format: str
    sha256: str
    bytes: int


@dataclass
class EditionResult:
    status: str
    message: str = ""


@dataclass
class DocEntry:
    """The manifest record of one document."""

    name: str
    input: str
    status: str = "failed"
    input_sha256: str | None = None
    key: str | None = None
    outputs: list[OutputEntry] = field(default_factory=list)
    editions: dict[str, EditionResult] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per stage
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (all threads)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    qa_severe: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    reused: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(d: dict[str, Any]) -> DocEntry:
        """Rebuild a record from manifest JSON; unknown keys (a newer doctools) are ignored,
        TypeError/ValueError on malformed data (the caller treats the manifest as unusable)."""
        known = {f.name for f in fields(DocEntry)} - {"outputs", "editions"}
        entry = DocEntry(**{k: v for k, v in d.items() if k in known})
        if not isinstance(entry.name, str) or not isinstance(entry.input, str):
            raise TypeError("document name and input must be strings")
        entry.outputs = [OutputEntry(**o) for o in d.get("outputs", [])]
        entry.editions = {str(k): EditionResult(**v) for k, v in d.get("editions", {}).items()}
        return entry


@dataclass(frozen=True)
class Payload:
    """A finished output file, in memory: ``path`` relative to the output folder."""

    path: str
    edition: str
    format: str
    data: bytes


@dataclass
class DocumentResult:
    """The record and the files of one document; ``documents`` holds the editions as models
    only when the caller asked for them (single-document commands), never across a cluster."""

    entry: DocEntry
    payloads: list[Payload] = field(default_factory=list)
    documents: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.entry.status


__all__ = [
    "DOCUMENT_STATUSES",
    "EDITION_STATUSES",
    "DocEntry",
    "DocumentResult",
    "EditionResult",
    "OutputEntry",
    "Payload",
]
