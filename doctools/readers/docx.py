"""DOCX reader: body paragraphs and table cells, in document order → raw lines.

Why python-docx's ``iter_inner_content`` rather than ``document.paragraphs``: reports put
figures in tables between paragraphs, and the brief needs them in their place. Each
paragraph is one line (a manual line break inside it starts a new line, as in a text
file); a table contributes its cells row by row, each cell's paragraphs as lines, a merged
cell once. Headers, footers, footnotes and text boxes are page furniture and are skipped.
Word's automatic list numbering is not part of the paragraph text and is not rendered —
reports number their headings in the text (``一、``, ``（一）``), which is kept.

A file that is not a DOCX (a renamed .doc, a truncated download, a zip without a Word
document) raises InputError with one line naming the file; so does one that would unpack
past the limits of :mod:`doctools.readers._archive` (a zip bomb), before it is parsed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from typing import TYPE_CHECKING

from doctools.errors import InputError
from doctools.model import Document
from doctools.readers._archive import check_zip
from doctools.readers.txt import document_from_lines

if TYPE_CHECKING:  # python-docx is imported lazily at run time
    from docx.document import Document as DocxDocument
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

NAME = "docx"
SUFFIXES = (".docx", ".docm")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _open(data: bytes, source: str) -> DocxDocument:
    """The python-docx Document, or InputError with the reason in one line."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(f"{source}: an old binary Word file (.doc), not a DOCX; save it as .docx first")
    if not data.startswith(b"PK"):
        raise InputError(f"{source}: not a DOCX file (no ZIP container)")
    check_zip(data, source, "DOCX")  # unpacked size and part count, before any parsing
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise InputError(f"{source}: damaged DOCX (broken ZIP container: {exc})") from exc
    except PackageNotFoundError as exc:
        raise InputError(f"{source}: not a DOCX file ({exc})") from exc
    except KeyError as exc:
        raise InputError(f"{source}: damaged DOCX (missing part {exc})") from exc
    except XMLSyntaxError as exc:
        raise InputError(f"{source}: damaged DOCX (invalid XML: {exc.msg})") from exc
    except (ValueError, TypeError, AttributeError, OSError) as exc:
        raise InputError(f"{source}: not a readable DOCX ({type(exc).__name__}: {exc})") from exc


def _paragraph_lines(paragraph: Paragraph) -> list[str]:
    return paragraph.text.split("\n")


def _container_lines(container: DocxDocument | _Cell) -> list[str]:
    """Lines of a document body or a table cell: paragraphs and tables in order."""
    from docx.table import Table

    lines: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            lines.extend(_table_lines(item))
        else:
            lines.extend(_paragraph_lines(item))
    return lines


def _table_lines(table: Table) -> list[str]:
    lines: list[str] = []
    # A merged cell is returned once per grid column it spans. The set holds the lxml
    # elements themselves (not id()s, which lxml proxies may reuse once collected).
    seen: set[object] = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            lines.extend(_container_lines(cell))
    return lines


def read(data: bytes, *, source: str) -> Document:
    """Open, flatten to lines in reading order, one raw paragraph block per line."""
    if not data:
        raise InputError(f"{source}: empty file")
    document = _open(data, source)
    try:
        lines = _container_lines(document)
        title = (document.core_properties.title or "").strip()
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"{source}: damaged DOCX ({type(exc).__name__} while reading the body)") from exc
    doc = document_from_lines(lines, source=source, sha256=hashlib.sha256(data).hexdigest(), encoding="docx")
    if not title:
        return doc
    meta = dataclasses.replace(doc.metadata, extra={**doc.metadata.extra, "docx_title": title})
    return dataclasses.replace(doc, metadata=meta)
