"""Legacy and office word-processor files (``.doc``, ``.wps``, ``.rtf``, ``.odt``) via LibreOffice.

Why LibreOffice: it is the one free reader of Word 97–2003 and Kingsoft WPS binaries, RTF
and ODF that keeps the text as the author laid it out; doctools' job starts at the text, so
the file is converted to DOCX (``soffice --headless --convert-to docx``, a throw-away
profile, a timeout that kills the whole process group: :mod:`doctools.office`) and read by
the DOCX reader. LibreOffice is optional: without it these files get one line naming the
Debian package.

The content decides, not the suffix, because mislabelled files are common on government
sites: a ``.doc`` that is really a DOCX goes to the DOCX reader, one that is a saved web
page (HTML or MHT, Word's "save as web page") to the HTML or MHT reader, and anything
else that is not an OLE compound file, RTF or ODF gets one line. An ODT is checked by its
unpacked size and part count (:mod:`doctools.readers._archive`) before LibreOffice sees it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from pathlib import Path

from doctools import office
from doctools.errors import InputError
from doctools.model import Document
from doctools.readers import docx as docx_reader
from doctools.readers import html as html_reader
from doctools.readers import mht as mht_reader
from doctools.readers._archive import check_zip

NAME = "office"
SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".dot", ".wpt")

CONVERT_TIMEOUT = 120.0  # seconds for one conversion; the whole soffice process group is killed after

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# directory entry names (UTF-16LE) of the main stream: Word 97–2003 and Kingsoft WPS; Microsoft Works
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_WORKS_STREAM = "CONTENTS".encode("utf-16-le")
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def _kind(data: bytes, source: str) -> str:
    """What the bytes are: ole | rtf | odt | docx | html | mht; InputError otherwise."""
    head = data.lstrip()[:1024]
    if data.startswith(_OLE):
        if _WORD_STREAM in data or (_WORKS_STREAM in data and source.lower().endswith((".wps", ".wpt"))):
            return "ole"
        raise InputError(f"{source}: an OLE file with no Word document in it (an Excel or PowerPoint file, "
                         "or damaged)")
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK"):
        archive = check_zip(data, source, "ODT" if source.lower().endswith(".odt") else "document")
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names and archive.read("mimetype").strip().startswith(_ODT_MIME):
            return "odt"
        raise InputError(f"{source}: a ZIP archive that is neither an ODF text document nor a DOCX")
    if mht_reader.looks_like_mime(data):
        return "mht"
    low = head.lower().lstrip(b"\xef\xbb\xbf")
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low:
        return "html"
    raise InputError(f"{source}: not a Word, WPS, RTF or ODF document (unknown content)")


def _convert(data: bytes, source: str, kind: str) -> bytes:
    if office.find() is None:
        raise InputError(f"{source}: reading {Path(source).suffix or kind} files needs LibreOffice; "
                         f"install the Debian package {office.PACKAGE}")
    suffix = Path(source).suffix.lower()
    if suffix not in SUFFIXES or (kind == "rtf") != (suffix == ".rtf") or (kind == "odt") != (suffix == ".odt"):
        suffix = {"ole": ".doc", "rtf": ".rtf", "odt": ".odt"}[kind]  # the content decides the filter
    with tempfile.TemporaryDirectory(prefix="doctools-read-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        try:
            out = office.convert(src, "docx", Path(tmp) / "out", timeout=CONVERT_TIMEOUT)
            return out.read_bytes()
        except office.OfficeError as exc:
            raise InputError(f"{source}: cannot convert with LibreOffice ({exc})") from exc


def read(data: bytes, *, source: str) -> Document:
    """Route by content; convert legacy/ODF files to DOCX and read that."""
    if not data.strip():
        raise InputError(f"{source}: empty file")
    kind = _kind(data, source)
    if kind == "html":
        return html_reader.read(data, source=source)
    if kind == "mht":
        return mht_reader.read(data, source=source)
    converted = data if kind == "docx" else _convert(data, source, kind)
    doc = docx_reader.read(converted, source=source)
    label = {"ole": "doc/wps", "rtf": "rtf", "odt": "odt", "docx": "docx"}[kind]
    meta = dataclasses.replace(
        doc.metadata, source_sha256=hashlib.sha256(data).hexdigest(),
        encoding=label if kind == "docx" else f"{label} (LibreOffice → docx)",
    )
    return dataclasses.replace(doc, metadata=meta)


__all__ = ["CONVERT_TIMEOUT", "NAME", "SUFFIXES", "read"]
