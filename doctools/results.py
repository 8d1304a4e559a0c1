"""What one document's run produces: its record (for the manifest) and its files as payloads.

Data only, no I/O. The pipeline fills a :class:`DocumentResult` in whatever process runs the
document (the CLI itself, a local worker process, a Ray actor); the driver alone writes the
payloads to disk and the :class:`DocEntry` into the manifest, so every executor gives the
same files and the same manifest.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
    def from_dict(d: Any) -> DocEntry:
        """Rebuild a record from manifest JSON, checking every type (a manifest may have been
        edited by hand); unknown keys (a newer doctools) are ignored; TypeError when malformed."""
        d = _of(d, dict, "entry")
        outputs = [_of(o, dict, "outputs") for o in _of(d.get("outputs", []), list, "outputs")]
        editions = _of(d.get("editions", {}), dict, "editions")
        return DocEntry(
            name=_of(d.get("name"), str, "name"),
            input=_of(d.get("input"), str, "input"),
            status=_of(d.get("status", "failed"), str, "status"),
            input_sha256=_of(d.get("input_sha256"), (str, type(None)), "input_sha256"),
            key=_of(d.get("key"), (str, type(None)), "key"),
            outputs=[OutputEntry(_of(o.get("path"), str, "path"), _of(o.get("edition"), str, "edition"),
                                 _of(o.get("format"), str, "format"), _of(o.get("sha256"), str, "sha256"),
                                 _of(o.get("bytes"), int, "bytes")) for o in outputs],
            editions={str(k): EditionResult(_of(_of(v, dict, k).get("status"), str, "status"),
                                            _of(v.get("message", ""), str, "message")) for k, v in editions.items()},
            timings=_numbers(d.get("timings", {}), "timings"),
            cpu=_numbers(d.get("cpu", {}), "cpu"),
            warnings=[_of(x, str, "warnings") for x in _of(d.get("warnings", []), list, "warnings")],
            errors=[_of(x, str, "errors") for x in _of(d.get("errors", []), list, "errors")],
            qa_severe=_of(d.get("qa_severe", 0), int, "qa_severe"),
            counts={str(k): _of(v, int, "counts") for k, v in _of(d.get("counts", {}), dict, "counts").items()},
            reused=_of(d.get("reused", False), bool, "reused"),
        )


def _of(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    """``value`` when it is of ``kind`` (a bool is not a number), else TypeError naming ``what``."""
    number = kind is int or kind is float or (isinstance(kind, tuple) and int in kind)
    if not isinstance(value, kind) or (number and isinstance(value, bool)):
        raise TypeError(f"{what}: unexpected {type(value).__name__}")
    return value


def _numbers(value: Any, what: str) -> dict[str, float]:
    return {str(k): float(_of(v, (int, float), what)) for k, v in _of(value, dict, what).items()}


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
