"""The Ray executor: the same per-document pipeline on long-lived actors of a Ray cluster.

Each actor builds one :class:`~doctools.context.Context` in its constructor (the
translation model loads once per actor, Ray's own pattern for batch inference) and runs
one document per call; the driver — :mod:`doctools.export.runner` — sends the input bytes
and writes the payloads that come back, so a cluster without a shared filesystem works and
the files, manifest, reuse and exit codes are those of the local executor.

An actor that dies costs one retry of its document on a fresh actor, then a one-line
failure; a document over its time budget gets its actor killed and replaced. Without an
address a private local Ray instance is started for the batch and stopped after it.
``ray`` is imported only here, and only when this executor is asked for.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from doctools.errors import ConfigError
from doctools.options import Options
from doctools.pipeline import RETRIED, Source, failed
from doctools.results import DocumentResult

Events = Callable[[str, str, Any], None]
Finish = Callable[[Source, DocumentResult], bool]

HARD_GRACE = 15.0
LOCAL_OBJECT_STORE = 128 * 2**20  # bytes: payloads are a few MB per document
INSTALL = "pip install 'doctools[ray]'"


def _reachable(address: str) -> None:
    """ConfigError at once when HOST:PORT takes no connection (Ray itself retries for minutes)."""
    if address == "auto":
        return
    hostport = address.split("://", 1)[-1]
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"Ray address {address!r}: use auto, HOST:PORT or ray://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=5).close()
    except OSError as exc:
        raise ConfigError(f"cannot reach the Ray cluster at {address} ({exc.strerror or exc})") from exc


def _file_options(options: Options) -> list[str]:
    """The paths an option set names (each read on the driver, written again on each node)."""
    paths = [*options.glossary, *options.terms]
    paths += [p for p in (options.template, options.template_en, options.reference_docx) if p and Path(p).suffix]
    return paths


def stage(options: Options) -> dict[str, bytes]:
    """The contents of every file the options name, by path (a ConfigError when one is missing)."""
    files: dict[str, bytes] = {}
    for p in _file_options(options):
        try:
            files[p] = Path(p).read_bytes()
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return files


def _unstage(options: Options, files: dict[str, bytes], folder: Path) -> Options:
    """The options with every named file replaced by its copy in ``folder`` (same file names)."""
    if not files:
        return options
    where: dict[str, str] = {}
    for i, (path, data) in enumerate(files.items()):
        target = folder / str(i) / Path(path).name
        target.parent.mkdir(parents=True)
        target.write_bytes(data)
        where[path] = str(target)

    def moved(p: str | None) -> str | None:
        return where.get(p, p) if p else p

    return replace(options, glossary=tuple(where.get(p, p) for p in options.glossary),
                   terms=tuple(where.get(p, p) for p in options.terms), template=moved(options.template) or "",
                   template_en=moved(options.template_en) or "", reference_docx=moved(options.reference_docx))


def memory_snapshot(options: Options) -> bytes | None:
    """The driver's translation memory as one consistent SQLite file (None: no English edition)."""
    if "en" not in options.editions:
        return None
    import sqlite3
    import tempfile

    from doctools.translate.memory import Memory

    with Memory() as memory, tempfile.TemporaryDirectory(prefix="doctools-tm-") as tmp:
        copy = sqlite3.connect(Path(tmp) / "tm.sqlite3")
        try:
            memory.db.backup(copy)
        finally:
            copy.close()
        return (Path(tmp) / "tm.sqlite3").read_bytes()


def import_ray(private: bool = False) -> Any:
    """The ray module, or a one-line ConfigError naming the install command.

    ``private``: this process will start its own local instance; unless the user chose an
    authentication mode, it gets token authentication with a token of its own — set before
    ray is imported (ray reads it then), and said explicitly so Ray prints no notice.
    """
    if private and "RAY_AUTH_MODE" not in os.environ and "ray" not in sys.modules:
        os.environ["RAY_AUTH_MODE"] = "token"
        os.environ.setdefault("RAY_AUTH_TOKEN", secrets.token_hex(24))
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(f"the Ray executor needs the ray extra: {INSTALL}") from exc
    return ray


class DocumentActor:
    """One Ray actor: a Context built once, then one document per ``run`` call.

    The files the options name (glossary, phrase tables, templates, reference DOCX) and the
    translation memory come from the driver as bytes and are written to a private folder on
    the actor's node: a cluster without a shared filesystem makes the same outputs.
    """

    def __init__(self, options: Options, threads: int, files: dict[str, bytes], memory: bytes | None) -> None:
        import tempfile

        from doctools.context import Context

        self.folder = tempfile.mkdtemp(prefix="doctools-actor-")
        self.options = _unstage(options, files, Path(self.folder))
        memory_path = None
        if memory is not None:  # this node's copy of the driver's memory (the model's cache included)
            memory_path = Path(self.folder) / "translation-memory.sqlite3"
            memory_path.write_bytes(memory)
        self.context = Context(self.options, threads, memory_path)
        self.context.warm()

    def run(self, source: Source) -> DocumentResult:
        from doctools.pipeline import run

        return run(source, self.options, self.context)

    def pid(self) -> int:
        return os.getpid()


