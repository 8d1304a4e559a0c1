"""``doctools brief INPUT``: the summary brief (Chinese and English) of one document.

Reads INPUT (a raw text or a saved model), cleans it, makes the Simplified edition (when
the converter is installed), extracts the brief, checks it for faithfulness — a brief
that says anything its source does not is refused with exit code 1 — and writes
``<stem>.brief.json`` and ``<stem>.brief.<lang>.<fmt>`` into DIR. Heavy libraries are
imported inside the command.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("brief")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output-dir", "out_dir", type=click.Path(file_okay=False, path_type=str), default=".",
              show_default=True, help="Folder for the brief files.")
@click.option("--lang", "langs", default="zh-Hans,en", show_default=True,
              help="Languages, comma-separated: zh-Hans, en.")
@click.option("--format", "formats", default="docx,pdf,json,md", show_default=True,
              help="Formats, comma-separated: docx, pdf, json, md.")
@click.option("--no-model", is_flag=True, help="Do not use a translation model (English sentences stay marked).")
def brief(input_path: str, out_dir: str, langs: str, formats: str, no_model: bool) -> None:
    """Make the one-to-two-page brief of INPUT, checked against the source."""
    from doctools.brief import make_brief
    from doctools.brief.write import parse_list, prepare, write_brief
    from doctools.pipeline import load_clean

    lang_list = parse_list(langs, ("zh-Hans", "en"), "language")
    fmt_list = parse_list(formats, ("json", "md", "pdf", "docx"), "format")
    source = prepare(load_clean(input_path))
    b = make_brief(source)
    stem = Path(input_path).name.split(".")[0] or "document"
    paths = write_brief(b, Path(out_dir), stem, lang_list, fmt_list, use_model=not no_model)
    summary = (f"{len(b.figures)} figures, {len(b.targets)} targets, {len(b.goals)} goals, "
               f"{len(b.tasks)} tasks, {len(b.problems)} problems")
    for note in (b.tasks_note, *b.notices):
        if note:
            click.echo(f"note: {note}", err=True)
    for p in paths:
        click.echo(str(p))
    click.echo(f"brief: {summary}; checked against the source", err=True)
