"""MHT/MHTML reader: saved pages built with the standard library's email package, in the encodings
and charsets browsers and Word write, read like the same page saved as .html."""

from __future__ import annotations

import base64
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from formats_support import mht_bytes, render_html, source_model

from doctools.errors import InputError
from doctools.pipeline import load_clean
from doctools.readers import html as html_reader
from doctools.readers import mht, read_path


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(source_model("cn-gov-report-2013"))


def _lines_of_html(page: str) -> list[str]:
    return html_reader.extract_lines(page)[0]


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("utf-8", "quoted-printable"), ("gb2312", "quoted-printable"), ("gbk", "base64"), ("utf-8", "base64")],
)
def test_mht_reads_like_the_html_page(tmp_path: Path, page: str, charset: str, encoding: str) -> None:
    p = tmp_path / "report.mht"
    p.write_bytes(mht_bytes(page, charset=charset, encoding=encoding))
    doc = read_path(p)
    assert [b.text for b in doc.blocks] == _lines_of_html(page)
    assert doc.metadata.encoding == f"{charset} (mht)" and doc.metadata.extra["html_title"]


def test_big5_page_of_traditional_text(tmp_path: Path) -> None:
    text = "海珠區2022年政府工作報告\n各位代表：\n現在，我代表區人民政府，向大會報告政府工作，請予審議。"
    body = "".join(f"<p>{ln}</p>" for ln in text.splitlines())
    page = f'<html><head><meta charset="utf-8"><title>報告</title></head><body>{body}</body></html>'
    p = tmp_path / "tw.mhtml"
    p.write_bytes(mht_bytes(page, charset="big5", encoding="base64"))
    doc = read_path(p)
    assert [b.text for b in doc.blocks] == text.splitlines()
    assert load_clean(p).blocks[0].kind == "title"


def test_the_main_page_is_found_by_start_and_by_location(tmp_path: Path) -> None:
    def html_part(text: str, cid: str, location: str) -> Message:
        part = MIMEText(f"<html><body><p>{text}</p></body></html>", "html", "utf-8")
        part["Content-ID"] = f"<{cid}>"
        part["Content-Location"] = location
        return part

    msg = MIMEMultipart("related", start="<main@x>")
    msg.attach(html_part("框架里的导航页", "nav@x", "http://x/nav.html"))
    msg.attach(html_part("这是正文页的内容。", "main@x", "http://x/main.html"))
    p = tmp_path / "start.mht"
    p.write_bytes(msg.as_bytes())
    assert [b.text for b in read_path(p).blocks] == ["这是正文页的内容。"]
    del msg["Content-Type"]
    msg["Content-Type"] = 'multipart/related; boundary="' + str(msg.get_boundary()) + '"'
    msg["Snapshot-Content-Location"] = "http://x/main.html"
    p.write_bytes(msg.as_bytes())
    assert [b.text for b in read_path(p).blocks] == ["这是正文页的内容。"]


def test_a_wrong_charset_declaration_falls_back_to_detection(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="gb2312"></head>'
            "<body><p>各位代表：现在，我代表区人民政府向大会报告工作。</p></body></html>")
    part = Message()
    part["Content-Type"] = 'text/html; charset="us-ascii"'  # declared ASCII, really GB18030
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(page.encode("gb18030")).decode("ascii"))
    msg = MIMEMultipart("related")
    msg.attach(part)
    p = tmp_path / "wrong.mht"
    p.write_bytes(msg.as_bytes())
    assert [b.text for b in read_path(p).blocks] == ["各位代表：现在，我代表区人民政府向大会报告工作。"]


def _mime_without_html() -> bytes:
    msg = MIMEMultipart("related")
    msg.attach(MIMEText("只有纯文本", "plain", "utf-8"))
    return msg.as_bytes()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        ("<html><body><p>正文</p></body></html>".encode(), "not an MHT file"),
        (_mime_without_html(), "no HTML page in the MHT file"),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n--b\nContent-Type: text/html\n\n"
         b"<html><nav><a href='/'>a</a><a href='/b'>b</a></nav></html>\n--b--\n", "no text in the MHT page"),
    ],
    ids=["empty", "wrong-suffix", "no-html", "only-navigation"],
)
def test_bad_mht_gets_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    p = tmp_path / "bad.mht"
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(p)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_module_declares_its_suffixes() -> None:
    assert mht.NAME == "mht" and {".mht", ".mhtml"} <= set(mht.SUFFIXES)
