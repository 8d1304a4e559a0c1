"""The driver of a batch: what to do, who does it, and everything that touches the disk.

The driver reads each input (a regular file, within the size limit), decides whether an
earlier run's outputs can be reused (same input bytes, options, code and models), hands the
rest to an executor (:mod:`.local` processes or :mod:`.ray_executor` actors) as
:class:`~doctools.pipeline.Source` items, and writes every payload that comes back
atomically, then the manifest. So every executor gives the same files, the same manifest,
the same resume — and nothing is written outside the output folder: output paths are
checked, paths read from an old manifest are checked before anything is hashed or deleted.

One export at a time per output folder (an exclusive lock on the folder; a second one is
refused with one line). Ctrl-C stops the workers at once; documents not done are recorded
as ``cancelled`` and redone by the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from doctools.errors import DoctoolsError, OutputError
from doctools.export.inputs import InputFile
from doctools.export.manifest import Manifest, inside, read_previous, sha256_file, still_valid
from doctools.options import Options, code_version
from doctools.pipeline import Source
from doctools.results import DocEntry, DocumentResult, EditionResult
from doctools.writers._atomic import write_bytes

Events = Callable[[str, str, Any], None]  # (kind, document name, payload)
MANIFEST_EVERY = 1.0  # seconds between manifest rewrites while documents finish (and at the end)


class Executor(Protocol):
    name: str

    def run(self, sources: Iterator[Source], finish: Callable[[Source, DocumentResult], bool]) -> None: ...


@dataclass(frozen=True)
class Batch:
    """How a batch runs (not what it makes: that is :class:`~doctools.options.Options`)."""

    out_dir: Path
    options: Options
    jobs: int = 1
    executor: str = "local"
    ray_address: str | None = None
    gpus_per_actor: float = 0.0
    force: bool = False
    fail_fast: bool = False


def check_out_dir(out_dir: Path) -> None:
    """OutputError with one line when the output folder cannot be made or written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".doctools-probe-", dir=out_dir)  # O_EXCL: never through a link
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{out_dir}: output folder cannot be written ({exc.strerror or exc})") from exc


