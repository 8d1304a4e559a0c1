"""``doctools export``: the daily batch command (progress, summary table, exit codes)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

_HELP = """Export every edition of many documents.

PATH may be files, directories (searched recursively) or glob patterns. For each document
doctools writes OUTDIR/<name>/<name>.model.json, OUTDIR/<name>/<name>.<edition>.<format>
and an editor's review page OUTDIR/<name>/<name>.review.html; OUTDIR/manifest.json
describes the batch. Documents whose input, options and doctools version are unchanged
since the last run are reused (--force redoes them). Documents run in local worker
processes (--executor local) or on a Ray cluster (--executor ray), with the same outputs.

\b
Exit codes:
  0  every document ok
  1  some documents failed, are partial (e.g. no translation model installed), were
     skipped (not Chinese: nothing to make) or cancelled
  2  usage error (bad option or config value, nothing to export), an output folder that
     cannot be written or that another export is writing to
  130 interrupted (Ctrl-C): documents not done are recorded as cancelled
"""


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())


@click.command("export", help=_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Output folder.")
@click.option("--editions", help="Comma list: zh-Hans, zh-Hant-TW, zh-Hant-HK, en, brief [zh-Hans,en,brief].")
@click.option("--formats", help="Comma list: docx, pdf, json, md, txt [docx,pdf].")
@click.option("--template", help="Layout of Chinese editions: official, report, brief or a template file [official].")
@click.option("--template-en", help="Layout of the English edition [report].")
@click.option("--brief-langs", help="Brief languages, comma list: zh-Hans, en [zh-Hans,en].")
@click.option("--jobs", "-j", type=click.IntRange(1, 256),
              help="Parallel workers (local processes or Ray actors) [CPU count; Ray: CPUs / translator threads].")
@click.option("--executor", type=click.Choice(["local", "ray"]), help="Where documents run [local].")
@click.option("--ray-address", help="Ray cluster: auto or ray://HOST:PORT [a private local instance].")
@click.option("--gpus-per-actor", type=click.FloatRange(0, 64), help="GPUs each Ray actor asks for [0].")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), help="Translator device [auto].")
@click.option("--beam", type=click.IntRange(1, 16), help="Beam size of the translator [2].")
@click.option("--tm-min", type=click.IntRange(0, 100), help="Lowest translation-memory match used, percent [85].")
@click.option("--include", multiple=True, help="Only inputs matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip inputs matching this glob (repeatable).")
@click.option("--glossary", multiple=True, type=click.Path(dir_okay=False), help="Extra glossary TSV (repeatable).")
@click.option("--terms", multiple=True, type=click.Path(dir_okay=False), help="Extra phrase table TSV (repeatable).")
@click.option("--max-mb", type=click.FloatRange(min=0.001), help="Largest input accepted per document, in MB [8].")
@click.option("--timeout-per-doc", type=click.FloatRange(min=1), help="Time budget per document, seconds [900].")
@click.option("--no-cache", is_flag=True, help="Bypass the translation memory.")
@click.option("--force", is_flag=True, help="Redo documents even when nothing changed.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed document.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary line.")
@click.option("--verbose", "-v", is_flag=True, help="List warnings and every output file.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest JSON instead of the table.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="Config file [doctools.toml].")
def export(paths: tuple[str, ...], out_dir: Path, editions: str | None, formats: str | None,
           template: str | None, template_en: str | None, brief_langs: str | None, jobs: int | None,
           executor: str | None, ray_address: str | None, gpus_per_actor: float | None, device: str | None,
           beam: int | None, tm_min: int | None, include: tuple[str, ...], exclude: tuple[str, ...],
           glossary: tuple[str, ...], terms: tuple[str, ...], max_mb: float | None, timeout_per_doc: float | None,
           no_cache: bool, force: bool, fail_fast: bool, quiet: bool, verbose: bool, as_json: bool,
           config: Path | None) -> int:
    from doctools.config import find_config, load_config
    from doctools.context import Context
    from doctools.export.inputs import discover
    from doctools.export.runner import Batch, run_batch
    from doctools.options import (
        DEFAULT_EDITIONS,
        DEFAULT_FORMATS,
        DEFAULT_MAX_MB,
        DEFAULT_TIMEOUT,
        DEFAULT_TM_MIN,
        Options,
    )
    from doctools.translate.engine import cores

    cfg: dict[str, Any] = load_config(config or find_config())

    def pick(flag: Any, key: str, default: Any) -> Any:
        return flag if flag is not None else cfg.get(key, default)

    options = Options(
        editions=_split(editions) or tuple(cfg.get("editions", DEFAULT_EDITIONS)),
        formats=_split(formats) or tuple(cfg.get("formats", DEFAULT_FORMATS)),
        template=pick(template, "template", "official"),
        template_en=pick(template_en, "template_en", "report"),
        brief_langs=_split(brief_langs) or tuple(cfg.get("brief_langs", ("zh-Hans", "en"))),
        glossary=tuple(glossary) or tuple(cfg.get("glossary", ())),
        terms=tuple(terms) or tuple(cfg.get("terms", ())),
        beam=pick(beam, "beam", None),
        tm_min=pick(tm_min, "tm_min", DEFAULT_TM_MIN),
        device=pick(device, "device", "auto"),
        cache=not no_cache,
        max_mb=pick(max_mb, "max_mb", DEFAULT_MAX_MB),
        timeout=pick(timeout_per_doc, "timeout_per_doc", DEFAULT_TIMEOUT),
    )
    where = pick(executor, "executor", "local")
    if where != "ray" and (pick(ray_address, "ray_address", None) or pick(gpus_per_actor, "gpus_per_actor", 0)):
        from doctools.errors import ConfigError

        raise ConfigError("ray_address and gpus_per_actor (options or config) need the Ray executor")
    workers = pick(jobs, "jobs", 0) or (0 if where == "ray" else cores())
    batch = Batch(out_dir=out_dir, options=options, jobs=workers, executor=where,
                  ray_address=pick(ray_address, "ray_address", None), gpus_per_actor=pick(gpus_per_actor,
                  "gpus_per_actor", 0.0), force=force, fail_fast=fail_fast)
    if where == "ray":
        from doctools.export.ray_executor import import_ray

        import_ray(private=not (batch.ray_address or os.environ.get("RAY_ADDRESS")))  # a missing extra: one line
    Context(options).validate()  # a bad template or table fails once, before any document
    if where == "local" and options.device == "cuda" and {"en", "brief"} & set(options.editions):
        import ctranslate2

        from doctools.translate.device import choose_device

        choose_device("cuda", ctranslate2.get_cuda_device_count())  # no GPU here: one line, exit 2
    found = discover(list(paths), include, exclude, out_dir=out_dir)
    if not found.inputs:
        for note in found.notes:
            click.echo(f"doctools: {note}", err=True)
        from doctools.errors import ConfigError

        raise ConfigError("nothing to export: no input documents found")
    from doctools.commands._export_view import BatchView

    view = BatchView(found.inputs, quiet=quiet or as_json, verbose=verbose)
    with view, _stdout_for_json_only(as_json):
        manifest = run_batch(found.inputs, batch, found.notes, view.event)
    if as_json:
        sys.stdout.write(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        view.summary(manifest, out_dir)
    s = manifest.summary()
    return 0 if sum(v for k, v in s.items() if k not in ("ok", "reused")) == 0 else 1


@contextlib.contextmanager
def _stdout_for_json_only(on: bool) -> Iterator[None]:
    """With --json, stdout carries the manifest and nothing else: whatever a library or a
    worker prints there during the batch (Ray's C++ core does) goes to stderr instead."""
    if not on:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
