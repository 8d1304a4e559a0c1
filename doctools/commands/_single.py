"""One document through the pipeline for the single-document commands.

``convert``, ``translate``, ``brief`` and ``render`` decide nothing themselves: each builds
:class:`~doctools.options.Options`, calls :func:`run_one` (the same :func:`doctools.pipeline.run`
the batch uses, with a context of its own) and writes the payloads where the user asked.
A document that could not be made becomes one error line here (exit 1, as for every
DoctoolsError), the message of the first thing that failed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from doctools.errors import DoctoolsError, InputError, ModelMissingError
from doctools.options import DEFAULT_MAX_MB, Options
from doctools.results import DocumentResult, Payload

F = TypeVar("F", bound=Callable[..., Any])


def max_mb_option(func: F) -> F:
    """The ``--max-mb`` option every single-document command shares with ``export``."""
    return click.option("--max-mb", type=click.FloatRange(min=0.001, max=512), default=None,
                        help=f"Largest input accepted, in MB [config, else {DEFAULT_MAX_MB:g}].")(func)


def settings(**flags: Any) -> dict[str, Any]:
    """The project config (``doctools.toml``, as ``export`` reads it) with the flags given on
    the command line (not None, not empty) on top: one config for every command."""
    from doctools.config import project_config

    merged = dict(project_config())
    merged.update({k: v for k, v in flags.items() if v is not None and v != ()})
    return merged


def stem(path: str) -> str:
    """The name outputs are made from — the rule ``export`` names documents by."""
    from doctools.export.inputs import safe_name, stem_of

    return safe_name(stem_of(Path(path)))


def run_one(path: str, options: Options, edition: str, progress: Callable[[str, str], None] | None = None
            ) -> DocumentResult:
    """Run one input; the result when ``edition`` was made, else the first error as an exception."""
    from doctools.context import Context
    from doctools.pipeline import Source, run

    context = Context(options)
    try:
        context.validate()
        result = run(Source(stem(path), path), options, context, progress)
    finally:
        context.close()
    status = result.entry.editions.get(edition)
    if status is not None and status.status in ("ok", "partial"):
        return result
    message = _first_problem(result, edition)
    if status is not None and status.status == "skipped":
        raise ModelMissingError(message)
    if status is not None and status.status == "n/a":
        raise InputError(f"{path}: {status.message} ({edition} not made)")
    raise DoctoolsError(message)


def _first_problem(result: DocumentResult, edition: str) -> str:
    entry = result.entry
    lines = entry.errors + entry.warnings
    mine = [ln for ln in lines if ln.startswith(f"{edition}: ")]
    for line in mine or entry.errors or entry.warnings:
        # records read "<stage or edition>: <message>"; the user wants the message
        return re.sub(r"^[\w.-]+: ", "", line, count=1)
    status = entry.editions.get(edition)
    return status.message if status and status.message else f"{edition} was not made"


def payload(result: DocumentResult, edition: str, fmt: str) -> Payload:
    for p in result.payloads:
        if p.edition == edition and p.format == fmt:
            return p
    raise DoctoolsError(f"no {edition} {fmt} output was made")


def write_payload(p: Payload, target: Path) -> Path:
    from doctools.writers._atomic import write_bytes

    write_bytes(target, p.data)
    return target


def warn_notices(result: DocumentResult) -> None:
    """Writer warnings (characters no font has, …) as one line each on stderr."""
    for w in result.entry.warnings:
        click.echo(f"doctools: warning: {w}", err=True)


__all__ = ["max_mb_option", "payload", "run_one", "settings", "stem", "warn_notices", "write_payload"]
