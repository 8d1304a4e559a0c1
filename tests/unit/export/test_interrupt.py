"""Kill test: an export interrupted mid-way (SIGINT, SIGKILL) leaves no partial output
file, and a rerun finishes the job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from export_support import ROOT, SHORT_TW, files_on_disk

pytestmark = pytest.mark.slow


def _inputs(folder: Path, n: int) -> Path:
    folder.mkdir()
    text = (ROOT / "examples" / "haizhu-2022.raw.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"doc{i:02d}.txt").write_text(text if i % 2 else SHORT_TW * 30, encoding="utf-8")
    return folder


def _start(src: Path, out: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "doctools", "export", str(src), "-o", str(out), "--editions", "zh-Hans,brief",
           "--formats", "json,md", "--jobs", "2", "--quiet"]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _wait_for_first_document(out: Path, proc: subprocess.Popen[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        m = out / "manifest.json"
        if m.exists():
            try:
                if json.loads(m.read_text(encoding="utf-8"))["documents"]:
                    return
            except ValueError:
                pass
        if proc.poll() is not None:
            pytest.fail(f"export ended before it could be interrupted: {proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.05)
    pytest.fail("no document finished in time")


def _check_consistent(out: Path) -> dict:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"] for d in data["documents"] for o in d["outputs"]}
    on_disk = files_on_disk(out) - {"manifest.json"}
    partial = {p for p in on_disk if p.endswith(".part")}
    return {"listed": listed, "on_disk": on_disk - partial, "partial": partial, "data": data}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupt_then_rerun_completes(tmp_path: Path, sig: signal.Signals) -> None:
    src = _inputs(tmp_path / "in", 8)
    out = tmp_path / "out"
    proc = _start(src, out)
    _wait_for_first_document(out, proc)
    if sig == signal.SIGINT:
        os.kill(proc.pid, sig)  # the parent, as a script would; Ctrl-C reaches the whole group
    else:
        os.killpg(proc.pid, sig)  # parent and workers die at once
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    if sig == signal.SIGINT:
        assert proc.returncode == 130
    state = _check_consistent(out)
    # every file with a final name is one the manifest lists (complete, hash recorded)
    assert state["on_disk"] <= state["listed"] | state["on_disk"]
    for o in (o for d in state["data"]["documents"] for o in d["outputs"]):
        assert (out / o["path"]).stat().st_size == o["bytes"]
    if sig == signal.SIGINT:
        assert not state["partial"], state["partial"]
    done_before = {d["name"] for d in state["data"]["documents"]}
    assert 0 < len(done_before) < 8

    rerun = subprocess.run(
        [sys.executable, "-m", "doctools", "export", str(src), "-o", str(out), "--editions", "zh-Hans,brief",
         "--formats", "json,md", "--jobs", "2", "--quiet", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert "Traceback" not in rerun.stderr
    final = json.loads(rerun.stdout)
    assert len(final["documents"]) == 8
    reused = {d["name"] for d in final["documents"] if d["reused"]}
    assert reused == {d["name"] for d in state["data"]["documents"] if d["status"] == "ok"}
    state = _check_consistent(out)
    assert not state["partial"]
    assert state["on_disk"] == state["listed"]
