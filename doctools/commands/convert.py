"""``doctools convert INPUT --to zh-Hans|zh-Hant-TW|zh-Hant-HK [-o OUT] [--report FILE] [--terms FILE]``.

INPUT (a raw input or a saved ``.json`` model) goes through the pipeline for that one
edition; OUT's suffix picks the format (.json .txt .md), stdout gets the text when there is
no ``-o``. ``--report`` writes the review table (.md or .html). User phrase tables come
from ``--terms`` (repeatable) after those of the project config (``terms``, as ``export``
reads them from ``doctools.toml``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from doctools.commands._single import max_mb_option
from doctools.errors import ConfigError

TARGETS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")
_TEXT = (".json", ".txt", ".md")


@click.command("convert")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=str))
@click.option("--to", "target", type=click.Choice(TARGETS), default="zh-Hans", show_default=True,
              help="Edition to make.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write here; the suffix picks the format (.json .txt .md).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=str),
              help="Write a review table of every change (.md or .html).")
@click.option("--terms", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="Extra phrase table (TSV key<TAB>value…), overriding shipped rows; repeatable.")
@max_mb_option
def convert(input_path: str, target: str, output: str | None, report: str | None, terms: tuple[str, ...],
            max_mb: float | None) -> None:
    """Make the Simplified (mainland) or a Traditional edition of INPUT, with an audit trail."""
    from doctools.commands._single import payload, run_one, settings, write_payload
    from doctools.convert.report import RENDERERS as REPORTS
    from doctools.options import DEFAULT_MAX_MB, Options
    from doctools.writers._atomic import write_text

    suffix = Path(output).suffix.lower() if output else ".txt"
    if suffix not in _TEXT:
        raise ConfigError(f"{output}: unknown output format; use .json, .txt or .md")
    if report and Path(report).suffix.lower() not in REPORTS:
        raise ConfigError(f"{report}: unknown report format; use .md or .html")
    cfg = settings(max_mb=max_mb)
    # the config's terms, then the command line's (later tables win); every derived edition —
    # a Traditional one too — starts from the Simplified edition they shape, as in export
    tables = (*cfg.get("terms", ()), *terms)
    options = Options(editions=(target,), formats=(suffix.lstrip("."),), terms=tables, review=False,
                      max_mb=cfg.get("max_mb", DEFAULT_MAX_MB), keep_documents=True)
    result = run_one(input_path, options, target)
    out = result.documents[target]
    changes = sum(1 for e in out.edits if e.step.startswith("convert.") and e.rule not in ("opencc:t2s", "opencc:s2t"))
    review = sum(1 for n in out.notices if n.step.startswith("convert.") and n.message.startswith("left "))
    if report:
        write_text(Path(report), REPORTS[Path(report).suffix.lower()](out))
    made = payload(result, target, suffix.lstrip("."))
    if output:
        path = write_payload(made, Path(output))
        click.echo(f"wrote {path} ({target}: {changes} phrase changes, {review} left for review)", err=True)
    else:
        sys.stdout.write(made.data.decode("utf-8"))
