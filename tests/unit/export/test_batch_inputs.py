"""One batch with good and bad documents: good ones succeed, bad ones get one clear line.

Issue 7's list: empty, whitespace only, binary (PNG renamed .txt), truncated UTF-8,
GB18030/Big5/UTF-16 (must succeed), a 50 MB file, one 2 MB line, an English document, an
HTML page with scripts and navigation, a DOCX, an unreadable file, a directory with no
inputs, an output folder that cannot be written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from export_support import EXAMPLE, ROOT, SHORT_TW, files_on_disk, make_bad_inputs, make_good_inputs, run_cli

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>海珠區2022年政府工作報告 - 百科</title>
<script>window.ads = [1,2,3]; document.write("廣告");</script><style>.nav{color:red}</style></head>
<body><nav class="nav"><a href="/">首頁</a> <a href="/hot">熱門詞條</a></nav>
<div id="content"><h1>海珠區2022年政府工作報告</h1>
{paras}
</div><footer><a href="/c">聯絡我們</a> © 百科</footer><script>track();</script></body></html>"""


def _html(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines()[1:] if ln.strip()]
    return HTML_PAGE.replace("{paras}", "\n".join(f"<p>{ln}</p>" for ln in lines))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    src = tmp_path_factory.mktemp("inputs")
    good = make_good_inputs(src / "good")
    make_bad_inputs(src / "bad")
    (src / "good" / "english.txt").write_text(
        "Annual Report 2022\n\nThe committee met four times and approved the budget.\n", encoding="utf-8")
    (src / "good" / "page.html").write_text(_html(SHORT_TW), encoding="utf-8")
    import docx

    d = docx.Document()
    for line in SHORT_TW.splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    d.save(str(src / "good" / "report.docx"))
    (src / "bad" / "oneline.txt").write_text(EXAMPLE.read_text(encoding="utf-8").replace("\n", "") * 40,
                                              encoding="utf-8")
    with open(src / "bad" / "huge.txt", "wb") as fh:  # 50 MB of real text
        chunk = EXAMPLE.read_bytes()
        while fh.tell() < 50 * 2**20:
            fh.write(chunk)
    (src / "empty-dir").mkdir()
    (src / "good" / "notes.xyz").write_text("not a document", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    proc = run_cli(["export", str(src / "good"), str(src / "bad"), str(src / "empty-dir"), str(EXAMPLE),
                    "-o", str(out), "--editions", "zh-Hans,brief", "--formats", "json,md", "--jobs", "2"])
    assert good
    return src, out, proc


def _docs(out: Path) -> dict[str, dict]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {d["name"]: d for d in data["documents"]}


def test_no_traceback_and_exit_code_says_some_failed(batch) -> None:
    _, _, proc = batch
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1, proc.stderr


@pytest.mark.parametrize("name", ["gb18030", "big5", "utf16", "utf8", "page", "report", "haizhu-2022"])
def test_good_documents_succeed(batch, name: str) -> None:
    _, out, _ = batch
    doc = _docs(out)[name]
    assert doc["status"] == "ok", doc
    assert (out / name / f"{name}.zh-Hans.json").is_file()


def test_english_document_is_reported_as_skipped_not_silently_ok(batch) -> None:
    doc = _docs(batch[1])["english"]
    assert doc["status"] == "skipped"
    assert {e["status"] for e in doc["editions"].values()} == {"n/a"}
    assert any("not a Chinese document" in w for w in doc["warnings"])
    assert (batch[1] / "english" / "english.model.json").is_file()  # the cleaned model is still there


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty", "empty file"),
        ("blank", "whitespace only"),
        ("image", "binary"),
        ("truncated", "truncated UTF-8"),
        ("huge", "MB limit"),
    ],
)
def test_bad_documents_fail_with_one_clear_line(batch, name: str, message: str) -> None:
    _, out, proc = batch
    doc = _docs(out)[name]
    assert doc["status"] == "failed"
    assert len(doc["errors"]) == 1 and message in doc["errors"][0], doc["errors"]
    assert "\n" not in doc["errors"][0]
    assert name in proc.stderr + proc.stdout
    assert not (out / name / f"{name}.zh-Hans.json").exists()


def test_one_long_line_is_handled(batch) -> None:
    doc = _docs(batch[1])["oneline"]
    assert doc["status"] in ("ok", "partial")
    assert doc["editions"]["zh-Hans"]["status"] == "ok"


def test_notes_for_unsupported_and_empty_directory(batch) -> None:
    data = json.loads((batch[1] / "manifest.json").read_text(encoding="utf-8"))
    notes = " ".join(data["notes"])
    assert "notes.xyz" in notes and "no input documents" in notes


def test_manifest_matches_disk(batch) -> None:
    _, out, _ = batch
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"] for d in data["documents"] for o in d["outputs"]}
    assert files_on_disk(out) - {"manifest.json"} == listed
    assert not [p for p in out.rglob("*.part")]
    for d in data["documents"]:
        assert d["status"] in ("ok", "partial", "failed", "skipped")
        assert set(d["timings"]) >= {"read"}


def _without_root_powers() -> list[str] | None:
    """A command prefix under which file permissions apply (root normally bypasses them)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_file_and_unwritable_output(tmp_path: Path) -> None:
    prefix = _without_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be denied")
    work = tmp_path / "w"
    work.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(work, 0o777)
    secret = work / "secret.txt"
    secret.write_text(SHORT_TW, encoding="utf-8")
    os.chmod(secret, 0o000)
    ok = work / "ok.txt"
    ok.write_text(SHORT_TW, encoding="utf-8")
    os.chmod(ok, 0o644)
    env = {**os.environ, "XDG_CACHE_HOME": str(work / ".cache")}
    cmd = [*prefix, sys.executable, "-m", "doctools", "export", str(secret), str(ok), "-o", str(work / "out"),
           "--editions", "zh-Hans", "--formats", "json", "--jobs", "1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1
    docs = _docs(work / "out")
    assert docs["ok"]["status"] == "ok"
    assert docs["secret"]["status"] == "failed" and "permission denied" in docs["secret"]["errors"][0]
    locked = work / "locked"
    locked.mkdir(mode=0o555)
    cmd = [*prefix, sys.executable, "-m", "doctools", "export", str(ok), "-o", str(locked / "out"),
           "--editions", "zh-Hans", "--formats", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot be written" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_output_path_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run_cli(["export", str(EXAMPLE), "-o", str(blocker / "out"), "--editions", "zh-Hans", "--formats", "json"])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot be written" in proc.stderr


def test_nothing_to_export_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli(["export", str(tmp_path), "-o", str(tmp_path / "out")])
    assert proc.returncode == 2 and "nothing to export" in proc.stderr and "Traceback" not in proc.stderr
