"""``doctools convert INPUT --to zh-Hans|zh-Hant-TW|zh-Hant-HK [-o OUT] [--report FILE] [--terms FILE]``.

INPUT is read and cleaned (``pipeline.load_clean``; a saved ``.json`` model is accepted),
then converted; OUT's suffix picks the format (.json .txt .md), stdout gets the text when
there is no ``-o``. ``--report`` writes the review table (.md or .html). User phrase tables
come from ``--terms`` (repeatable) after those named in ``./doctools.toml``
(``[convert] terms = [...]``). opencc is imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from doctools.errors import ConfigError

TARGETS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")


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
def convert(input_path: str, target: str, output: str | None, report: str | None, terms: tuple[str, ...]) -> None:
    """Make the Simplified (mainland) or a Traditional edition of INPUT, with an audit trail."""
    from doctools.convert import config_terms, load_terms, to_simplified, to_traditional
    from doctools.convert.report import RENDERERS as REPORTS
    from doctools.pipeline import load_clean
    from doctools.writers import write
    from doctools.writers._atomic import write_text
    from doctools.writers.text import RENDERERS

    if output and Path(output).suffix.lower() not in RENDERERS:
        raise ConfigError(f"{output}: unknown output format; use .json, .txt or .md")
    if report and Path(report).suffix.lower() not in REPORTS:
        raise ConfigError(f"{report}: unknown report format; use .md or .html")
    rules = load_terms([*config_terms(Path.cwd()), *terms])
    doc = load_clean(input_path)
    if target == "zh-Hans":
        out = to_simplified(doc, terms=rules)
    else:
        if rules:
            raise ConfigError("--terms applies to the zh-Hans edition only")
        out = to_traditional(doc, target.rsplit("-", 1)[1])
    changes = sum(1 for e in out.edits if e.step.startswith("convert.") and e.rule not in ("opencc:t2s", "opencc:s2t"))
    review = sum(1 for n in out.notices if n.step.startswith("convert.") and n.message.startswith("left "))
    if report:
        write_text(Path(report), REPORTS[Path(report).suffix.lower()](out))
    if output:
        path = write(out, Path(output))
        click.echo(f"wrote {path} ({target}: {changes} phrase changes, {review} left for review)", err=True)
    else:
        click.echo(RENDERERS[".txt"](out), nl=False)
