"""``doctools translate`` and ``doctools models``: the English edition and its models.

``translate INPUT --to en [-o OUT] [--format json|txt|md|docx|pdf] [--bilingual]
[--glossary FILE] [--no-cache] [--beam N] [--tm-min N] [--qa FILE]`` runs INPUT through the
pipeline for the English edition — from the Simplified edition, translation memory first
(``doctools tm import``), the zh model for the rest, exactly as ``doctools export`` does —
and writes it; the QA summary goes to stderr. Without a model, a memory that holds
translations still gives an English edition: its matches, the rest marked untranslated
(exit code 1, as for a partial export).
``models list|install FILE.argosmodel|install zh en|path`` manage argos packages.
Heavy imports (ctranslate2, argostranslate, rich, writers) happen inside the functions.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from doctools.commands._single import max_mb_option
from doctools.errors import ConfigError

_FORMATS = ("json", "txt", "md", "docx", "pdf")


def _progress_bar(enabled: bool) -> tuple[Any, Any]:
    """(rich Progress or None, pipeline progress callback): stage, segments/s and ETA on stderr."""
    if not enabled:
        return None, None
    import re
    import time

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    prog = Progress(TextColumn("{task.fields[stage]}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)
    task = prog.add_task("translate", total=None, rate="", stage="reading")
    t0 = time.perf_counter()

    def cb(name: str, stage: str) -> None:
        m = re.fullmatch(r"translate (\d+)/(\d+)", stage)
        if m is None:
            prog.update(task, stage=stage)
            return
        done, total = int(m.group(1)), int(m.group(2))
        el = max(1e-6, time.perf_counter() - t0)
        prog.update(task, completed=done, total=total, stage="translating", rate=f"{done / el:5.1f} seg/s")

    return prog, cb


@click.command("translate")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=str))
@click.option("--to", "to", type=click.Choice(["en"]), default="en", show_default=True, help="Target language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Output file (suffix picks the format unless --format is given).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), help="Output format (default: from -o, else txt).")
@click.option("--bilingual", is_flag=True, help="Two-column source | translation DOCX/PDF for review.")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="Extra glossary TSV (zh, en, note); repeatable; overrides shipped terms.")
@click.option("--no-cache", is_flag=True,
              help="Do not reuse the model's earlier output (memory translations are still used).")
@click.option("--tm-min", type=click.IntRange(0, 100), default=None,
              help="Lowest translation-memory match score used (100 exact; 85 as CAT tools) [config, else 85].")
@click.option("--beam", type=click.IntRange(1, 16), default=None, help="Beam size [config, else 2].")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=None,
              help="Translator device [config, else auto].")
@click.option("--qa", "qa_path", type=click.Path(dir_okay=False, path_type=str),
              help="Write the QA report here (.json or .md).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@max_mb_option
def translate(input_path: str, to: str, output: str | None, fmt: str | None, bilingual: bool,
              glossaries: tuple[str, ...], no_cache: bool, tm_min: int | None, beam: int | None,
              device: str | None, qa_path: str | None, progress: bool | None, max_mb: float | None) -> int:
    """Translate INPUT offline into English (argos model, our engine), from its Simplified edition."""
    from doctools.commands._single import payload, run_one, settings, stem, write_payload
    from doctools.options import DEFAULT_MAX_MB, DEFAULT_TM_MIN, Options

    if output and fmt and Path(output).suffix.lower().lstrip(".") != fmt:
        raise ConfigError(f"-o {output} does not end in .{fmt}")
    fmt = fmt or (Path(output).suffix.lower().lstrip(".") if output else "txt")
    if fmt not in _FORMATS:
        raise ConfigError(f"unknown output format .{fmt}; use one of {', '.join(_FORMATS)}")
    if bilingual and fmt not in ("docx", "pdf"):
        raise ConfigError("--bilingual needs --format docx or pdf")
    cfg = settings(tm_min=tm_min, beam=beam, device=device, max_mb=max_mb)
    options = Options(editions=("en",), formats=(fmt,), glossary=(*cfg.get("glossary", ()), *glossaries),
                      terms=tuple(cfg.get("terms", ())), cache=not no_cache, beam=cfg.get("beam"),
                      tm_min=cfg.get("tm_min", DEFAULT_TM_MIN), device=cfg.get("device", "auto"),
                      template_en=cfg.get("template_en", "report"), bilingual=bilingual, review=False,
                      max_mb=cfg.get("max_mb", DEFAULT_MAX_MB), keep_documents=True)
    show = sys.stderr.isatty() if progress is None else progress
    bar, cb = _progress_bar(show)
    if bar is not None:
        with bar:
            result = run_one(input_path, options, "en", cb)
    else:
        result = run_one(input_path, options, "en")
    qa = result.documents["qa"]
    status = 1 if result.entry.editions["en"].status == "partial" else 0
    for w in result.entry.warnings:
        click.echo(f"doctools: warning: {w}", err=True)
    if qa_path:
        _write_qa(qa, Path(qa_path))
    click.echo(qa.to_markdown(limit=20), err=True)
    edition = "en.bilingual" if bilingual else "en"
    made = payload(result, edition, fmt)
    if output is None and fmt in ("json", "txt", "md"):
        sys.stdout.write(made.data.decode("utf-8"))
        return status
    out = Path(output) if output else Path(input_path).with_name(f"{stem(input_path)}.{edition}.{fmt}")
    write_payload(made, out)
    if bilingual:
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(f"wrote {out} ({len(qa.segments)} segments, {qa.severe} severe QA flags)", err=True)
    return status


def _write_qa(qa: Any, path: Path) -> None:
    import json

    from doctools.writers._atomic import write_text

    if path.suffix.lower() == ".json":
        write_text(path, json.dumps(qa.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        write_text(path, qa.to_markdown(limit=10_000) + "\n")


@click.group("models")
def models() -> None:
    """List, install and locate argos translation models (zh/zt → en)."""


@models.command("list")
def models_list() -> None:
    """Installed translation packages."""
    from doctools.translate.models import installed, packages_dir

    pkgs = installed()
    if not pkgs:
        click.echo(f"no translation models in {packages_dir()}; run `doctools models install zh en` "
                   "or `doctools models install FILE.argosmodel`")
        return
    for p in pkgs:
        click.echo(f"{p.from_code}→{p.to_code}\t{p.version}\t{p.path}")


@models.command("install")
@click.argument("args", nargs=-1, required=True)
def models_install(args: tuple[str, ...]) -> None:
    """Install FILE.argosmodel, or FROM TO (e.g. zh en) from the argos index (online)."""
    from doctools.translate.models import install_file, install_pair

    if len(args) == 1:
        info = install_file(Path(args[0]))
    elif len(args) == 2:
        info = install_pair(args[0], args[1])
    else:
        raise ConfigError("use `doctools models install FILE.argosmodel` or `doctools models install zh en`")
    click.echo(f"installed {info.from_code}→{info.to_code} {info.version} in {info.path}")


@models.command("path")
def models_path() -> None:
    """The folder argos installs packages into (ARGOS_PACKAGES_DIR / XDG_DATA_HOME)."""
    from doctools.translate.models import packages_dir

    click.echo(str(packages_dir()))
