"""Read a PDF back and check what a reader gets: text, line starts/ends, fonts, outline.

Why: the writers' guarantees (no lost character, kinsoku, embedded fonts, a bookmark per
heading) only count when checked on the output file, the way a reader's tools see it.
Uses poppler's ``pdftotext``/``pdffonts`` (installed system-wide) and pypdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from doctools.errors import ConfigError
from doctools.writers.kinsoku import REQUIRED_NO_END, REQUIRED_NO_START

_PAGE_NUMBER = re.compile(r"^[—\-–\s]*\d+(\s*/\s*\d+)?[—\-–\s]*$")


def _run(tool: str, *args: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise ConfigError(f"{tool} not found (install poppler-utils)")
    res = subprocess.run([exe, *args], capture_output=True, check=True)
    return res.stdout.decode("utf-8", errors="replace")


def page_lines(path: Path | str) -> list[list[str]]:
    """The text lines of each page as ``pdftotext`` reads them (physical lines)."""
    text = _run("pdftotext", "-enc", "UTF-8", str(path), "-")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return [[ln for ln in p.splitlines() if ln.strip()] for p in pages]


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line.strip()))


def text_lines(path: Path | str) -> list[str]:
    """All text lines in order, page-number lines left out."""
    return [ln for page in page_lines(path) for ln in page if not is_page_number(ln)]


def plain(text: str) -> str:
    """Text without any whitespace or word joiner (comparisons ignore how lines were
    broken, and the joiners the DOCX writer puts inside no-break spans)."""
    return re.sub(r"[\s\u2060]+", "", text)


def printed(doc: Any) -> str:
    """What an edition of ``doc`` prints, compared as :func:`plain` text: its blocks, and the
    closing note of a source cut short (``writers.pdf.truncation_note``)."""
    from doctools.model import plain_text
    from doctools.writers.pdf import truncation_note

    return plain(plain_text(doc) + (truncation_note(doc) or ""))


@dataclass(frozen=True)
class KinsokuReport:
    lines: int
    bad_starts: list[str]
    bad_ends: list[str]

    @property
    def ok(self) -> bool:
        return not self.bad_starts and not self.bad_ends


def kinsoku(path: Path | str, paragraphs: Iterable[str] = ()) -> KinsokuReport:
    """Lines that start with ，。、：；！？）》」』”’…— or end with （《「『“‘.

    ``paragraphs`` (the blocks' texts) excuse a line that is a paragraph's own start or end
    (a subtitle opening with ——, a paragraph closing with “): no line breaker chose those.
    """
    starts_ok = {plain(p)[:1] and plain(p) for p in paragraphs}
    lines = [ln.strip() for ln in text_lines(path)]

    def own_start(ln: str) -> bool:
        return any(p.startswith(plain(ln)) for p in starts_ok)

    def own_end(ln: str) -> bool:
        return any(p.endswith(plain(ln)) for p in starts_ok)

    starts = [ln for ln in lines if ln[0] in REQUIRED_NO_START and not own_start(ln)]
    ends = [ln for ln in lines if ln[-1] in REQUIRED_NO_END and not own_end(ln)]
    return KinsokuReport(len(lines), starts, ends)


@dataclass(frozen=True)
class PdfFont:
    name: str
    type: str
    embedded: bool
    subset: bool


def fonts(path: Path | str) -> list[PdfFont]:
    """The fonts ``pdffonts`` lists for the file."""
    out = _run("pdffonts", str(path)).splitlines()[2:]
    result: list[PdfFont] = []
    for row in out:
        parts = row.split()
        if len(parts) < 7:
            continue
        # columns from the right: emb sub uni objnum gen
        emb, sub = parts[-5], parts[-4]
        result.append(PdfFont(parts[0], " ".join(parts[1:-6]), emb == "yes", sub == "yes"))
    return result


def outline(path: Path | str) -> list[tuple[int, str]]:
    """(depth, title) of every bookmark, depth-first."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    found: list[tuple[int, str]] = []

    def walk(items: Sequence[object], depth: int) -> None:
        for it in items:
            if isinstance(it, list):
                walk(it, depth + 1)
            else:
                found.append((depth, str(getattr(it, "title", ""))))

    walk(reader.outline, 0)
    return found


def page_numbers(path: Path | str) -> list[str | None]:
    """The page-number line found on each page (None: none)."""
    result: list[str | None] = []
    for page in page_lines(path):
        nums = [ln.strip() for ln in page if is_page_number(ln)]
        result.append(nums[-1] if nums else None)
    return result


def page_number_boxes(path: Path | str) -> list[tuple[str, float, float, float] | None]:
    """Per page: (number text, xMin, xMax, page width) of the page-number line, from
    ``pdftotext -bbox-layout`` (None: no page number on that page)."""
    import html

    out = _run("pdftotext", "-bbox-layout", str(path), "-")
    result: list[tuple[str, float, float, float] | None] = []
    for page in re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', out, re.S):
        width = float(page[0])
        found = None
        for line in re.findall(r'<line xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>(.*?)</line>', page[1], re.S):
            words = re.findall(r">([^<]*)</word>", line[2])
            text = html.unescape(" ".join(words))
            if is_page_number(text):
                found = (text, float(line[0]), float(line[1]), width)
        result.append(found)
    return result


def metadata(path: Path | str) -> dict[str, str]:
    """Document info (Title, Author, Subject, …) and the catalog's /Lang."""
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    reader = PdfReader(str(path))
    info = {str(k).lstrip("/"): str(v) for k, v in (reader.metadata or {}).items()}
    # pypdf types trailer values as PdfObject; /Root is the catalog, a dictionary
    root = cast(DictionaryObject, reader.trailer["/Root"])
    lang = root.get("/Lang")
    if lang is not None:
        info["Lang"] = str(lang)
    return info


__all__ = [
    "KinsokuReport",
    "PdfFont",
    "fonts",
    "is_page_number",
    "kinsoku",
    "metadata",
    "outline",
    "page_lines",
    "page_number_boxes",
    "page_numbers",
    "plain",
    "text_lines",
]
