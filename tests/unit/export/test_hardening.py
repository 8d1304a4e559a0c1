"""Hostile and careless batches (issue 10): nothing touched outside the output folder, no
hang on special files, one export per folder, Ctrl-C at once, a full disk, bad config values,
the output folder inside (or equal to) the input folder. Every hostile file is built here."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from export_support import DOCTOOLS, EXAMPLE, ROOT, SHORT_TW, files_on_disk, run_cli

ARGS = ("--editions", "zh-Hans", "--formats", "json", "--jobs", "1")


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _docs(out: Path) -> dict[str, dict]:
    return {d["name"]: d for d in _manifest(out)["documents"]}


def test_a_manifest_pointing_outside_never_deletes_anything(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["export", str(src), "-o", str(out), *ARGS]).returncode == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    absolute = tmp_path / "absolute.txt"
    absolute.write_text("keep me too", encoding="utf-8")
    data = _manifest(out)
    import hashlib

    for p in (victim, absolute):
        data["documents"][0]["outputs"].append({
            "path": "../victim.txt" if p == victim else str(absolute), "edition": "zh-Hans", "format": "txt",
            "sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "bytes": p.stat().st_size})
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    proc = run_cli(["export", str(src), "-o", str(out), "--editions", "zh-Hans", "--formats", "md", "--jobs", "1"])
    assert "Traceback" not in proc.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert absolute.read_text(encoding="utf-8") == "keep me too"
    final = _manifest(out)
    assert any("outside its document folder" in n for n in final["notes"])
    paths = [o["path"] for d in final["documents"] for o in d["outputs"]]
    assert paths and all(not p.startswith(("/", "..")) for p in paths)


@pytest.mark.parametrize("filename", ["...txt", "..txt", ".hidden-but-named.txt", "a\x1bb.txt", "名 字?.txt"])
def test_document_names_never_escape(tmp_path: Path, filename: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    path = src / filename
    path.write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "work" / "out"
    proc = run_cli(["export", str(path), "-o", str(out), *ARGS])
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["out"]  # nothing beside the output folder
    (doc,) = _manifest(out)["documents"]
    assert doc["name"] and "/" not in doc["name"] and not doc["name"].startswith(".")
    for o in doc["outputs"]:
        assert (out / o["path"]).resolve().is_relative_to(out.resolve())
        assert not o["path"].startswith("..")


def test_fifo_and_device_fail_at_once_and_the_batch_goes_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    t0 = time.monotonic()
    proc = run_cli(["export", str(fifo), "/dev/zero", str(good), "-o", str(out), *ARGS], timeout=120)
    assert time.monotonic() - t0 < 60
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    docs = _docs(out)
    assert docs["good"]["status"] == "ok"
    assert docs["f"]["status"] == "failed" and "not a regular file (a FIFO)" in docs["f"]["errors"][0]
    assert docs["zero"]["status"] == "failed" and "not a regular file (a device)" in docs["zero"]["errors"][0]


def test_special_files_met_while_walking_are_noted(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "sub" / "loop").symlink_to(src)
    out = tmp_path / "out"
    proc = run_cli(["export", str(src), "-o", str(out), *ARGS], timeout=120)
    assert proc.returncode == 0, proc.stderr
    notes = " ".join(_manifest(out)["notes"])
    assert "pipe.txt: not a regular file (a FIFO)" in notes
    assert "dangling.txt: dangling symbolic link" in notes
    assert "loop: symbolic link to a directory (not followed)" in notes
    assert list(_docs(out)) == ["a"]


def test_output_folder_equal_to_input_folder_reads_only_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    for _ in range(3):
        proc = run_cli(["export", str(folder), "-o", str(folder), "--editions", "zh-Hans", "--formats", "json,md,txt",
                        "--jobs", "1"])
        assert proc.returncode == 0, proc.stderr
        assert list(_docs(folder)) == ["a"]


def test_output_folder_inside_the_input_tree_is_not_read(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    other = src / "old-export"  # an earlier export into another folder of the tree
    assert run_cli(["export", str(src / "a.txt"), "-o", str(other), *ARGS]).returncode == 0
    for _ in range(2):
        proc = run_cli(["export", str(src), "-o", str(src / "out"), "--formats", "txt,md,json",
                        "--editions", "zh-Hans", "--jobs", "1"])
        assert proc.returncode == 0, proc.stderr
        assert list(_docs(src / "out")) == ["a"]


def test_a_second_export_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"d{i}.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    first = subprocess.Popen([*DOCTOOLS, "export", str(src), "-o", str(out), "--editions", "zh-Hans,brief",
                              "--formats", "json,md", "--jobs", "1", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (out / "manifest.json").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        second = run_cli(["export", str(src), "-o", str(out), *ARGS])
        assert second.returncode == 2
        assert second.stderr.strip().count("\n") == 0 and "another doctools export" in second.stderr
    finally:
        first.communicate(timeout=600)
    assert first.returncode == 0
    data = _manifest(out)
    listed = {o["path"] for d in data["documents"] for o in d["outputs"]}
    assert files_on_disk(out) - {"manifest.json"} == listed


@pytest.mark.slow
def test_ctrl_c_cancels_queued_documents_at_once(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    big = EXAMPLE.read_text(encoding="utf-8") * 25  # ~0.5 MB: seconds per document
    for i in range(12):
        (src / f"d{i:02d}.txt").write_text(big.replace("9.3%", f"9.{i}%"), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([*DOCTOOLS, "export", str(src), "-o", str(out), "--editions", "zh-Hans,brief",
                             "--formats", "json,md", "--jobs", "2", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (out / "manifest.json").exists() and proc.poll() is None:
            break
        time.sleep(0.05)
    time.sleep(1.0)  # workers busy with the first documents
    t0 = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=60)
    elapsed = time.monotonic() - t0
    assert proc.returncode == 130 and "Traceback" not in err
    assert elapsed < 5, f"took {elapsed:.1f} s to stop"
    docs = _manifest(out)["documents"]
    assert len(docs) == 12
    cancelled = [d for d in docs if d["status"] == "cancelled"]
    assert len(cancelled) >= 8 and all("interrupted" in d["errors"][0] for d in cancelled)
    assert not [p for p in out.rglob("*.part")]


def test_bad_config_values_are_usage_errors_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    for line, key in (('jobs = "many"', "jobs"), ('max_mb = "x"', "max_mb"), ("formats = [1]", "formats"),
                      ("beam = 0", "beam"), ('device = "tpu"', "device"), ("timeout_per_doc = -1", "timeout_per_doc"),
                      ('executor = "dask"', "executor")):
        (tmp_path / "doctools.toml").write_text(f"[export]\n{line}\n", encoding="utf-8")
        proc = run_cli(["export", "doc.txt", "-o", "out"], cwd=tmp_path)
        assert proc.returncode == 2, (line, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.strip().count("\n") == 0
        assert f"{key} must be" in proc.stderr, proc.stderr


def test_punctuation_only_input_is_not_a_silent_ok(tmp_path: Path) -> None:
    (tmp_path / "dots.txt").write_text("。。。！！！……\n———\n", encoding="utf-8")
    proc = run_cli(["export", str(tmp_path / "dots.txt"), "-o", str(tmp_path / "out"), *ARGS])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    doc = _docs(tmp_path / "out")["dots"]
    assert doc["status"] == "skipped" and "not a Chinese document" in " ".join(doc["warnings"])


def test_a_runaway_document_is_stopped_by_its_time_budget(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    # ~5 MB of distinct paragraphs (repeated ones would be removed as duplicates): far over 8 s
    big.write_text("\n".join(f"{line}（{i}）" if line.strip() else line for i in range(90) for line in lines),
                   encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli(["export", str(big), str(small), "-o", str(out), "--editions", "zh-Hans,brief", "--formats",
                    "json,md,docx", "--jobs", "1", "--timeout-per-doc", "8"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    docs = _docs(out)
    assert docs["big"]["status"] == "failed" and "timed out after 8 s" in docs["big"]["errors"][0]
    assert not (out / "big").exists() or not any((out / "big").iterdir())
    assert docs["small"]["status"] == "ok"


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


def test_a_full_disk_is_one_line_naming_the_output(tmp_path: Path) -> None:
    disk = tmp_path / "small-disk"
    if not _mount_tmpfs(disk, "120k"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        src = tmp_path / "in"
        src.mkdir()
        for i in range(3):
            (src / f"d{i}.txt").write_text(EXAMPLE.read_text(encoding="utf-8").replace("9.3%", f"9.{i}%"),
                                           encoding="utf-8")
        proc = run_cli(["export", str(src), "-o", str(disk / "out"), "--editions", "zh-Hans", "--formats", "pdf,docx",
                        "--jobs", "2"])
        assert proc.returncode in (1, 2)
        assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
        assert "No space left on device" in proc.stderr + proc.stdout or proc.returncode == 2
        assert not [p for p in disk.rglob("*.part")]
        manifest = disk / "out" / "manifest.json"
        if manifest.exists():
            for d in json.loads(manifest.read_text(encoding="utf-8"))["documents"]:
                for e in d["errors"]:
                    assert ".part" not in e and "out/" in e
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


def test_one_rule_for_chinese_an_english_text_quoting_chinese_is_skipped(tmp_path: Path) -> None:
    """An English report quoting a few Chinese names is not a Chinese document for any edition
    (the brief does not refuse what the other editions accepted: one rule, clean.script)."""
    text = ("Annual report of the Joint Committee\n\nThe committee met in 北京 and 上海 four times and approved "
            "the budget of the programme. " * 8)
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    proc = run_cli(["export", str(tmp_path / "report.txt"), "-o", str(tmp_path / "out"), "--editions",
                    "zh-Hans,brief", "--formats", "json", "--jobs", "1"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    doc = _docs(tmp_path / "out")["report"]
    assert doc["status"] == "skipped" and {e["status"] for e in doc["editions"].values()} == {"n/a"}
