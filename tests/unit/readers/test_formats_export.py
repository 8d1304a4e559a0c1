"""The new formats through the real CLI (``python -m doctools export DIR -o OUT``).

1. Bad input of every new kind in one batch beside good documents: each bad one fails with one
   line in the manifest, the batch goes on, the good ones succeed, nothing half-written.
2. Issue 12's "done when": the example as PDF (made by doctools, and by LibreOffice from
   doctools' DOCX), DOC (LibreOffice from the DOCX), MHT (built here from the HTML of the
   example) and TXT gives Simplified editions that agree with the TXT route at CER ≤ 0.1%.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from archive_support import docx_bomb, odt_bomb
from formats_support import (
    EXAMPLE,
    ROOT,
    doctools_pdf,
    libreoffice,
    mht_bytes,
    render_html,
    source_model,
    squeeze,
)
from pdf_support import BODY, image_page, paragraph, pdf

from doctools.convert.quality import edit_distance
from doctools.serialize import from_json

pytestmark = pytest.mark.slow


def _export(inputs: list[Path], out: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DOCTOOLS_DEBUG"}
    cmd = [sys.executable, "-m", "doctools", "export", *map(str, inputs), "-o", str(out),
           "--editions", "zh-Hans", "--formats", "json", "--jobs", "2"]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, env=env)


def _documents(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {d["name"]: d for d in data["documents"]}


def _bad_inputs(folder: Path) -> dict[str, str]:
    """name → the words its one-line error must contain."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    folder.mkdir(parents=True, exist_ok=True)

    def body(c: Any, n: int) -> None:
        paragraph(c, BODY, 72, 700, 432)

    good = pdf(body)
    files: dict[str, tuple[bytes, str]] = {
        "truncated.pdf": (good[: len(good) // 2], "truncated"),
        "locked.pdf": (pdf(body, encrypt=StandardEncryption("secret", ownerPassword="o")), "encrypted PDF"),
        "scan.pdf": (pdf(image_page, pages=2), "no text layer (scanned?); OCR is not supported"),
        "empty.pdf": (b"", "empty file"),
        "letter.pdf": ("各位代表：这其实是一个文本文件。\n".encode() * 5, "not a PDF file"),
        "bomb.docx": (docx_bomb(), "MAX_PART_BYTES"),
        "bomb2.odt": (odt_bomb(), "MAX_PART_BYTES"),
        "sheet.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(600),
                      "no Word document"),
        "cut.odt": (b"PK\x03\x04" + bytes(100), "damaged ODT"),
        "blank.mht": (b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello\n", "no HTML page"),
        "empty.rtf": (b"", "empty file"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {Path(name).stem: words for name, (_, words) in files.items()}


@pytest.fixture(scope="module")
def bad_batch(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, str], subprocess.CompletedProcess[str]]:
    src = tmp_path_factory.mktemp("formats-in")
    expected = _bad_inputs(src / "bad")
    good = src / "good"
    good.mkdir()
    shutil.copy(doctools_pdf("cn-gov-report-2009", "report"), good / "report2009.pdf")
    (good / "page.mht").write_bytes(mht_bytes(render_html(source_model("cn-gov-report-2013")), charset="gb18030"))
    out = tmp_path_factory.mktemp("formats-out")
    proc = _export([src / "bad", good], out)
    return out, expected, proc


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(bad_batch: Any) -> None:
    out, expected, proc = bad_batch
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    docs = _documents(out)
    for name, words in expected.items():
        d = docs[name]
        assert d["status"] == "failed", (name, d)
        assert len(d["errors"]) == 1 and words in d["errors"][0] and "\n" not in d["errors"][0], (name, d["errors"])
        assert d["outputs"] == [] and not (out / name / f"{name}.zh-Hans.json").exists()
    for name in ("report2009", "page"):
        assert docs[name]["status"] == "ok", docs[name]
        assert (out / name / f"{name}.zh-Hans.json").is_file()


def test_nothing_half_written(bad_batch: Any) -> None:
    out, _, _ = bad_batch
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"] for d in data["documents"] for o in d["outputs"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    assert on_disk == listed
    assert not list(out.rglob("*.part")) and not list(out.rglob("*.tmp"))


# --- done when -------------------------------------------------------------------------------

ROUTES = ("haizhu-doctools.pdf", "haizhu-libreoffice.pdf", "haizhu.doc", "haizhu.mht")


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    src = tmp_path_factory.mktemp("routes-in")
    name = "haizhu-2022"
    shutil.copy(EXAMPLE, src / "haizhu.txt")
    shutil.copy(doctools_pdf(name, "official"), src / "haizhu-doctools.pdf")
    shutil.copy(libreoffice(name, "pdf"), src / "haizhu-libreoffice.pdf")
    shutil.copy(libreoffice(name, "doc:MS Word 97"), src / "haizhu.doc")
    (src / "haizhu.mht").write_bytes(mht_bytes(render_html(source_model(name)), charset="gb18030"))
    out = tmp_path_factory.mktemp("routes-out")
    return out, _export([src], out)


def _edition_text(out: Path, stem: str) -> str:
    doc = from_json((out / stem / f"{stem}.zh-Hans.json").read_text(encoding="utf-8"))
    return squeeze("".join(b.full_text for b in doc.blocks))


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_gives_the_simplified_edition_of_the_txt_route(routes: Any, route: str) -> None:
    out, proc = routes
    assert proc.returncode == 0, proc.stderr
    stem = Path(route).stem
    assert _documents(out)[stem]["status"] == "ok"
    want, got = _edition_text(out, "haizhu"), _edition_text(out, stem)
    cer = edit_distance(got, want) / len(want)
    print(f"{route}: CER {cer:.4%} against the TXT route ({len(want)} characters)")
    assert cer <= 0.001
