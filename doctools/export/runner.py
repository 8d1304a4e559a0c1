"""Run a batch: documents in parallel worker processes, rich progress, atomic manifest.

Why processes: cleaning, conversion and PDF layout are pure-Python CPU work (the GIL), and
each worker loads fonts and the translation model once (``warm_up``). A document whose
input, options and code are unchanged since the last run is reused, not redone. Stale
``*.part`` temp files left by a killed run are removed first, and outputs of an earlier run
that this run did not produce again are removed, so the manifest always matches the disk.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from doctools.errors import OutputError
from doctools.export.inputs import InputFile
from doctools.export.job import run_document, warm_up
from doctools.export.manifest import DocEntry, EditionResult, Manifest, read_previous, sha256_file, still_valid
from doctools.export.options import ExportOptions, code_version

Events = Callable[[str, str, Any], None]  # (kind, document name, payload)

_QUEUE: Any = None
_BUSY = False


def _on_sigint(signum: int, frame: Any) -> None:
    # Idle workers ignore Ctrl-C (no traceback from the pool's queue reader); a busy one
    # stops its document, and atomic writes remove the temp file it was writing.
    if _BUSY:
        raise KeyboardInterrupt


def _watch_parent(pid: int, server: int) -> None:
    """Exit when the batch process is gone (kill -9 of the parent must not leave workers
    writing files nobody records). ``server`` is the forkserver that forked this worker:
    it would wait forever for a client that no longer exists, so it goes too."""
    while _alive(pid):
        time.sleep(0.3)
    if server not in (1, pid) and os.getppid() == server:
        with contextlib.suppress(OSError):
            os.kill(server, signal.SIGTERM)
    os._exit(1)


def _alive(pid: int) -> bool:
    """True while ``pid`` runs; a zombie (killed, not yet reaped) counts as gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _worker_init(options: ExportOptions, queue: Any, parent: int) -> None:
    global _QUEUE
    _QUEUE = queue
    signal.signal(signal.SIGINT, _on_sigint)
    threading.Thread(target=_watch_parent, args=(parent, os.getppid()), daemon=True,
                     name="doctools-parent-watch").start()
    warm_up(options)


def _report(name: str, stage: str) -> None:
    if _QUEUE is not None:
        with contextlib.suppress(Exception):
            _QUEUE.put_nowait((name, stage))


def _run_in_worker(item: InputFile, options: ExportOptions) -> DocEntry:
    global _BUSY
    _BUSY = True
    try:
        return run_document(item, options, _report)
    finally:
        _BUSY = False


