"""``doctools export``: the daily batch command (progress, summary table, exit codes)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from doctools.errors import ConfigError

_HELP = """Export every edition of many documents.

PATH may be files, directories (searched recursively) or glob patterns. For each document
doctools writes OUTDIR/<name>/<name>.model.json, OUTDIR/<name>/<name>.<edition>.<format>
and an editor's review page OUTDIR/<name>/<name>.review.html; OUTDIR/manifest.json
describes the batch. Documents whose input, options and doctools version are unchanged
since the last run are reused (--force redoes them).

\b
Exit codes:
  0  every document ok
  1  some documents failed or are partial (e.g. no translation model installed)
  2  usage error (bad option, nothing to export) or an output folder that cannot be written
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
@click.option("--jobs", "-j", type=click.IntRange(1, 64), help="Parallel worker processes [CPU count].")
@click.option("--include", multiple=True, help="Only inputs matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip inputs matching this glob (repeatable).")
@click.option("--glossary", multiple=True, type=click.Path(dir_okay=False), help="Extra glossary TSV (repeatable).")
@click.option("--terms", multiple=True, type=click.Path(dir_okay=False), help="Extra phrase table TSV (repeatable).")
@click.option("--max-mb", type=click.FloatRange(min=0.001), help="Largest input accepted per document, in MB [8].")
@click.option("--no-cache", is_flag=True, help="Bypass the translation memory.")
@click.option("--force", is_flag=True, help="Redo documents even when nothing changed.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed document.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary line.")
@click.option("--verbose", "-v", is_flag=True, help="List warnings and every output file.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest JSON instead of the table.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="Config file [doctools.toml].")
def export(paths: tuple[str, ...], out_dir: Path, editions: str | None, formats: str | None,
           template: str | None, jobs: int | None, include: tuple[str, ...], exclude: tuple[str, ...],
           glossary: tuple[str, ...], terms: tuple[str, ...], max_mb: float | None, no_cache: bool,
           force: bool, fail_fast: bool, quiet: bool, verbose: bool, as_json: bool,
           config: Path | None) -> int:
    from doctools.export import ExportOptions
    from doctools.export.config import find_config, load_config
    from doctools.export.inputs import discover
    from doctools.export.options import EDITIONS, FORMATS
    from doctools.export.runner import run_batch

    cfg: dict[str, Any] = load_config(config or find_config())
    ed = _split(editions) or tuple(cfg.get("editions", ())) or ("zh-Hans", "en", "brief")
    fm = _split(formats) or tuple(cfg.get("formats", ())) or ("docx", "pdf")
    bad = [e for e in ed if e not in EDITIONS] + [f for f in fm if f not in FORMATS]
    if bad:
        raise ConfigError(f"unknown edition/format: {', '.join(bad)} (editions: {', '.join(EDITIONS)}; "
                          f"formats: {', '.join(FORMATS)})")
    opts = ExportOptions(
        out_dir=out_dir,
        editions=ed,
        formats=fm,
        template=template or str(cfg.get("template", "official")),
        glossary=tuple(glossary) or tuple(cfg.get("glossary", ())),
        terms=tuple(terms) or tuple(cfg.get("terms", ())),
        jobs=jobs or int(cfg.get("jobs", 0)) or (os.cpu_count() or 1),
        max_mb=max_mb or float(cfg.get("max_mb", 8.0)),
        cache=not no_cache,
        force=force,
        fail_fast=fail_fast,
        include=include,
        exclude=exclude,
    )
    _validate(opts)
    found = discover(list(paths), include, exclude)
    if not found.inputs:
        for note in found.notes:
            click.echo(f"doctools: {note}", err=True)
        raise ConfigError("nothing to export: no input documents found")
    from doctools.commands._export_view import BatchView

    view = BatchView(found.inputs, quiet=quiet or as_json, verbose=verbose)
    with view:
        manifest = run_batch(found.inputs, opts, found.notes, view.event)
    if as_json:
        sys.stdout.write(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        view.summary(manifest, out_dir)
    s = manifest.summary()
    return 0 if s["failed"] == 0 and s["partial"] == 0 else 1


def _validate(opts: Any) -> None:
    """Check once, before any document, what would otherwise fail every document: an
    unknown template, a missing or malformed term table or glossary (ConfigError, exit 2)."""
    from doctools.writers._template import load as load_template

    load_template(opts.template)
    if opts.terms:
        from doctools.convert import load_terms

        load_terms([Path(p) for p in opts.terms])
    if opts.glossary:
        from doctools.translate import load_glossary

        load_glossary([Path(p) for p in opts.glossary])
