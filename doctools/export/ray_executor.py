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
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
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
    """One Ray actor: a Context built once, then one document per ``run`` call."""

    def __init__(self, options: Options, threads: int) -> None:
        from doctools.context import Context

        self.options = options
        self.context = Context(options, threads)
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

    # --- cluster ---------------------------------------------------------------------------
    def _start(self) -> bool:
        """Connect (or start a private local instance); True when this batch started it."""
        ray = self.ray = import_ray(private=not self.address)
        if ray.is_initialized():
            return False
        common: dict[str, Any] = {"log_to_driver": False, "configure_logging": False, "include_dashboard": False}
        try:
            if self.address:
                ray.init(address=self.address, **common)
            else:
                from doctools.translate.engine import cores

                ray.init(num_cpus=max(self.jobs, cores()), object_store_memory=LOCAL_OBJECT_STORE, **common)
        except ConnectionError as exc:
            raise ConfigError(f"cannot reach the Ray cluster at {self.address}: {exc}") from exc
        except Exception as exc:  # ray raises plain RuntimeError/ValueError on bad addresses
            where = f" at {self.address}" if self.address else ""
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
        return self.actor_cls.remote(self.options, self.threads)

    # --- the batch --------------------------------------------------------------------------
    def run(self, sources: Iterator[Source], finish: Finish) -> None:
        started = self._start()
        actors: list[Any] = []
        running: dict[Any, tuple[Any, Source, float]] = {}  # ref → (actor, source, start)
        try:
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
            if started:
                with contextlib.suppress(Exception):
                    self.ray.shutdown()

    def _replace(self, actor: Any, actors: list[Any]) -> Any:
        with contextlib.suppress(Exception):
            self.ray.kill(actor, no_restart=True)
        fresh = self._actor()
        actors[actors.index(actor)] = fresh
        return fresh


__all__ = ["DocumentActor", "RayExecutor", "import_ray"]
