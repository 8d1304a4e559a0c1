"""Markdown reader: the text a reader of the rendered page sees → one raw block per line.

Parsed with markdown-it-py (CommonMark + tables; already installed as a dependency of
rich), so emphasis, links and escapes are understood rather than stripped by regex.
What becomes a line, and how:

* heading → its text without ``#`` (ATX) or underline (setext);
* paragraph → one line; a soft line break inside it joins the two lines (no space between
  two CJK characters, one space otherwise), a hard break (two spaces, backslash, ``<br>``)
  starts a new line;
* list item → its paragraphs as lines; bullets are dropped, ordered items keep their number
  (``1. …``) because reports use it as a label;
* block quote → its contents; code block → each code line; table → each cell, row by row;
  raw HTML block → its text (via the HTML reader); thematic break → nothing;
* inline: ``**bold**``/``*em*``/``~~del~~`` markers removed, ``[text](url)`` → text,
  ``![alt](src)`` → alt, ``code`` → code, inline HTML tags dropped.

Block ids are the source line numbers where each line starts (``b<n>``), like the text
reader's; table cells, which share their row's line, take the following numbers.
Not handled: YAML front matter (read as text), footnote syntax (kept verbatim).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from doctools.errors import InputError
from doctools.model import Document
from doctools.readers._decode import decode
from doctools.readers.txt import document_from_lines

if TYPE_CHECKING:  # markdown-it is imported lazily at run time
    from markdown_it.token import Token

NAME = "md"
SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_BR = re.compile(r"^<br\s*/?>$", re.I)
_CELL_OPEN = {"th_open", "td_open"}


def _join_soft(left: str, right: str) -> str:
    """A soft break is a space in Latin text and nothing between two CJK characters."""
    a, b = left.rstrip(" "), right.lstrip(" ")
    if a and b and _CJK.match(a[-1]) and _CJK.match(b[0]):
        return a + b
    return f"{a} {b}" if a and b else a + b


def _inline_parts(token: Token) -> list[str]:
    """Plain text of an inline token, split at hard breaks."""
    parts = [""]
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline"):
            parts[-1] += child.content
        elif kind == "image":
            parts[-1] += child.content or "".join(c.content for c in child.children or ())
        elif kind == "softbreak":
            parts[-1] = _join_soft(parts[-1], "\x00").rstrip("\x00") + "\x00"
        elif kind == "hardbreak" or (kind == "html_inline" and _BR.match(child.content.strip())):
            parts.append("")
        # emphasis/strong/strike/link open-close tokens and other inline HTML: markup only
    return [_resolve_soft(p).strip() for p in parts]


def _resolve_soft(text: str) -> str:
    """Replace the soft-break placeholder with nothing or a space by the characters around it."""
    pieces = text.split("\x00")
    out = pieces[0]
    for piece in pieces[1:]:
        out = _join_soft(out, piece)
    return out


def _place(placed: list[tuple[int, str]], line_no: int, text: str) -> None:
    last = placed[-1][0] if placed else 0
    placed.append((max(line_no, last + 1), text))


def markdown_lines(text: str) -> list[str]:
    """Rendered text lines, each at the index of its source line (blank lines elsewhere)."""
    from markdown_it import MarkdownIt

    from doctools.readers.html import extract_lines

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    placed: list[tuple[int, str]] = []
    prefix = ""
    for tok in md.parse(text):
        start = tok.map[0] + 1 if tok.map else (placed[-1][0] + 1 if placed else 1)
        if tok.type == "list_item_open":
            prefix = f"{tok.info}{tok.markup} " if tok.info else ""
        elif tok.type == "inline":
            for k, part in enumerate(_inline_parts(tok)):
                if k == 0 and prefix:
                    part, prefix = prefix + part, ""
                _place(placed, start + k, part)
        elif tok.type in ("fence", "code_block"):
            first = start + 1 if tok.type == "fence" else start
            for k, line in enumerate(tok.content.removesuffix("\n").split("\n")):
                _place(placed, first + k, line)
        elif tok.type == "html_block":
            for k, line in enumerate(extract_lines(tok.content)[0]):
                _place(placed, start + k, line)
    size = placed[-1][0] if placed else 0
    lines = [""] * size
    for no, line in placed:
        lines[no - 1] = line
    return lines


def read(data: bytes, *, source: str) -> Document:
    """Decode (as the text reader does), render to lines, one raw paragraph block per line."""
    decoded = decode(data, source)
    try:
        lines = markdown_lines(decoded.text)
    except RecursionError as exc:  # pathologically nested lists/quotes
        raise InputError(f"{source}: Markdown nested too deeply to read") from exc
    return document_from_lines(lines, source=source, sha256=hashlib.sha256(data).hexdigest(), encoding=decoded.encoding)
