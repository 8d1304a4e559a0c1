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

Linear in time, bounded in memory: the text is parsed a few thousand lines at a time
(:func:`_chunks`, equal to a whole-document parse — tested), and inline markup is parsed
per inline token as it is read, so no token list of the whole document is ever held.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from doctools.errors import InputError
from doctools.model import Document
from doctools.readers._decode import decode
from doctools.readers.txt import document_from_lines

if TYPE_CHECKING:  # markdown-it is imported lazily at run time
    from markdown_it import MarkdownIt
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
    """Plain text of an inline token, split at hard breaks.

    Each part is kept as its pieces between soft breaks and joined once at the end: a
    paragraph of 100,000 soft-wrapped lines must not rebuild its text per line.
    """
    parts: list[list[list[str]]] = [[[]]]  # part → soft-broken segments → text pieces
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):  # text_special: an escaped character
            parts[-1][-1].append(child.content)
        elif kind == "image":
            parts[-1][-1].append(child.content or "".join(c.content for c in child.children or ()))
        elif kind == "softbreak":
            parts[-1].append([])
        elif kind == "hardbreak" or (kind == "html_inline" and _BR.match(child.content.strip())):
            parts.append([[]])
        # emphasis/strong/strike/link open-close tokens and other inline HTML: markup only
    return [_resolve_soft(["".join(seg) for seg in segments]).strip() for segments in parts]


def _resolve_soft(segments: list[str]) -> str:
    """Join soft-broken segments: nothing between two CJK characters, one space otherwise
    (spaces at the break dropped), in one pass over the pieces."""
    out: list[str] = [segments[0]] if segments[0] else []
    for seg in segments[1:]:
        while out and out[-1].endswith(" "):  # the left side loses its trailing spaces
            left = out.pop().rstrip(" ")
            if left:
                out.append(left)
                break
        right = seg.lstrip(" ")
        if not right:
            continue
        if out and not (_CJK.match(out[-1][-1]) and _CJK.match(right[0])):
            out.append(" ")
        out.append(right)
    return "".join(out)


def _place(placed: list[tuple[int, str]], line_no: int, text: str) -> None:
    last = placed[-1][0] if placed else 0
    placed.append((max(line_no, last + 1), text))


MAX_NESTING = 100
"""Deepest nesting of block quotes and lists read; deeper input is refused, not cut silently."""


