"""The local executor: documents in worker processes on this machine (``--jobs N``).

Why processes: cleaning, conversion and PDF layout are pure-Python CPU work (the GIL), and
each worker builds one :class:`~doctools.context.Context` (fonts, translation model) for
all its documents. Each worker has its own pipe, so the driver always knows which document
a worker holds: a worker that dies costs one retry of its document on a fresh worker; one
that overruns the document's time budget (and its own SIGALRM did not stop it, e.g. inside
native code) is killed and the document marked failed; Ctrl-C stops every worker at once.
Workers never write into the output folder: results come back as payloads.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from doctools.context import Context, cores_per_worker
from doctools.options import Options
from doctools.pipeline import RETRIED, Source, failed, run
from doctools.results import DocumentResult

Events = Callable[[str, str, Any], None]  # (kind, document name, payload)
Finish = Callable[[Source, DocumentResult], bool]  # False: stop the batch (--fail-fast)

HARD_GRACE = 15.0  # seconds past a document's budget before its worker is killed


class LocalExecutor:
    name = "local"

    def __init__(self, options: Options, jobs: int, events: Events | None = None) -> None:
        self.options = options
        self.jobs = max(1, jobs)
        self.events = events

    def run(self, sources: Iterator[Source], finish: Finish) -> None:
        # even one job runs in a worker process: a document stuck in native code can then be
        # stopped at its time budget, and Ctrl-C is answered at once
        _Pool(self.options, self.jobs, self.events).run(sources, finish)


# --- worker processes -------------------------------------------------------------------------
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


def _watch_parent(pid: int, server: int) -> None:
    """Exit when the batch process is gone (kill -9 of the parent must not leave workers
    running). ``server`` is the forkserver that forked this worker: it would wait forever
    for a client that no longer exists, so it goes too."""
    while _alive(pid):
        time.sleep(0.3)
    if server not in (1, pid) and os.getppid() == server:
        with contextlib.suppress(OSError):
            os.kill(server, signal.SIGTERM)
    os._exit(1)


def _on_term(signum: int, frame: Any) -> None:
    raise SystemExit(143)  # unwinds: private temp folders are removed on the way out


def _worker_main(conn: Connection, options: Options, parent: int, threads: int) -> None:
    # Ctrl-C reaches the whole process group; the driver decides and stops workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_term)
    threading.Thread(target=_watch_parent, args=(parent, os.getppid()), daemon=True,
                     name="doctools-parent-watch").start()
    ctx = Context(options, threads)
    ctx.warm()

    def progress(name: str, stage: str) -> None:
        with contextlib.suppress(Exception):
            conn.send(("stage", name, stage))

    try:
        while True:
            source = conn.recv()
            if source is None:
                return
            conn.send(("done", source.name, run(source, options, ctx, progress)))
    except (EOFError, OSError):  # the driver is gone: nobody to report to
        return
    finally:
        ctx.close()


class _Worker:
    def __init__(self, ctx: Any, options: Options, threads: int) -> None:
        here, there = ctx.Pipe(duplex=True)
        self.conn: Connection = here
        self.proc = ctx.Process(target=_worker_main, args=(there, options, os.getpid(), threads), daemon=True,
                                name="doctools-worker")
        self.proc.start()
        there.close()
        self.source: Source | None = None
        self.started = 0.0

    def give(self, source: Source) -> bool:
        """Hand over a document; False when this worker is already gone."""
        if not self.proc.is_alive():
            return False
        try:
            self.conn.send(source)
        except (BrokenPipeError, ConnectionError, OSError):
            return False
        self.source = source
        self.started = time.monotonic()
        return True

    def stop(self, hard: bool = False) -> None:
        if self.proc.is_alive():
            with contextlib.suppress(OSError):
                os.kill(self.proc.pid or 0, signal.SIGKILL if hard else signal.SIGTERM)

    def reap(self, timeout: float) -> None:
        self.proc.join(timeout)
        if self.proc.is_alive():
            self.stop(hard=True)
            self.proc.join(1.0)
        with contextlib.suppress(OSError):
            self.conn.close()


class _Pool:
    def __init__(self, options: Options, jobs: int, events: Events | None) -> None:
        self.options = options
        self.jobs = jobs
        self.events = events
        self.mp = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
        self.workers: list[_Worker] = []

    def run(self, sources: Iterator[Source], finish: Finish) -> None:
        retry: deque[Source] = deque()
        tried: set[str] = set()  # documents already retried once
        exhausted = False
        try:
            while True:
                # hand out work to idle workers (spawning up to ``jobs``)
                while True:
                    idle = next((w for w in self.workers if w.source is None), None)
                    if idle is None and len(self.workers) < self.jobs:
                        idle = _Worker(self.mp, self.options, cores_per_worker(self.jobs))
                        self.workers.append(idle)
                    if idle is None:
                        break
                    source = retry.popleft() if retry else (None if exhausted else next(sources, None))
                    if source is None:
                        exhausted = True
                        break
                    if not idle.give(source):  # it died while idle: a fresh one, the same document
                        self._replace(idle)
                        retry.appendleft(source)
                        continue
                    if self.events:
                        self.events("start", source.name, None)
                busy = [w for w in self.workers if w.source is not None]
                if not busy:
                    return
                ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.25)
                for w in busy:
                    if w.conn in ready or w.proc.sentinel in ready:
                        if not self._collect(w, finish, retry, tried):
                            return
                if not self._enforce_deadlines(finish):
                    return
        finally:
            self._shutdown()

    def _collect(self, w: _Worker, finish: Finish, retry: deque[Source], tried: set[str]) -> bool:
        """Read what a worker sent; False when the batch must stop."""
        source = w.source
        assert source is not None
        try:
            while w.conn.poll():
                kind, name, payload = w.conn.recv()
                if kind == "stage":
                    if self.events:
                        self.events("stage", name, payload)
                elif kind == "done":
                    w.source = None
                    if source.name in tried:
                        payload.entry.warnings.append(RETRIED)
                    return finish(source, payload)
        except (EOFError, OSError):
            pass
        if w.proc.is_alive():
            return True
        # the worker died with the document: a fresh worker retries it once
        self._replace(w)
        if source.name not in tried:
            tried.add(source.name)
            retry.append(source)
            return True
        code = w.proc.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return finish(source, failed(source, f"worker died twice on this document ({how})"))

    def _enforce_deadlines(self, finish: Finish) -> bool:
        """Stop workers past a document's budget (and grace); False when the batch must stop."""
        limit = self.options.timeout + HARD_GRACE
        now = time.monotonic()
        for w in list(self.workers):
            if w.source is not None and now - w.started > limit:
                source = w.source
                self._replace(w)
                if not finish(source, failed(source, f"timed out after {self.options.timeout:g} s "
                                                     "(worker stopped; --timeout-per-doc to allow more)")):
                    return False
        return True

    def _replace(self, w: _Worker) -> None:
        w.source = None
        w.stop(hard=True)
        w.reap(1.0)
        self.workers.remove(w)

    def _shutdown(self) -> None:
        for w in self.workers:
            if w.source is None:
                with contextlib.suppress(OSError, ValueError):
                    w.conn.send(None)
            else:
                w.stop()
        deadline = time.monotonic() + 1.5
        for w in self.workers:
            w.reap(max(0.05, deadline - time.monotonic()))
        self.workers.clear()


__all__ = ["LocalExecutor"]
