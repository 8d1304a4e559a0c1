"""``doctools render`` and ``doctools fonts``: print a document as DOCX/PDF; list fonts.

``render MODEL.json|INPUT --format docx|pdf --template official|report|brief|FILE [-o OUT]``
runs the pipeline for the source edition: a saved model (``.json``) as it is, a raw input
read and cleaned, written through the DOCX or PDF writer. Characters no font has are
reported as warnings (they print blank; nothing is dropped silently).
``fonts [--coverage INPUT] [--fontconfig FILE]`` lists shipped/configured faces, roles and
licences, how many characters of INPUT each face lacks, and can write the fontconfig file
LibreOffice needs to resolve the role names our DOCX uses.
Heavy imports (reportlab, python-docx, rich) happen inside the functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from doctools.commands._single import max_mb_option


def _load(path: str) -> Any:
    """A saved model as it is, or a raw input read and cleaned (``fonts --coverage``)."""
    from doctools import pipeline

    if path.lower().endswith(".json"):
        return pipeline.load(path)
    return pipeline.load_clean(path)


@click.command("render")
@click.argument("input_path", metavar="MODEL.json|INPUT", type=click.Path(dir_okay=False, path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(["pdf", "docx"]), default=None,
              help="Output format (default: from -o's suffix, else pdf).")
@click.option("-t", "--template", "template", default=None,
              help="official | report | brief | path/to/template.toml [config, else official]")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=str),
              help="Output file (default: INPUT's name with the format's suffix).")
@click.option("--reference-docx", type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="Take DOCX styles, page setup and footers from this document (like pandoc).")
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
@max_mb_option
def render(input_path: str, fmt: str | None, template: str | None, output: str | None,
           reference_docx: str | None, quiet: bool, max_mb: float | None) -> None:
    """Render a model (as it is) or a raw input (read and cleaned) as PDF or DOCX."""
    from doctools.commands._single import payload, run_one, settings, warn_notices, write_payload
    from doctools.options import DEFAULT_MAX_MB, Options

    if fmt is None:
        fmt = Path(output).suffix.lstrip(".").lower() if output else "pdf"
        if fmt not in ("pdf", "docx"):
            raise click.UsageError(f"cannot tell the format from {output!r}; pass --format pdf|docx")
    cfg = settings(template=template, max_mb=max_mb)
    template = str(cfg.get("template", "official"))
    options = Options(editions=(), formats=(fmt,), template=template, reference_docx=reference_docx,
                      source_edition=True, review=False, max_mb=cfg.get("max_mb", DEFAULT_MAX_MB))
    out = Path(output) if output else _default_output(input_path, fmt, template)
    if quiet:
        result = run_one(input_path, options, "source")
    else:
        from rich.console import Console

        with Console(stderr=True).status(f"rendering {out.name}") as status:
            result = run_one(input_path, options, "source", lambda name, stage: status.update(f"{stage}: {out.name}"))
    write_payload(payload(result, "source", fmt), out)
    warn_notices(result)
    click.echo(f"wrote {out} ({fmt}, template {template})", err=True)


def _default_output(input_path: str, fmt: str, template: str) -> Path:
    """``<name>.<fmt>`` beside the input (the name ``export`` gives the document), never the
    input itself (``render report.pdf`` writes ``report.official.pdf``)."""
    from doctools.commands._single import stem

    p = Path(input_path)
    out = p.with_name(f"{stem(input_path)}.{fmt}")
    if out.resolve() == p.resolve():
        out = p.with_name(f"{stem(input_path)}.{Path(template).stem}.{fmt}")
    return out


@click.command("fonts")
@click.option("--coverage", "coverage_input", type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="Report, per face, the characters of this input (model or raw) it lacks.")
@click.option("--fontconfig", "fontconfig_out", type=click.Path(dir_okay=False, path_type=str),
              help="Write a fontconfig file (for LibreOffice) that adds fonts/ and aliases role names.")
@click.option("--verify", is_flag=True, help="Check every font file against its sha256.")
def fonts(coverage_input: str | None, fontconfig_out: str | None, verify: bool) -> None:
    """List shipped and configured fonts, their roles and licences (and coverage of INPUT)."""
    from rich.console import Console
    from rich.table import Table

    from doctools.writers import _fonts

    console = Console()
    faces = _fonts.fonts()
    table = Table(title="doctools fonts", show_lines=False)
    for col in ("name", "family", "weight", "roles", "licence", "file"):
        table.add_column(col)
    if verify:
        table.add_column("sha256")
    for f in faces:
        row = [f.name, f.family, f.weight, ", ".join(f.roles), f.licence,
               str(f.path) + ("" if f.path.is_file() else " (MISSING)")]
        if verify:
            ok = _fonts.sha256_ok(f) if f.path.is_file() else False
            row.append({True: "ok", False: "MISMATCH", None: "-"}[ok])
        table.add_row(*row)
    console.print(table)
    roles = _fonts.roles()
    console.print("roles: " + ", ".join(f"{r} → {_fonts.family(r)}" for r in sorted(roles)))
    if coverage_input:
        from doctools.model import plain_text

        text = plain_text(_load(coverage_input))
        cov = _fonts.coverage(text)
        missing = sorted(_fonts.missing_chars(text))
        console.print(f"coverage of {coverage_input} ({len(set(text))} distinct characters):")
        for name, n in cov.items():
            console.print(f"  {name}: {'all covered' if n == 0 else f'{n} missing'}")
        if missing:
            listed = " ".join(f"U+{ord(c):04X}({c})" for c in missing[:40])
            console.print(f"[red]no font has {len(missing)} character(s): {listed}[/red]")
        else:
            console.print("every character has a font")
    if fontconfig_out:
        from doctools.writers._atomic import write_text
        from doctools.writers._soffice import fontconfig_xml

        write_text(fontconfig_out, fontconfig_xml())
        console.print(f"wrote {fontconfig_out} (use: FONTCONFIG_FILE={fontconfig_out} soffice …)")