@contextlib.contextmanager
def folder_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder itself (no lock file to leave behind)."""
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutputError(f"{out_dir}: another doctools export is writing to this folder; wait for it to "
                              "finish or choose another output folder") from exc
        yield
    finally:
        os.close(fd)  # releases the lock


def sweep_temp_files(out_dir: Path, folders: Iterable[str] = ()) -> int:
    """Remove ``.*.part`` temp files a killed run left in the output folder and in the given
    document folders (only there: an output folder may also hold the user's own files)."""
    n = 0
    for folder in (out_dir, *(p for name in folders if (p := inside(out_dir, name)) is not None)):
        for p in folder.glob(".*.part"):
            with contextlib.suppress(OSError):
                if p.is_file() and not p.is_symlink():
                    p.unlink()
                    n += 1
    return n


def make_executor(batch: Batch, events: Events | None) -> Executor:
    if batch.executor == "ray":
        from doctools.export.ray_executor import RayExecutor

        return RayExecutor(batch.options, batch.jobs, batch.ray_address, batch.gpus_per_actor, events)
    from doctools.export.local import LocalExecutor

    return LocalExecutor(batch.options, batch.jobs, events)


def run_batch(inputs: tuple[InputFile, ...], batch: Batch, notes: tuple[str, ...] = (),
              events: Events | None = None, executor: Executor | None = None) -> Manifest:
    """Export every input; never raises for a bad document (only for an unusable output
    folder, a second export into it, or Ctrl-C — after recording what was done)."""
    out_dir = batch.out_dir
    check_out_dir(out_dir)
    with folder_lock(out_dir):
        return _Driver(inputs, batch, list(notes), events, executor or make_executor(batch, events)).go()


class _Driver:
    def __init__(self, inputs: tuple[InputFile, ...], batch: Batch, notes: list[str], events: Events | None,
                 executor: Executor) -> None:
        self.inputs = inputs
        self.batch = batch
        self.out = batch.out_dir
        self.opt = batch.options
        self.events = events
        self.executor = executor
        self.key = self.opt.fingerprint()
        self.manifest = Manifest(code_version=code_version(), options=self.key, notes=notes, executor=executor.name)
        self.previous: dict[str, DocEntry] = {}
        self.pending: dict[str, InputFile] = {}  # handed out, not finished
        self.digests: dict[str, str] = {}  # sha256 of each input as read
        self.last_write = 0.0
        self.write_seconds = 0.0

    def go(self) -> Manifest:
        self.previous = read_previous(self.out, self.manifest.notes)
        names = {item.name for item in self.inputs}
        sweep_temp_files(self.out, names | set(self.previous))
        self.manifest.earlier = {n: e for n, e in self.previous.items()
                                 if n not in names and still_valid(e, self.out, deep=False)}
        self.write_manifest(force=True)
        stopped: str | None = None
        try:
            self.executor.run(self.sources(), self.finish)
            if self.batch.fail_fast and any(d.status == "failed" for d in self.manifest.documents.values()):
                stopped = "not done: the batch stopped after a failed document (--fail-fast)"
        except KeyboardInterrupt:
            stopped = "not done: the batch was interrupted"
            raise
        finally:
            self.record_not_done(stopped or "not done")
            order = {item.name: i for i, item in enumerate(self.inputs)}  # input order, whoever finished first
            self.manifest.documents = dict(sorted(self.manifest.documents.items(),
                                                  key=lambda kv: order.get(kv[0], len(order))))
            self.manifest.finished = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            self.write_manifest(force=True)
        return self.manifest

    # --- inputs -----------------------------------------------------------------------------
    def sources(self) -> Iterator[Source]:
        """The documents to run, read one at a time as executors ask for them (so a large
        batch never holds more than the documents in flight); reused ones are recorded here."""
        from doctools.readers import read_bytes

        for item in self.inputs:
            if item.name in self.manifest.documents:
                continue
            t0 = time.perf_counter()
            try:
                data = read_bytes(item.path, self.opt.max_bytes)
            except DoctoolsError as exc:
                self.finish(Source(item.name, str(item.path)), _unreadable(item, self.opt, str(exc),
                                                                         time.perf_counter() - t0))
                if self.batch.fail_fast:
                    return
                continue
            prev = self.previous.get(item.name)
            digest = self.digests[item.name] = _sha256(data)
            if (not self.batch.force and prev is not None and _reusable(prev) and prev.key == self.key
                    and prev.input_sha256 == digest and still_valid(prev, self.out)):
                prev.reused = True
                self.manifest.documents[item.name] = prev
                self.write_manifest()
                if self.events:
                    self.events("done", item.name, prev)
                continue
            self.pending[item.name] = item
            yield Source(item.name, str(item.path), data)

    # --- results ------------------------------------------------------------------------------
    def finish(self, source: Source, result: DocumentResult) -> bool:
        """Write a document's payloads, then its manifest entry; False: stop (--fail-fast)."""
        self.pending.pop(source.name, None)
        entry = result.entry
        entry.name = source.name  # the driver's names are the safe ones
        entry.input = source.path
        entry.key = self.key
        entry.input_sha256 = entry.input_sha256 or self.digests.get(source.name)
        if entry.status == "failed" and not entry.editions:
            entry.editions = {ed: EditionResult("failed", "not made") for ed in self.opt.editions}
        self.write_payloads(entry, result)
        prev = self.previous.get(source.name)
        _keep_other_editions(entry, prev, self.opt, self.out)
        _keep_after_failure(entry, prev, self.out)
        _remove_stale(entry, prev, self.out)
        self.manifest.documents[source.name] = entry
        self.write_manifest()
        if self.events:
            self.events("done", source.name, entry)
        return not (self.batch.fail_fast and entry.status == "failed")

    def write_payloads(self, entry: DocEntry, result: DocumentResult) -> None:
        written: list[Path] = []
        try:
            for p in result.payloads:
                target = inside(self.out, p.path)
                if target is None or not p.path.startswith(f"{entry.name}/"):
                    raise OutputError(f"{p.path}: output path outside the document's folder (refused)")
                try:
                    write_bytes(target, p.data)
                except OutputError as exc:
                    reason = exc.__cause__.strerror if isinstance(exc.__cause__, OSError) else None
                    raise OutputError(f"{self.out / p.path}: cannot write ({reason or exc})") from exc
                written.append(target)
        except OutputError as exc:
            for path in written:  # a document is written whole or not at all
                with contextlib.suppress(OSError):
                    path.unlink()
            entry.outputs = []
            entry.errors.append(f"write: {exc}")
            entry.status = "failed"
            for name, ed in entry.editions.items():
                if ed.status in ("ok", "partial"):
                    entry.editions[name] = EditionResult("failed", "could not be written")

    def record_not_done(self, why: str) -> None:
        todo = list(self.pending.values()) + [i for i in self.inputs if i.name not in self.manifest.documents
                                              and i.name not in self.pending]
        for item in todo:
            prev = self.previous.get(item.name)
            entry = DocEntry(name=item.name, input=str(item.path), status="cancelled", errors=[why],
                             editions={ed: EditionResult("failed", "not done") for ed in self.opt.editions})
            if prev is not None and still_valid(prev, self.out):
                entry.outputs = list(prev.outputs)  # an earlier run's files stay listed until redone
            self.manifest.documents[item.name] = entry
        self.pending.clear()

    def write_manifest(self, force: bool = False) -> None:
        """Rewrite the manifest — at most once a second, and never more than a twentieth of the
        time (a 10,000-document manifest takes seconds to write), always when forced."""
        now = time.monotonic()
        if force or now - self.last_write >= max(MANIFEST_EVERY, 20 * self.write_seconds):
            try:
                t0 = time.monotonic()
                self.manifest.write(self.out)
                self.write_seconds = time.monotonic() - t0
            except OutputError as exc:
                raise OutputError(f"{self.out / 'manifest.json'}: cannot write the manifest "
                                  f"({exc.__cause__.strerror if isinstance(exc.__cause__, OSError) else exc})") from exc
            self.last_write = now


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _unreadable(item: InputFile, options: Options, message: str, seconds: float) -> DocumentResult:
    message = " ".join(message.split())
    entry = DocEntry(name=item.name, input=str(item.path), status="failed", errors=[f"read: {message}"],
                     editions={ed: EditionResult("failed", "document could not be read") for ed in options.editions},
                     timings={"read": round(seconds, 4)})
    return DocumentResult(entry)


def _reusable(entry: DocEntry) -> bool:
    """ok, or partial only because an edition was skipped (no model: the key names the
    installed models, so installing one redoes the document); errors are always retried."""
    if entry.status in ("ok", "skipped"):
        return not entry.errors
    return entry.status == "partial" and not entry.errors


def _keep_other_editions(entry: DocEntry, previous: DocEntry | None, options: Options, out_dir: Path) -> None:
    """Outputs of editions this run did not ask for stay (a ``--editions brief`` rerun must not
    delete the PDFs of a full export) — only while the input is the one they were made from;
    the entry lists them so the manifest matches the disk."""
    if previous is None or entry.status == "failed" or previous.input_sha256 != entry.input_sha256:
        return
    have = {o.path for o in entry.outputs}
    for o in previous.outputs:
        base = o.edition.split(".")[0]
        if base in options.editions or base in ("model", "review") or o.path in have:
            continue
        if still_valid(DocEntry(name=entry.name, input=entry.input, outputs=[o]), out_dir):
            entry.outputs.append(o)
            entry.editions.setdefault(base, EditionResult("ok", "kept from an earlier run"))


def _keep_after_failure(entry: DocEntry, previous: DocEntry | None, out_dir: Path) -> None:
    """A run that failed on an unchanged input keeps the earlier run's files (a timeout or a
    full disk today must not delete yesterday's good editions); they stay listed, marked."""
    if (previous is None or entry.status != "failed" or entry.outputs or entry.input_sha256 is None
            or previous.input_sha256 != entry.input_sha256 or not still_valid(previous, out_dir)):
        return
    entry.outputs = list(previous.outputs)
    entry.warnings.append("this run failed: the files of the earlier run are kept until a run succeeds")


def _remove_stale(entry: DocEntry, previous: DocEntry | None, out_dir: Path) -> None:
    """Delete an earlier run's outputs this run did not make again: only files in the
    document's own folder that still hold exactly what that run wrote."""
    if previous is None:
        return
    keep = {o.path for o in entry.outputs}
    for o in previous.outputs:
        if o.path in keep or not o.path.startswith(f"{entry.name}/"):
            continue
        target = inside(out_dir, o.path)
        if target is None or not target.is_file() or target.is_symlink():
            continue
        with contextlib.suppress(OSError):
            if target.stat().st_size == o.bytes and sha256_file(target) == o.sha256:
                target.unlink()


__all__ = ["Batch", "Executor", "check_out_dir", "folder_lock", "make_executor", "run_batch", "sweep_temp_files"]
