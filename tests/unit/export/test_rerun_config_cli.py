"""Reruns skip unchanged documents; config file defaults; CLI flags; a light --help."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from export_support import ROOT, SHORT_TW, run_cli


def _export(src: Path, out: Path, *extra: str, cwd: Path | None = None) -> dict:
    proc = run_cli(["export", str(src), "-o", str(out), "--json", "--jobs", "1", *extra], cwd=cwd)
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def test_rerun_reuses_then_force_and_changes_redo(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    (src / "b.txt").write_text(SHORT_TW.replace("9.3%", "9.4%"), encoding="utf-8")
    args = ("--editions", "zh-Hans", "--formats", "json")
    first = _export(src, tmp_path / "out", *args)
    assert [d["reused"] for d in first["documents"]] == [False, False]
    again = _export(src, tmp_path / "out", *args)
    ok = {d["name"] for d in first["documents"] if d["status"] == "ok"}
    assert {d["name"] for d in again["documents"] if d["reused"]} == ok
    (src / "b.txt").write_text(SHORT_TW.replace("9.3%", "9.5%"), encoding="utf-8")
    changed = _export(src, tmp_path / "out", *args)
    assert not next(d for d in changed["documents"] if d["name"] == "b")["reused"]
    forced = _export(src, tmp_path / "out", *args, "--force")
    assert not any(d["reused"] for d in forced["documents"])
    other = _export(src, tmp_path / "out", "--editions", "zh-Hans", "--formats", "md")
    assert not any(d["reused"] for d in other["documents"])
    assert not (tmp_path / "out" / "a" / "a.zh-Hans.json").exists()  # stale output of the old options removed


def test_config_file_sets_defaults_and_flags_override(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    (tmp_path / "doctools.toml").write_text('[export]\neditions = ["zh-Hans"]\nformats = ["md"]\n', encoding="utf-8")
    data = _export(tmp_path / "doc.txt", tmp_path / "out", cwd=tmp_path)
    fmts = {o["format"] for o in data["documents"][0]["outputs"]}
    assert "md" in fmts and "pdf" not in fmts
    data = _export(tmp_path / "doc.txt", tmp_path / "out2", "--formats", "txt", cwd=tmp_path)
    assert "txt" in {o["format"] for o in data["documents"][0]["outputs"]}


def test_bad_config_and_bad_option_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    (tmp_path / "doctools.toml").write_text("[export]\ncolour = 'red'\n", encoding="utf-8")
    proc = run_cli(["export", "doc.txt"], cwd=tmp_path)
    assert proc.returncode == 2 and "unknown config key" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli(["export", str(tmp_path / "doc.txt"), "--formats", "odt", "-o", str(tmp_path / "o")])
    assert proc.returncode == 2 and "unknown format(s): odt" in proc.stderr


def test_help_is_light_and_documents_exit_codes() -> None:
    code = (
        "import sys\nfrom doctools.cli import run\nrc = run(['--help'])\nrc2 = run(['export', '--help'])\n"
        "heavy = [m for m in ('reportlab', 'docx', 'argostranslate', 'torch', 'ctranslate2', 'opencc') "
        "if m in sys.modules]\nprint('HEAVY', heavy, rc, rc2)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "HEAVY [] 0 0" in proc.stdout, proc.stdout + proc.stderr
    assert "Exit codes" in proc.stdout and "partial" in proc.stdout


def test_config_accepts_comma_strings_and_convert_terms(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    (tmp_path / "mine.tsv").write_text("# Purpose: test\n创新核心\t创新中心\n", encoding="utf-8")
    (tmp_path / "doctools.toml").write_text(
        '[export]\neditions = "zh-Hans"\nformats = "json"\n[convert]\nterms = ["mine.tsv"]\n', encoding="utf-8")
    data = _export(tmp_path / "doc.txt", tmp_path / "out", cwd=tmp_path)
    assert data["documents"][0]["status"] == "ok"
    zh = json.loads((tmp_path / "out" / "doc" / "doc.zh-Hans.json").read_text(encoding="utf-8"))
    assert any("mine.tsv" in e["rule"] for e in zh["edits"])


def test_bad_options_fail_once_before_any_document(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    for extra, message in ((["--template", "nope"], "unknown template"), (["--terms", "missing.tsv"], "not found"),
                           (["--glossary", "missing.tsv"], "not found")):
        proc = run_cli(["export", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "o"), *extra], cwd=tmp_path)
        assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
        assert not (tmp_path / "o" / "doc").exists()


def test_same_folder_keeps_earlier_documents_and_unrequested_editions(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SHORT_TW.replace("9.3%", "9.1%"), encoding="utf-8")
    out = tmp_path / "out"
    _export(tmp_path / "a.txt", out, "--editions", "zh-Hans,brief", "--formats", "json")
    second = _export(tmp_path / "b.txt", out, "--editions", "zh-Hans", "--formats", "json")
    assert [d["name"] for d in second["documents"]] == ["b"]
    assert [d["name"] for d in second["earlier_documents"]] == ["a"]
    third = _export(tmp_path / "a.txt", out, "--editions", "brief", "--formats", "json")
    a = third["documents"][0]
    assert a["editions"]["zh-Hans"]["status"] == "ok"  # kept from the first run, still listed
    assert (out / "a" / "a.zh-Hans.json").is_file()
    listed = {o["path"] for d in third["documents"] + third["earlier_documents"] for o in d["outputs"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    assert on_disk == listed


def test_missing_glyph_is_a_warning_in_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW + "這裡有一個私用字\ue000。\n", encoding="utf-8")
    proc = run_cli(["export", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "out"), "--editions", "zh-Hans",
                    "--formats", "pdf", "--json"])
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["status"] == "ok"
    assert any("U+E000" in w for w in doc["warnings"])
    assert "U+E000" not in proc.stderr  # recorded once, in the manifest, not printed from inside the writer
