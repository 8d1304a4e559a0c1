"""The brief's files: ``brief_files`` makes every one as named bytes; ``write_brief`` writes them all or none.

No faithfulness check here: ``make_brief`` ran it once and withheld what it could not
confirm. English needs ``Brief.english``; when it is empty and "en" is asked for, it is
filled here with the translator the caller passes (None: free sentences stay marked).

Files: ``<stem>.brief.json`` and ``<stem>.brief.<lang>.<fmt>`` (fmt md, pdf, docx). DOCX,
Markdown and JSON are always complete; only the PDF may shorten to stay within two pages,
and its note then names the formats of this same set that hold everything.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from doctools.brief.model import Brief, to_json
from doctools.errors import ConfigError, OutputError

LANGS = ("zh-Hans", "en")
FORMATS = ("json", "md", "pdf", "docx")
_FORMAT_NAMES = {"docx": "DOCX", "md": "Markdown", "json": "JSON"}


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


def brief_files(brief: Brief, stem: str, langs: str | Sequence[str] = LANGS,
                formats: str | Sequence[str] = FORMATS, *, translator: Any = None,
                missing_reason: str = "") -> dict[str, bytes]:
    """Every file of ``brief`` as {file name: content}, in a stable order.

    ``translator``: the caller's loaded engine for the English free sentences (only used
    when "en" is asked for and ``brief.english`` is empty); ``missing_reason`` says why
    there is none (shown nowhere on the page; kept in the JSON's English notes)."""
    lang_list = parse_list(langs, LANGS, "language")
    fmt_list = parse_list(formats, FORMATS, "format")
    if "en" in lang_list and not brief.english:
        from doctools.brief.english import english

        brief = english(brief, translator=translator, missing_reason=missing_reason).brief
    out: dict[str, bytes] = {}
    if "json" in fmt_list:
        out[f"{stem}.brief.json"] = to_json(brief).encode("utf-8")
    complete = [_FORMAT_NAMES[f] for f in ("docx", "md", "json") if f in fmt_list]
    with tempfile.TemporaryDirectory(prefix="doctools-brief-") as tmp:
        for lang in lang_list:
            if "md" in fmt_list:
                from doctools.writers.brief_md import render_md

                out[f"{stem}.brief.{lang}.md"] = render_md(brief, lang).encode("utf-8")
            if "pdf" in fmt_list:
                from doctools.writers.brief_pdf import write_pdf

                path = Path(tmp) / f"{lang}.pdf"
                write_pdf(brief, path, lang, complete_in=complete)
                out[f"{stem}.brief.{lang}.pdf"] = path.read_bytes()
            if "docx" in fmt_list:
                from doctools.writers.brief_docx import write_docx

                path = Path(tmp) / f"{lang}.docx"
                write_docx(brief, path, lang)
                out[f"{stem}.brief.{lang}.docx"] = path.read_bytes()
    return out


def write_brief(
    brief: Brief,
    out_dir: Path | str,
    stem: str,
    langs: str | Sequence[str] = LANGS,
    formats: str | Sequence[str] = FORMATS,
    *,
    translator: Any = None,
    missing_reason: str = "",
) -> list[Path]:
    """Write ``brief_files`` into ``out_dir``, all or none.

    Each file goes to a ``.<name>.<token>.part`` staging file in ``out_dir``; all are moved
    into place only when every one is complete; on any failure no file of this call is
    left (those already moved are removed) and the error is raised."""
    files = brief_files(brief, stem, langs, formats, translator=translator, missing_reason=missing_reason)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    token = secrets.token_hex(4)
    staged: list[tuple[Path, Path]] = []  # (staging file, final file)
    moved: list[Path] = []
    try:
        for name, data in files.items():
            tmp = out / f".{name}.{token}.part"  # a killed run's .*.part files are what the export cleans up
            staged.append((tmp, out / name))
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
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


__all__ = ["FORMATS", "LANGS", "brief_files", "parse_list", "write_brief"]
