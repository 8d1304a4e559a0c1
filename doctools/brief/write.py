"""write_brief: a checked Brief → files (JSON, Markdown, PDF, DOCX per language), all or none.

``prepare`` makes the Simplified edition the brief is built from: it calls
``doctools.convert.to_simplified`` when that exists (imported lazily) and otherwise keeps
the text as it is, with a notice — then the checker refuses any Traditional character left,
so a brief is never silently made from the wrong script.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from doctools.brief.model import Brief, to_json
from doctools.errors import ConfigError, OutputError
from doctools.model import Document, Notice

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

    All or none: each file is written to a ``.<name>.<token>.part`` staging file in
    ``out_dir`` and all are moved into place only when every one is complete; on any failure no file of this call is
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
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    token = secrets.token_hex(4)
    staged: list[tuple[Path, Path]] = []  # (staging file, final file)

    def place(name: str) -> Path:
        """A ``.<name>.<token>.part`` staging file next to the final one (a killed run's
        ``.*.part`` files are what the export cleans up)."""
        staged.append((out / f".{name}.{token}.part", out / name))
        return staged[-1][0]

    moved: list[Path] = []
    try:
        _write_all(brief, stem, langs, formats, place)
        for tmp, _ in staged:  # every file is complete and on disk before any is moved
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        for tmp, target in staged:
            os.replace(tmp, target)
            moved.append(target)
    except BaseException as exc:
        for p in moved:  # all-or-none: no file of this call is left behind
            p.unlink(missing_ok=True)
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{out}: cannot write the brief ({exc.strerror or exc})") from exc
        raise
    return moved


def _write_all(brief: Brief, stem: str, langs: Sequence[str], formats: Sequence[str],
               place: Callable[[str], Path]) -> None:
    """Write every file of the brief to the staging path ``place`` gives for its name."""
    if "json" in formats:
        place(f"{stem}.brief.json").write_text(to_json(brief), encoding="utf-8")  # a staging file already
    for lang in langs:
        b = brief if lang == "en" else dataclasses.replace(brief, notices=tuple(
            n for n in brief.notices if not n.startswith("Labels")))
        if "md" in formats:
            from doctools.brief.layout_md import render_md

            place(f"{stem}.brief.{lang}.md").write_text(render_md(b, lang), encoding="utf-8")
        if "pdf" in formats:
            from doctools.brief.layout_pdf import write_pdf

            write_pdf(b, place(f"{stem}.brief.{lang}.pdf"), lang)
        if "docx" in formats:
            from doctools.brief.layout_docx import write_docx

            write_docx(b, place(f"{stem}.brief.{lang}.docx"), lang)


__all__ = ["FORMATS", "LANGS", "parse_list", "prepare", "write_brief"]
