"""``doctools brief INPUT``: the summary brief (Chinese and English) of one document.

Reads INPUT (a raw text or a saved model), cleans it, makes the Simplified edition,
extracts the brief by the kind of document, checks it for faithfulness — items the check
cannot confirm are left out and listed; the brief is refused (exit code 1) only when nothing
faithful remains — and writes ``<stem>.brief.json`` and ``<stem>.brief.<lang>.<fmt>`` into
DIR. The English uses the installed translation model when there is one (loaded here, once);
without one its sentences stay marked and the reason, with the install command, is printed
here, never on the page. Heavy libraries are imported inside the command.
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
    from doctools.brief.write import parse_list, write_brief
    from doctools.convert import to_simplified
    from doctools.errors import ModelMissingError
    from doctools.pipeline import load_clean

    lang_list = parse_list(langs, ("zh-Hans", "en"), "language")
    fmt_list = parse_list(formats, ("json", "md", "pdf", "docx"), "format")
    b = make_brief(to_simplified(load_clean(input_path)))
    translator, reason = None, "model use disabled (--no-model)" if no_model else ""
    if "en" in lang_list and not no_model:
        try:
            from doctools.translate.engine import load_translator

            translator = load_translator("zh", "en")
        except ModelMissingError as exc:  # the message names the install command
            reason = str(exc)
    stem = Path(input_path).name.split(".")[0] or "document"
    paths = write_brief(b, Path(out_dir), stem, lang_list, fmt_list, translator=translator, missing_reason=reason)
    summary = (f"{b.kind.replace('_', ' ')}: {len(b.figures)} figures, {len(b.targets) + len(b.goals)} targets and "
               f"goals, {len(b.tasks)} tasks or measures, {len(b.steps)} steps, {len(b.problems)} problems")
    for note in (b.tasks_note, *b.notices):
        if note:
            click.echo(f"note: {note}", err=True)
    for w in b.withheld:
        click.echo(f"withheld {w.key}: {w.reason}", err=True)
    if "en" in lang_list and reason and translator is None:
        click.echo(f"note: English sentences left untranslated: {reason}", err=True)
    for p in paths:
        click.echo(str(p))
    click.echo(f"brief: {summary}; checked against the source"
               + (f" ({len(b.withheld)} item(s) withheld)" if b.withheld else ""), err=True)
