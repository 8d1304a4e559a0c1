"""MHT/MHTML reader: a saved web page (MIME ``multipart/related``) → the HTML reader.

Why the standard library's ``email`` parser: an MHT file *is* a MIME message (RFC 2557);
``email`` decodes quoted-printable and base64 bodies and reads the declared charsets, so
no third-party code is needed. The main page is chosen as a browser would open it: the
part named by the ``start`` parameter (a Content-ID), else the part whose
Content-Location is the message's ``Snapshot-Content-Location``, else the first
``text/html`` part (the root by RFC 2557), else the largest one. Frames and attached
pages are not followed: only the main page's text is read, as the HTML reader reads a
saved ``.html``.

Charsets: the part's declared charset (GB2312/GBK are read as GB18030, its superset, and
Big5 as Big5-HKSCS) when the bytes decode with it; otherwise the HTML reader's own
detection (a ``<meta charset>`` inside, then statistics), so a wrong declaration does not
make mojibake.
"""

from __future__ import annotations

import codecs
import dataclasses
import email
import email.policy
import email.utils
import hashlib
from email.message import Message

from doctools.errors import InputError
from doctools.model import Document
from doctools.readers import html as html_reader
from doctools.readers.txt import document_from_lines

NAME = "mht"
SUFFIXES = (".mht", ".mhtml")

_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030",
            "big5": "big5hkscs", "x-big5": "big5hkscs", "cp950": "big5hkscs"}


def looks_like_mime(data: bytes) -> bool:
    """A MIME message at the start (how Word and browsers write ``.mht``)."""
    head = data.lstrip()[:2048].lower()
    return head.startswith((b"mime-version:", b"from:", b"subject:", b"date:", b"content-type:", b"x-")) and (
        b"multipart/related" in head or b"content-type: text/html" in head or b"mime-version:" in head)


def _cid(value: str | None) -> str:
    return (value or "").strip().strip("<>").strip()


def _main_part(msg: Message) -> Message | None:
    parts = [p for p in msg.walk() if p.get_content_type() == "text/html"]
    if not parts:
        return None
    param = msg.get_param("start") if msg.is_multipart() else None
    start = _cid(email.utils.collapse_rfc2231_value(param) if isinstance(param, tuple) else param)
    if start:
        for p in parts:
            if _cid(p.get("Content-ID")) == start:
                return p
    location = (msg.get("Snapshot-Content-Location") or "").strip()
    if location:
        for p in parts:
            if (p.get("Content-Location") or "").strip() == location:
                return p
    return parts[0]


def _decode(part: Message, source: str) -> tuple[str, str]:
    payload = part.get_payload(decode=True)
    body = payload if isinstance(payload, bytes) else b""
    if not body.strip():
        raise InputError(f"{source}: the MHT page is empty")
    declared = (part.get_content_charset() or "").lower()
    name = _ALIASES.get(declared, declared)
    if name and name not in ("utf-16", "utf-32"):
        try:
            codecs.lookup(name)
            return body.decode(name), f"{declared} (mht)"
        except (LookupError, UnicodeDecodeError):
            pass  # unknown or wrong declaration: the HTML reader detects
    return html_reader.decode_html(body, source)


def read(data: bytes, *, source: str) -> Document:
    """Parse the MIME message, decode the main HTML part, read it as the HTML reader does."""
    if not data.strip():
        raise InputError(f"{source}: empty file")
    if not looks_like_mime(data):
        raise InputError(f"{source}: not an MHT file (no MIME header)")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        part = _main_part(msg)
    except (ValueError, TypeError, LookupError, IndexError) as exc:
        raise InputError(f"{source}: damaged MHT ({type(exc).__name__}: {exc})") from exc
    if part is None:
        raise InputError(f"{source}: no HTML page in the MHT file")
    text, encoding = _decode(part, source)
    try:
        lines, title = html_reader.extract_lines(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise InputError(f"{source}: cannot parse the MHT page ({type(exc).__name__})") from exc
    if not lines:
        raise InputError(f"{source}: no text in the MHT page (only markup, scripts or navigation)")
    doc = document_from_lines(lines, source=source, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
    if not title:
        return doc
    meta = dataclasses.replace(doc.metadata, extra={**doc.metadata.extra, "html_title": title})
    return dataclasses.replace(doc, metadata=meta)


__all__ = ["NAME", "SUFFIXES", "looks_like_mime", "read"]
