"""write_brief: a checked Brief → files (JSON, Markdown, PDF, DOCX per language), all or none.

``prepare`` makes the Simplified edition the brief is built from: it calls
``doctools.convert.to_simplified`` when that exists (imported lazily) and otherwise keeps
the text as it is, with a notice — then the checker refuses any Traditional character left,
so a brief is never silently made from the wrong script.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from doctools.brief.model import Brief, to_json
from doctools.errors import ConfigError, OutputError
from doctools.model import Document, Notice
from doctools.writers._atomic import write_text

LANGS = ("zh-Hans", "en")
FORMATS = ("json", "md", "pdf", "docx")


def prepare(doc: Document) -> Document:
    """The Simplified edition of ``doc`` (unchanged when it already is one)."""
    md = doc.metadata
    if md.edition == "zh-Hans" or (md.language == "zh-Hans" and md.script == "Hans"):
        return doc
    try:
        from doctools.convert import to_simplified
    except ImportError:
        note = Notice("brief", "warning", "Simplified edition not available (doctools.convert.to_simplified "
                      "missing); the brief is made from the text as it is")
        return doc.with_changes(notices=(note,))
    result: Document = to_simplified(doc)
    return result


def parse_list(value: str | Sequence[str], allowed: Sequence[str], what: str) -> list[str]:
    items = [x.strip() for x in (value.split(",") if isinstance(value, str) else value) if x.strip()]
    aliases = {"zh": "zh-Hans", "zh-hans": "zh-Hans", "zh-cn": "zh-Hans", "en": "en", "markdown": "md"}
    out = []
    for x in items:
        x = aliases.get(x.lower(), x)
        if x not in allowed:
            raise ConfigError(f"unknown {what} {x!r}; use one or more of {', '.join(allowed)}")
        if x not in out:
            out.append(x)
    if not out:
        raise ConfigError(f"no {what} given")
    return out


def write_brief(
    brief: Brief,
    out_dir: Path | str,
    stem: str,
    langs: Sequence[str] = LANGS,
    formats: Sequence[str] = FORMATS,
    *,
    source: Document | None = None,
    use_model: bool = True,
) -> list[Path]:
    """Write ``brief`` as ``<stem>.brief.json`` and ``<stem>.brief.<lang>.<fmt>``.

    All or none: the files are written into a staging folder inside ``out_dir`` and moved
    into place only when every one is complete; on any failure no file of this call is
    left (those already moved are removed) and the error is raised.

    ``source`` (the Simplified edition) re-runs the faithfulness check first — always pass
    it when the brief did not just come from ``make_brief`` (which checks). English needs
    ``english`` filled; it is done here when missing.
    """
    from doctools.brief.check import check

    langs = parse_list(langs, LANGS, "language")
    formats = parse_list(formats, FORMATS, "format")
    if source is not None:
        check(brief, source)
    if "en" in langs and not brief.english:
        from doctools.brief.english import english

        brief, _ = english(brief, use_model=use_model)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{stem}.brief.", suffix=".part", dir=out))
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    moved: list[Path] = []
    try:
        staged = _write_all(brief, stage, stem, langs, formats)
        for p in staged:  # every file is complete: move them into place together
            target = out / p.name
            os.replace(p, target)
            moved.append(target)
    except BaseException as exc:
        for p in moved:  # all-or-none: no file of this call is left behind
            p.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{out}: cannot write the brief ({exc.strerror or exc})") from exc
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return moved


def _write_all(brief: Brief, out: Path, stem: str, langs: Sequence[str], formats: Sequence[str]) -> list[Path]:
    """Write every file of the brief into ``out`` (the staging folder)."""
    written: list[Path] = []
    if "json" in formats:
        p = out / f"{stem}.brief.json"
        write_text(p, to_json(brief))
        written.append(p)
    for lang in langs:
        b = brief if lang == "en" else dataclasses.replace(brief, notices=tuple(
            n for n in brief.notices if not n.startswith("Labels")))
        if "md" in formats:
            from doctools.brief.layout_md import render_md

            p = out / f"{stem}.brief.{lang}.md"
            write_text(p, render_md(b, lang))
            written.append(p)
        if "pdf" in formats:
            from doctools.brief.layout_pdf import write_pdf

            p = out / f"{stem}.brief.{lang}.pdf"
            write_pdf(b, p, lang)
            written.append(p)
        if "docx" in formats:
            from doctools.brief.layout_docx import write_docx

            p = out / f"{stem}.brief.{lang}.docx"
            write_docx(b, p, lang)
            written.append(p)
    return written


__all__ = ["FORMATS", "LANGS", "parse_list", "prepare", "write_brief"]