def check_out_dir(out_dir: Path) -> None:
    """OutputError with one line when the output folder cannot be made or written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".doctools-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"{out_dir}: output folder cannot be written ({exc.strerror or exc})") from exc


def sweep_temp_files(out_dir: Path) -> int:
    """Remove ``.*.part`` files left by a killed run; returns how many."""
    n = 0
    for p in out_dir.rglob(".*.part"):
        with contextlib.suppress(OSError):
            p.unlink()
            n += 1
    return n


def _keep_other_editions(entry: DocEntry, previous: DocEntry | None, options: ExportOptions, out_dir: Path) -> None:
    """Outputs of editions this run did not ask for stay (a ``--editions brief`` rerun must not
    delete the PDFs of a full export); the entry lists them so the manifest matches the disk."""
    if previous is None or entry.status == "failed":
        return
    have = {o.path for o in entry.outputs}
    for o in previous.outputs:
        base = o.edition.split(".")[0]
        if base in options.editions or base in ("model", "review") or o.path in have:
            continue
        one = DocEntry(name=entry.name, input=entry.input, outputs=[o])
        if still_valid(one, out_dir):
            entry.outputs.append(o)
            entry.editions.setdefault(o.edition, EditionResult("ok", "kept from an earlier run"))


def _remove_stale(entry: DocEntry, previous: DocEntry | None, out_dir: Path) -> None:
    if previous is None:
        return
    keep = {o.path for o in entry.outputs}
    for o in previous.outputs:
        if o.path not in keep:
            with contextlib.suppress(OSError):
                (out_dir / o.path).unlink()


def _reusable(entry: DocEntry) -> bool:
    """ok, or partial only because an edition was skipped (no model: the key names the
    installed models, so installing one redoes the document); errors are always retried."""
    if entry.status == "ok":
        return True
    return entry.status == "partial" and not entry.errors


def _input_digest(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def run_batch(
    inputs: tuple[InputFile, ...],
    options: ExportOptions,
    notes: tuple[str, ...] = (),
    events: Events | None = None,
) -> Manifest:
    """Export every input; never raises for a bad document (only for an unusable out_dir)."""
    out_dir = options.out_dir
    check_out_dir(out_dir)
    sweep_temp_files(out_dir)
    key = options.fingerprint()
    manifest = Manifest(code_version=code_version(), options=key, notes=list(notes))
    previous = read_previous(out_dir)
    todo: list[InputFile] = []
    for item in inputs:
        prev = previous.get(item.name)
        digest = _input_digest(item.path)
        if (
            not options.force
            and prev is not None
            and _reusable(prev)
            and prev.key == key
            and digest is not None
            and prev.input_sha256 == digest
            and still_valid(prev, out_dir)
        ):
            prev.reused = True
            manifest.documents[item.name] = prev
            if events:
                events("done", item.name, prev)
        else:
            todo.append(item)
    names = {item.name for item in inputs}
    manifest.earlier = {n: e for n, e in previous.items() if n not in names and still_valid(e, out_dir)}
    manifest.write(out_dir)

    def finish(item: InputFile, entry: DocEntry) -> None:
        entry.key = key
        _keep_other_editions(entry, previous.get(item.name), options, out_dir)
        _remove_stale(entry, previous.get(item.name), out_dir)
        manifest.documents[item.name] = entry
        manifest.write(out_dir)
        if events:
            events("done", item.name, entry)

    jobs = max(1, min(options.jobs, len(todo)))
    try:
        if jobs == 1:
            warm_up(options) if todo else None
            for item in todo:
                entry = run_document(item, options, lambda n, s: events("stage", n, s) if events else None)
                finish(item, entry)
                if options.fail_fast and entry.status == "failed":
                    manifest.notes.append(f"stopped after {item.name} failed (--fail-fast)")
                    break
        else:
            _run_parallel(todo, options, jobs, finish, events, manifest)
    finally:
        manifest.finished = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        manifest.write(out_dir)
    return manifest


def _run_parallel(
    todo: list[InputFile],
    options: ExportOptions,
    jobs: int,
    finish: Callable[[InputFile, DocEntry], None],
    events: Events | None,
    manifest: Manifest,
) -> None:
    ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
    queue = ctx.Queue() if events else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init,
                               initargs=(options, queue, os.getpid()))
    pending: dict[Future[DocEntry], InputFile] = {}
    items = iter(todo)
    stop = False
    try:
        for item in items:
            pending[pool.submit(_run_in_worker, item, options)] = item
            if len(pending) >= jobs * 2:
                break
        while pending:
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if queue is not None and events:
                while True:
                    try:
                        name, stage = queue.get_nowait()
                    except Exception:
                        break
                    events("stage", name, stage)
            for fut in done:
                item = pending.pop(fut)
                try:
                    entry = fut.result()
                except Exception as exc:  # a worker died (killed, out of memory)
                    entry = DocEntry(name=item.name, input=str(item.path), status="failed",
                                     errors=[f"worker died: {type(exc).__name__}: {exc}"])
                finish(item, entry)
                if options.fail_fast and entry.status == "failed":
                    manifest.notes.append(f"stopped after {item.name} failed (--fail-fast)")
                    stop = True
                if not stop:
                    nxt = next(items, None)
                    if nxt is not None:
                        pending[pool.submit(_run_in_worker, nxt, options)] = nxt
            if stop:
                for fut in pending:
                    fut.cancel()
                break
    except KeyboardInterrupt:
        for proc in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(OSError):
                os.kill(proc.pid, signal.SIGINT)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["check_out_dir", "run_batch", "sweep_temp_files"]
