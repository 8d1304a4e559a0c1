"""``doctools tm``: the translation memory in and out as TMX, and what it holds.

``tm import FILE.tmx… [--source zh-CN] [--target en] [--origin imported|reviewed]`` reads
TMX 1.4b (languages matched loosely, Traditional sources converted to Simplified, inline
codes stripped, duplicates resolved by date, newest wins); ``tm export -o FILE.tmx
[--origin …]`` writes what the memory holds, each unit with its origin; ``tm stats`` counts
it. ``--memory FILE`` names another memory than the shared one in the cache folder.

An import reads the file twice: once to check it (a malformed TMX stops with one line
naming the line, before anything is stored), once to store it in short transactions, so
export workers using the same memory are never locked out for long.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from doctools.errors import ConfigError

_MEMORY = click.option("--memory", "memory_path", type=click.Path(dir_okay=False, path_type=Path),
                       help="Translation memory file (default: the shared one in the cache folder).")


@click.group("tm")
def tm() -> None:
    """Translation memory: import and export TMX, show what it holds."""


@tm.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", default="zh-CN", show_default=True,
              help="Source language (zh, zh-CN, zh-Hans, zh-TW … all match).")
@click.option("--target", default="en", show_default=True, help="Target language (en matches en-US, en-GB …).")
@click.option("--origin", type=click.Choice(["imported", "reviewed"]), default=None,
              help="Origin to record (default: the file's x-doctools-origin, else imported).")
@_MEMORY
def tm_import(files: tuple[Path, ...], source: str, target: str, origin: str | None, memory_path: Path | None) -> None:
    """Import TMX files into the translation memory."""
    from doctools.translate.memory import Memory
    from doctools.translate.tmx import TmxReader

    for f in files:  # check every file before storing anything
        reader = TmxReader(f, source, target, origin)
        for _ in reader:
            pass
        if reader.count.units == 0:
            raise ConfigError(f"{f}: no unit has both a {source} and a {target} segment")
    with Memory(memory_path) as memory:
        for f in files:
            reader = TmxReader(f, source, target, origin)
            done = memory.add_units(reader)
            c = reader.count
            click.echo(f"{f}: {c.units} units ({done.added} new, {done.replaced} replaced, {done.kept} older "
                       f"or duplicate kept out); {c.skipped} without a {source}/{target} pair skipped; "
                       f"{c.converted} converted from Traditional")
        click.echo(f"memory {memory.path}: {len(memory)} units")


@tm.command("export")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="TMX file to write.")
@click.option("--origin", "origins", default="imported,reviewed,machine", show_default=True,
              help="Comma-separated origins to export.")
@click.option("--source-lang", default="zh-CN", show_default=True, help="xml:lang written for the source side.")
@_MEMORY
def tm_export(output: Path, origins: str, source_lang: str, memory_path: Path | None) -> None:
    """Export the translation memory as TMX 1.4b (origin in <prop type="x-doctools-origin">)."""
    from doctools.translate.memory import ORIGINS, Memory
    from doctools.translate.tmx import write_tmx

    wanted = {o.strip() for o in origins.split(",") if o.strip()}
    if not wanted or wanted - set(ORIGINS):
        raise ConfigError(f"--origin takes {', '.join(ORIGINS)} (comma-separated), not {origins!r}")
    with Memory(memory_path) as memory:
        n = write_tmx(output, (u for u in memory.units() if u.origin in wanted), source_lang=source_lang)
    click.echo(f"wrote {output} ({n} units)")


@tm.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_MEMORY
def tm_stats(as_json: bool, memory_path: Path | None) -> None:
    """What the translation memory holds: units by origin, characters, dates."""
    from doctools.translate.memory import Memory

    with Memory(memory_path) as memory:
        st = memory.stats()
    if as_json:
        click.echo(json.dumps(st, ensure_ascii=False, indent=2))
        return
    origins = st["origins"]
    assert isinstance(origins, dict)
    click.echo(f"memory: {st['path']} ({st['bytes']:,} bytes)")
    click.echo(f"units: {st['units']:,} ({', '.join(f'{k} {v:,}' for k, v in origins.items())})")
    click.echo(f"  of which the model's cache: {st['model_cache']:,}")
    click.echo(f"source characters: {st['source_chars']:,}")
    if st["oldest"]:
        click.echo(f"translations dated {st['oldest']} … {st['newest']}")
