"""Plain-text reader: one raw paragraph block per non-blank line, nothing cleaned yet.

Cleaning is the first part of the transform chain, so this reader only decodes, splits
lines (LF, CRLF, CR, and the Unicode line/paragraph separators) and keeps each line's
number; every block starts with ``text == orig``.
"""

from __future__ import annotations

import hashlib
import re

from doctools.model import Block, Document, Metadata, Notice
from doctools.readers._decode import decode

NAME = "txt"
SUFFIXES = (".txt", ".text", "")

ENCODING_STEP = "read.encoding"  # the step named by a reader's Notice about the encoding
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85")


def document_from_lines(
    lines: list[str], *, source: str, sha256: str, encoding: str, warning: str | None = None
) -> Document:
    """The raw Document of a list of text lines (shared by the text-like readers);
    ``warning`` (from :class:`~doctools.readers._decode.Decoded`) becomes a Notice."""
    blocks = tuple(
        Block(id=f"b{no}", kind="paragraph", text=line, orig=line, lines=(no,))
        for no, line in enumerate(lines, start=1)
        if line.strip()
    )
    meta = Metadata(source_path=source, source_sha256=sha256, encoding=encoding)
    notices = (Notice(ENCODING_STEP, "warning", warning),) if warning else ()
    return Document(metadata=meta, blocks=blocks, notices=notices)


def read(data: bytes, *, source: str) -> Document:
    """Decode and split; InputError (from decode) on binary or undecodable input."""
    decoded = decode(data, source)
    lines = _LINE_BREAK.split(decoded.text)
    return document_from_lines(
        lines,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        warning=decoded.warning,
    )
