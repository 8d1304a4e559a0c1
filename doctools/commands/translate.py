"""``doctools translate`` and ``doctools models``: the English edition and its models.

``translate INPUT --to en [-o OUT] [--format json|txt|md|docx|pdf] [--bilingual]
[--glossary FILE] [--no-cache] [--beam N] [--tm-min N] [--qa FILE]`` cleans INPUT (or reads a
saved model), makes the Simplified edition when the source is Traditional and a ``zh`` model is
used, takes what the translation memory covers (``doctools tm import``), translates the rest
offline and writes the English edition; the QA summary goes to stderr. Without a model, a
memory that holds translations still gives an English edition: its matches, the rest marked
untranslated (exit code 1, as for a partial export).
``models list|install FILE.argosmodel|install zh en|path`` manage argos packages.
Heavy imports (ctranslate2, argostranslate, rich, writers) happen inside the functions.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from doctools.errors import ConfigError

if TYPE_CHECKING:
    from doctools.model import Document

_FORMATS = ("json", "txt", "md", "docx", "pdf")


def _source(doc: Document, script_for: str) -> Document:
    """The cleaned document, converted to Simplified when a zh (not zt) model will read it."""
    if doc.metadata.script in ("Hant", "mixed") and script_for == "zh":
        try:
            from doctools.convert import to_simplified
        except ImportError:
            return doc
        return to_simplified(doc)
    return doc


def _progress_bar(enabled: bool) -> tuple[Any, Any]:
    """(rich Progress or None, callback(done, total)): segments/s and ETA on stderr."""
    if not enabled:
        return None, None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    prog = Progress(TextColumn("translating"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)
    task = prog.add_task("translate", total=None, rate="")
    import time

    t0 = time.perf_counter()

    def cb(done: int, total: int) -> None:
        el = max(1e-6, time.perf_counter() - t0)
        prog.update(task, completed=done, total=total, rate=f"{done / el:5.1f} seg/s")

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
@click.option("--tm-min", type=click.IntRange(0, 100), default=85, show_default=True,
              help="Lowest translation-memory match score used (100 exact; 85 as CAT tools).")
@click.option("--beam", type=click.IntRange(1, 16), default=None, help="Beam size (default 2).")
@click.option("--qa", "qa_path", type=click.Path(dir_okay=False, path_type=str),
              help="Write the QA report here (.json or .md).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
def translate(input_path: str, to: str, output: str | None, fmt: str | None, bilingual: bool,
              glossaries: tuple[str, ...], no_cache: bool, tm_min: int, beam: int | None, qa_path: str | None,
              progress: bool | None) -> int:
    """Translate INPUT offline into English (argos model, our engine)."""
    from doctools.translate import load_glossary, translate_document
    from doctools.translate.models import find

    if output and fmt and Path(output).suffix.lower().lstrip(".") != fmt:
        raise ConfigError(f"-o {output} does not end in .{fmt}")
    fmt = fmt or (Path(output).suffix.lower().lstrip(".") if output else "txt")
    if fmt not in _FORMATS:
        raise ConfigError(f"unknown output format .{fmt}; use one of {', '.join(_FORMATS)}")
    if bilingual and fmt not in ("docx", "pdf"):
        raise ConfigError("--bilingual needs --format docx or pdf")
    from doctools.errors import ModelMissingError
    from doctools.pipeline import load_clean
    from doctools.translate.engine import Translator
    from doctools.translate.memory import Memory

    cleaned = load_clean(input_path)
    memory = Memory()
    tr: Translator | None = None
    try:
        model = find("zh", to, script=cleaned.metadata.script)
    except ModelMissingError:
        if not memory.has_translations():
            raise
        click.echo("no translation model installed: memory matches only, the rest marked untranslated", err=True)
        doc = _source(cleaned, "zh")
    else:
        doc = _source(cleaned, model.from_code)
        options: dict[str, Any] = {} if beam is None else {"beam_size": beam}
        tr = Translator(model, **options)
    gl = load_glossary([Path(g) for g in glossaries])
    show = sys.stderr.isatty() if progress is None else progress
    bar, cb = _progress_bar(show)
    try:
        if bar is not None:
            with bar:
                english, qa = translate_document(doc, translator=tr, glossary=gl, memory=memory, tm_min=tm_min,
                                                 cache=not no_cache, progress=cb)
        else:
            english, qa = translate_document(doc, translator=tr, glossary=gl, memory=memory, tm_min=tm_min,
                                             cache=not no_cache)
    finally:
        memory.close()
    status = 1 if qa.untranslated else 0
    if qa_path:
        _write_qa(qa, Path(qa_path))
    click.echo(qa.to_markdown(limit=20), err=True)
    if bilingual:
        from doctools.translate.bilingual import write_bilingual

        out = Path(output) if output else Path(input_path).with_suffix(f".bilingual.{fmt}")
        write_bilingual(doc, english, out, qa=qa)
        click.echo(f"wrote {out}", err=True)
        return status
    if output is None and fmt in ("json", "txt", "md"):
        from doctools.writers.text import RENDERERS

        click.echo(RENDERERS[f".{fmt}"](english), nl=False)
        return status
    from doctools.writers import write

    out = Path(output) if output else Path(input_path).with_suffix(f".en.{fmt}")
    write(english, out)
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