class TooDeepError(Exception):
    """Markdown nested deeper than ``MAX_NESTING`` (``line``: about where)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


CHUNK_LINES = 4096
"""Source lines parsed at a time (the token list of a whole 8 MB table would take a gigabyte)."""
_REFERENCE = re.compile(r"^[ \t>*+\-\d.)]*\[[^\]\n]*\]:", re.M)
_TOP_OPEN = frozenset({0, 1})
# the characters CommonMark's inline rules (and strikethrough) start at: line break, escape,
# code, emphasis, strike, link, image, autolink/HTML, entity
_INLINE_MARKUP = re.compile(r"[\n\\`*_~\[\]!<&]")


def _chunks(md: MarkdownIt, lines: list[str], env: dict[str, Any], size: int) -> Iterator[tuple[list[Token], int]]:
    """(block tokens of the top-level blocks, line offset to add to their ``map``), chunk by chunk.

    A chunk is parsed alone, and only its blocks that end before its last top-level block
    begins are kept: their extent was decided inside the chunk, so they are exactly the
    blocks of a whole-document parse; the next chunk starts where that last block starts.
    A chunk of one block is doubled, except a table: its rows are kept and the next chunk
    starts with the table's header and delimiter lines again (each row is read alone, so
    the rows come out the same; the repeated header is not kept). Block rules only: the
    caller parses each inline token when it reads it. Link reference definitions found
    go into ``env``.
    """
    start, header = 0, list[str]()
    while True:
        end = min(len(lines), start + size)
        src = "\n".join(header + lines[start:end])
        tokens: list[Token] = []
        md.block.parse(src, md, env, tokens)
        skip, offset = len(header), start - len(header)
        deep = next((t for t in tokens if t.level >= MAX_NESTING - 1), None)
        if deep is not None:  # markdown-it stops reading a container this deep: its text would be lost
            raise TooDeepError((deep.map[0] if deep.map else 0) + offset + 1)
        if end == len(lines):
            yield [t for t in tokens if not (t.map and t.map[0] < skip)], offset
            return
        tops = [i for i, t in enumerate(tokens) if t.level == 0 and t.map and t.nesting in _TOP_OPEN]
        last = tokens[tops[-1]].map if tops else None
        if last is not None and tokens[tops[-1]].type == "table_open" and last[1] >= skip + end - start:
            yield [t for t in tokens if not (t.map and t.map[0] < skip)], offset
            if last[0] >= skip:  # the table began in this chunk: its header and delimiter lines
                header = lines[last[0] + offset : last[0] + offset + 2]
            start = end
        elif len(tops) >= 2 and last is not None:
            yield [t for t in tokens[: tops[-1]] if not (t.map and t.map[0] < skip)], offset
            start, header = last[0] + offset, []
        else:
            size *= 2


def markdown_lines(text: str, *, chunk_lines: int = CHUNK_LINES) -> list[str]:
    """Rendered text lines, each at the index of its source line (blank lines elsewhere).

    Parsed ``chunk_lines`` at a time (see :func:`_chunks`); the result is that of parsing
    the whole text at once, which is what ``chunk_lines=0`` does.
    """
    gc_was_on = gc.isenabled()
    gc.disable()  # a million acyclic tokens: collections would only rescan them (2x the time)
    try:
        return _markdown_lines(text, chunk_lines)
    finally:
        if gc_was_on:
            gc.enable()


def _markdown_lines(text: str, chunk_lines: int) -> list[str]:
    from markdown_it import MarkdownIt

    from doctools.readers.html import extract_lines

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").enable("strikethrough")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")  # as markdown-it does
    lines = text.split("\n")
    size = chunk_lines if chunk_lines > 0 else len(lines) + 1
    env: dict[str, Any] = {}
    if _REFERENCE.search(text):  # link reference definitions may come after their use: collect them first
        for _ in _chunks(md, lines, env, size):
            pass
    placed: list[tuple[int, str]] = []
    prefix = ""
    for tokens, offset in _chunks(md, lines, env, size):
        for tok in tokens:
            if tok.map:
                start = tok.map[0] + offset + 1
            else:
                start = placed[-1][0] + 1 if placed else 1
            if tok.type == "list_item_open":
                prefix = f"{tok.info}{tok.markup} " if tok.info else ""
            elif tok.type == "inline":
                if _INLINE_MARKUP.search(tok.content):
                    tok.children = []
                    md.inline.parse(tok.content, md, env, tok.children)
                    parts = _inline_parts(tok)
                else:  # nothing an inline rule acts on: the text is the content (most table cells)
                    parts = [tok.content.strip()]
                for k, part in enumerate(parts):
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
    size_out = placed[-1][0] if placed else 0
    out = [""] * size_out
    for no, line in placed:
        out[no - 1] = line
    return out


def read(data: bytes, *, source: str) -> Document:
    """Decode (as the text reader does), render to lines, one raw paragraph block per line."""
    decoded = decode(data, source)
    try:
        lines = markdown_lines(decoded.text)
    except TooDeepError as exc:
        raise InputError(
            f"{source}: Markdown nested more than {MAX_NESTING} levels deep (near line {exc.line}): not read"
        ) from exc
    except RecursionError as exc:  # pathologically nested lists/quotes
        raise InputError(f"{source}: Markdown nested too deeply to read") from exc
    return document_from_lines(
        lines,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        warning=decoded.warning,
    )