class RayExecutor:
    name = "ray"

    def __init__(self, options: Options, jobs: int, address: str | None, gpus_per_actor: float = 0.0,
                 events: Events | None = None) -> None:
        self.options = options
        self.jobs = jobs
        self.address = address
        self.gpus = gpus_per_actor
        self.events = events
        self.ray: Any = None
        self.actor_cls: Any = None
        self.threads = 1
        self.files: Any = None  # object refs of the staged files and memory
        self.memory: Any = None

    # --- cluster ---------------------------------------------------------------------------
    def _start(self) -> bool:
        """Connect (or start a private local instance); True when this batch started it."""
        address = self.address or os.environ.get("RAY_ADDRESS")
        ray = self.ray = import_ray(private=not address)
        if ray.is_initialized():
            return False
        common: dict[str, Any] = {"log_to_driver": False, "configure_logging": False, "include_dashboard": False}
        try:
            if address:
                _reachable(address)
                ray.init(address=address, **common)
            else:
                from doctools.translate.engine import cores

                ray.init(num_cpus=max(self.jobs, cores()), object_store_memory=LOCAL_OBJECT_STORE, **common)
        except ConfigError:
            raise
        except ConnectionError as exc:
            raise ConfigError(f"cannot reach the Ray cluster at {address}: {exc}") from exc
        except Exception as exc:  # ray raises plain RuntimeError/ValueError on bad addresses
            where = f" at {address}" if address else ""
            raise ConfigError(f"cannot start Ray{where}: {type(exc).__name__}: {exc}".splitlines()[0]) from exc
        return True

    def _plan(self) -> int:
        """How many actors, and how many CPUs (translator threads) each gets."""
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        if self.jobs > 0:
            actors = self.jobs
            self.threads = max(1, cpus // actors)
        else:
            self.threads = 2 if cpus >= 2 else 1  # the translator's thread plan: 2 parallel batches
            actors = max(1, cpus // self.threads)
        self.actor_cls = self.ray.remote(num_cpus=min(self.threads, cpus), num_gpus=self.gpus, max_restarts=0,
                                         max_concurrency=1)(DocumentActor)
        return actors

    def _actor(self) -> Any:
        return self.actor_cls.remote(self.options, self.threads, self.files, self.memory)

    # --- the batch --------------------------------------------------------------------------
    def run(self, sources: Iterator[Source], finish: Finish) -> None:
        started = True  # a start cut short by Ctrl-C is still shut down
        actors: list[Any] = []
        running: dict[Any, tuple[Any, Source, float]] = {}  # ref → (actor, source, start)
        try:
            started = self._start()
            self.files = self.ray.put(stage(self.options))  # once, shared by every actor
            self.memory = self.ray.put(memory_snapshot(self.options))
            actors = [self._actor() for _ in range(self._plan())]
            idle = deque(actors)
            retry: deque[Source] = deque()
            tried: set[str] = set()
            exhausted = False
            while True:
                while idle:
                    source = retry.popleft() if retry else (None if exhausted else next(sources, None))
                    if source is None:
                        exhausted = True
                        break
                    actor = idle.popleft()
                    if self.events:
                        self.events("start", source.name, None)
                    running[actor.run.remote(source)] = (actor, source, time.monotonic())
                if not running:
                    return
                ready, _ = self.ray.wait(list(running), num_returns=1, timeout=0.25)
                for ref in ready:
                    actor, source, _t0 = running.pop(ref)
                    try:
                        result = self.ray.get(ref)
                    except self.ray.exceptions.RayActorError:
                        replacement = self._replace(actor, actors)
                        idle.append(replacement)
                        if source.name not in tried:
                            tried.add(source.name)
                            retry.append(source)
                            continue
                        result = failed(source, "Ray actor died twice on this document")
                    except self.ray.exceptions.RayError as exc:
                        idle.append(actor)
                        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                        result = failed(source, f"Ray task failed: {first}")
                    else:
                        idle.append(actor)
                        if source.name in tried:
                            result.entry.warnings.append(RETRIED)
                    if not finish(source, result):
                        return
                now = time.monotonic()
                for ref, (actor, source, t0) in list(running.items()):
                    if now - t0 > self.options.timeout + HARD_GRACE:
                        del running[ref]
                        idle.append(self._replace(actor, actors))
                        if not finish(source, failed(source, f"timed out after {self.options.timeout:g} s "
                                                              "(actor stopped; --timeout-per-doc to allow more)")):
                            return
        finally:
            for actor in actors:
                with contextlib.suppress(Exception):
                    self.ray.kill(actor, no_restart=True)
            if started and self.ray is not None:
                with contextlib.suppress(Exception):
                    self.ray.shutdown()

    def _replace(self, actor: Any, actors: list[Any]) -> Any:
        with contextlib.suppress(Exception):
            self.ray.kill(actor, no_restart=True)
        fresh = self._actor()
        actors[actors.index(actor)] = fresh
        return fresh


__all__ = ["DocumentActor", "RayExecutor", "import_ray"]
