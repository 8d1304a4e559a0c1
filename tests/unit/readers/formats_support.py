"""Builders for the format tests: documents as PDF (doctools, LibreOffice, Chromium), DOC/ODT/RTF,
MHT — all made at test time from the example and the corpus (public texts, see
tests/data/corpus/SOURCES.md), never fetched. Expensive files are built once per session and
cached here (LibreOffice costs seconds per conversion).
"""

from __future__ import annotations

import atexit
import base64
import email.policy
import functools
import html
import os
import quopri
import re
import shutil
import subprocess
import tempfile
from email.message import Message
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from doctools.model import Document

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"
CORPUS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))
SOURCES = {"haizhu-2022": EXAMPLE, **{p.name.removesuffix(".raw.txt"): p for p in CORPUS}}

# the visible end note another part of doctools adds to editions of truncated sources
END_NOTES = ("原文至此中断", "Thesourcetextendshere")

_WORK = Path(tempfile.mkdtemp(prefix="doctools-formats-"))
atexit.register(shutil.rmtree, _WORK, True)

_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WS.sub("", text)


def _strip_end_note(blocks: list[str]) -> list[str]:
    """Drop a final block that is exactly the truncation end note (decoration aside)."""
    if blocks:
        core = re.sub(r"[\W_]+", "", blocks[-1])
        if core in END_NOTES:
            return blocks[:-1]
    return blocks


def body_text(doc: Document) -> str:
    """All block text, whitespace removed, the truncation end note left out."""
    return squeeze("".join(_strip_end_note([b.full_text for b in doc.blocks])))


def block_list(doc: Document) -> list[tuple[str, str]]:
    """(kind, text) of every block, the truncation end note left out."""
    blocks = [(b.kind, squeeze(b.full_text)) for b in doc.blocks]
    return blocks[:-1] if blocks and _strip_end_note([blocks[-1][1]]) == [] else blocks


def headings(doc: Document) -> list[tuple[int | None, str]]:
    return [(b.level, squeeze(b.full_text)) for b in doc.blocks if b.kind == "heading"]


@functools.cache
def text_route(name: str) -> Document:
    """The printed edition's text read and cleaned as a plain-text file: what the reader
    must give back. (Structure is decided on the text read: where a length limit sits between
    the scraped source and its Simplified edition — 41 characters with 最佳化, 40 with 优化 —
    cleaning the printed text decides as cleaning it from a .txt file does.)"""
    from doctools.clean import clean
    from doctools.model import plain_text
    from doctools.readers import read_data

    return clean(read_data(plain_text(source_model(name)).encode("utf-8"), f"{name}.txt"))


@functools.cache
def source_model(name: str) -> Document:
    """The Simplified edition model of a source text (what doctools prints)."""
    import doctools
    from doctools.convert import to_simplified

    return to_simplified(doctools.clean(doctools.load(SOURCES[name])))


@functools.cache
def doctools_pdf(name: str, template: str) -> Path:
    from doctools.writers import pdf

    out = _WORK / "doctools" / f"{name}.{template}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.write(source_model(name), out, template=template)
    return out


@functools.cache
def doctools_docx(name: str) -> Path:
    from doctools.writers import docx

    out = _WORK / "docx" / f"{name}.docx"
    out.parent.mkdir(parents=True, exist_ok=True)
    docx.write(source_model(name), out)
    return out


def _fontconfig() -> Path:
    from doctools.writers._soffice import fontconfig_xml

    fc = _WORK / "fonts.conf"
    if not fc.exists():
        fc.write_text(fontconfig_xml(), encoding="utf-8")
    return fc


@functools.cache
def libreoffice(name: str, to: str) -> Path:
    """doctools' DOCX of ``name`` converted by LibreOffice (``pdf``, ``doc``, ``odt``, ``rtf``)."""
    from doctools import office

    outdir = _WORK / f"lo-{to.split(':')[0]}"
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig()), HOME=str(_WORK))
    return office.convert(doctools_docx(name), to, outdir, timeout=240, env=env)


def render_html(doc: Document, css: str = "", charset: str = "utf-8") -> str:
    """A plain web page of the model: h1 title, h2–h5 headings, p paragraphs."""
    parts = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}">',
             f"<title>{html.escape(doc.metadata.title)}</title><style>{css}</style></head><body>"]
    for b in doc.blocks:
        tag = {"title": "h1", "heading": f"h{min((b.level or 1) + 1, 6)}"}.get(b.kind, "p")
        parts.append(f"<{tag}>{html.escape(b.full_text)}</{tag}>")
    parts.append("</body></html>")
    return "\n".join(parts)


BASE_CSS = "body{font-family:'Noto Serif SC',serif;margin:2cm;font-size:12pt} p{margin:0;text-indent:2em}"
CHROMIUM_CSS = {
    "plain": BASE_CSS,
    "justified": BASE_CSS + " body{text-align:justify}",
    "spaced": "body{font-family:'Noto Serif SC',serif;margin:2cm;font-size:12pt} p{margin:0 0 .8em 0}",
    "two-column": "body{font-family:'Noto Serif SC',serif;margin:1.5cm;font-size:11pt;columns:2;column-gap:2em;"
                  "text-align:justify} p{margin:0;text-indent:2em} h1{column-span:all}",
}


@functools.cache
def chromium_pdf(name: str, style: str) -> Path:
    """Chromium's print (``--print-to-pdf``) of the model's web page in one of CHROMIUM_CSS."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "chromium is installed by .ci/setup.sh"
    folder = _WORK / "chromium"
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{name}.{style}.html"
    page.write_text(render_html(source_model(name), CHROMIUM_CSS[style]), encoding="utf-8")
    out = folder / f"{name}.{style}.pdf"
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig()), HOME=str(folder))
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", page.as_uri()], env=env, capture_output=True, timeout=180, check=True)
    assert out.is_file()
    return out


def mht_bytes(page: str, *, charset: str = "utf-8", encoding: str = "quoted-printable",
              with_parts: bool = True, location: str = "http://www.example.gov.cn/art/report.html") -> bytes:
    """A saved web page as Word and browsers write it: multipart/related, the page first."""
    msg = MIMEMultipart("related", type="text/html")
    msg["Subject"] = "saved page"
    msg["Snapshot-Content-Location"] = location
    raw = page.replace('charset="utf-8"', f'charset="{charset}"').encode(charset, "xmlcharrefreplace")
    part = Message()
    part["Content-Type"] = f'text/html; charset="{charset}"'
    part["Content-Transfer-Encoding"] = encoding
    if encoding == "quoted-printable":
        part.set_payload(quopri.encodestring(raw).decode("ascii"))
    else:
        part.set_payload(base64.encodebytes(raw).decode("ascii"))
    part["Content-Location"] = location
    if with_parts:
        css = MIMEText("body{color:#000}", "css", "utf-8")
        css["Content-Location"] = "http://www.example.gov.cn/style.css"
        msg.attach(css)  # a stylesheet before the page: the page is still found by location
        msg.attach(part)
        img = MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(64), "png")
        img["Content-Location"] = "http://www.example.gov.cn/logo.png"
        msg.attach(img)
    else:
        msg.attach(part)
    return msg.as_bytes(policy=email.policy.compat32)


__all__ = [
    "CHROMIUM_CSS", "CORPUS", "END_NOTES", "EXAMPLE", "ROOT", "SOURCES", "body_text", "chromium_pdf",
    "doctools_docx", "doctools_pdf", "headings", "libreoffice", "mht_bytes", "render_html", "source_model",
    "squeeze",
]
