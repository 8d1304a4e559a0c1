"""``doctools brief INPUT``: the summary brief (Chinese and English) of one document.

INPUT (a raw input or a saved model) goes through the pipeline for the brief edition:
cleaned, made Simplified, extracted and checked for faithfulness — an item the source does
not support is withheld and reported, and a brief with nothing faithful left is refused
with exit code 1 — then ``<stem>.brief.json`` and ``<stem>.brief.<lang>.<fmt>`` are
written into DIR. The English uses the installed translation model (``--no-model``: none).
"""

from __future__ import annotations

from pathlib import Path

import click

from doctools.commands._single import max_mb_option


@click.command("brief")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output-dir", "out_dir", type=click.Path(file_okay=False, path_type=str), default=".",
              show_default=True, help="Folder for the brief files.")
@click.option("--lang", "langs", default=None, help="Languages, comma-separated: zh-Hans, en [config, else both].")
@click.option("--format", "formats", default="docx,pdf,json,md", show_default=True,
              help="Formats, comma-separated: docx, pdf, json, md.")
@click.option("--no-model", is_flag=True, help="Do not use a translation model (English sentences stay marked).")
@max_mb_option
def brief(input_path: str, out_dir: str, langs: str | None, formats: str, no_model: bool,
          max_mb: float | None) -> None:
    """Make the one-to-two-page brief of INPUT, checked against the source."""
    from doctools.commands._single import run_one, settings, write_payload
    from doctools.options import DEFAULT_MAX_MB, Options
    from doctools.writers.brief import parse_list

    cfg = settings(max_mb=max_mb)
    lang_list = parse_list(langs or cfg.get("brief_langs", ("zh-Hans", "en")), ("zh-Hans", "en"), "language")
    fmt_list = parse_list(formats, ("json", "md", "pdf", "docx"), "format")
    options = Options(editions=("brief",), formats=tuple(fmt_list), brief_langs=tuple(lang_list),
                      glossary=tuple(cfg.get("glossary", ())), terms=tuple(cfg.get("terms", ())),
                      beam=cfg.get("beam"), device=cfg.get("device", "auto"), use_model=not no_model, review=False,
                      max_mb=cfg.get("max_mb", DEFAULT_MAX_MB), keep_documents=True)
    result = run_one(input_path, options, "brief")
    b = result.documents["brief"]
    paths = [write_payload(p, Path(out_dir) / Path(p.path).name) for p in result.payloads
             if p.edition.startswith("brief")]
    summary = (f"{len(b.figures)} figures, {len(b.targets)} targets, {len(b.goals)} goals, "
               f"{len(b.tasks)} tasks, {len(b.problems)} problems")
    for note in (b.tasks_note, *b.notices):
        if note:
            click.echo(f"note: {note}", err=True)
    for w in result.entry.warnings:
        click.echo(f"note: {w}", err=True)
    for p in paths:
        click.echo(str(p))
    click.echo(f"brief: {summary}; checked against the source", err=True)
