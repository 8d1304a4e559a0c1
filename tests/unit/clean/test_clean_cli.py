"""``doctools clean`` / ``doctools inspect`` end to end, through cli.run and a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from doctools.cli import run
from doctools.serialize import from_json

ROOT = Path(__file__).resolve().parents[3]


def test_clean_writes_each_format(example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in (".json", ".txt", ".md"):
        out = tmp_path / f"haizhu{suffix}"
        assert run(["clean", str(example_path), "-o", str(out)]) == 0
        assert out.exists()
    doc = from_json((tmp_path / "haizhu.json").read_text(encoding="utf-8"))
    assert doc.metadata.title == "海珠區2022年政府工作報告"
    assert len(doc.headings(2)) == 9
    txt = (tmp_path / "haizhu.txt").read_text(encoding="utf-8").splitlines()
    assert txt[0] == "海珠區2022年政府工作報告" and "各位代表：" in txt
    md = (tmp_path / "haizhu.md").read_text(encoding="utf-8")
    assert md.startswith("# 海珠區2022年政府工作報告") and "### （一）聚焦創新核心地位" in md
    assert "wrote" in capsys.readouterr().err


def test_clean_to_stdout(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clean", str(example_path)]) == 0
    tree = capsys.readouterr().out
    assert tree.startswith("document '海珠區2022年政府工作報告'") and "h2 b27 [（一）]" in tree
    assert run(["clean", str(example_path), "--to", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["title"] == "海珠區2022年政府工作報告"


def test_clean_disable_step(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clean", str(example_path), "--to", "txt", "--disable", "clean.duplicates"]) == 0
    out = capsys.readouterr().out
    assert out.count("一年來，我們堅持真抓實幹、擔當作為") == 2


def test_inspect_one_screen(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["inspect", str(example_path), "--width", "100"]) == 0
    out = capsys.readouterr().out
    for want in (
        "encoding utf-8",
        "script Hant",
        "title 海珠區2022年政府工作報告",
        "salutation 各位代表：",
        "heading 11",
        "一、2021年工作回顧",
        "（九）聚焦人民根本利益",
        "基本介紹",
        "聯絡我們",
        "29–43",
        "copy of line 14–28",
        "duplicate lines removed 15",
        "punctuation fixes 559",
        "lossless: ok",
    ):
        assert want in out, want
    assert len(out.splitlines()) <= 50  # one screen


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n\xe3\x80\x80\n", "whitespace only"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("truncated.txt", "各位代表".encode()[:-1], "truncated UTF-8"),
        ("chrome.txt", "相關詞條\n熱門詞條\n".encode(), "no body text left"),
    ],
)
def test_bad_input_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    for cmd in ("clean", "inspect"):
        assert run([cmd, str(path)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err and str(path) in err
        assert "Traceback" not in err


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert run(["clean", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"doctools: error: {missing}: no such file"


def test_bad_output_suffix(example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["clean", str(example_path), "-o", str(tmp_path / "x.xyz")]) == 2
    assert "unknown output format" in capsys.readouterr().err


def test_subprocess_bad_inputs(tmp_path: Path) -> None:
    """The installed entry point: one line on stderr, exit 1, no traceback."""
    trunc = tmp_path / "t.txt"
    trunc.write_bytes("海珠".encode()[:-2])
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["inspect", str(trunc)], ["clean", str(binary)], ["clean", str(tmp_path / "missing.txt")]):
        proc = subprocess.run(
            [sys.executable, "-m", "doctools", *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert proc.returncode == 1, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
        assert proc.stdout == ""


def test_disable_choices_are_the_chain_steps() -> None:
    from doctools.clean import CLEAN_CHAIN
    from doctools.commands.clean import _step_names

    assert tuple(_step_names()) == CLEAN_CHAIN.names


def test_inspect_saved_model_checks_against_its_source(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "report.txt"
    src.write_bytes(example_path.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert run(["clean", "report.txt", "-o", "m.json"]) == 0
    capsys.readouterr()
    assert run(["inspect", "m.json", "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert "lossless: ok" in out and "FAILED" not in out
    assert "title 海珠區2022年政府工作報告" in out and "（九）聚焦人民根本利益" in out


def test_inspect_saved_model_without_its_source_says_not_checked(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "report.txt"
    src.write_bytes(example_path.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert run(["clean", "report.txt", "-o", "m.json"]) == 0
    src.write_bytes(example_path.read_bytes() + "\n新增一行。\n".encode())
    capsys.readouterr()
    assert run(["inspect", "m.json", "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert "FAILED" not in out and "input is a model" in out and "changed since: not checked" in out
    src.unlink()
    assert run(["inspect", "m.json", "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert "FAILED" not in out and "is not here: not checked" in out
