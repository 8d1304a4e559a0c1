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

from doctools.export.manifest import sha256_file

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


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("how", ["sigint-parent", "sigkill-group", "sigkill-parent"])
def test_interrupt_then_rerun_completes(tmp_path: Path, how: str) -> None:
    src = _inputs(tmp_path / "in", 8)
    out = tmp_path / "out"
    proc = _start(src, out)
    _wait_for_first_document(out, proc)
    if how == "sigint-parent":
        os.kill(proc.pid, signal.SIGINT)  # as a script would; Ctrl-C reaches the whole group
    elif how == "sigkill-group":
        os.killpg(proc.pid, signal.SIGKILL)  # parent and workers die at once
    else:
        os.kill(proc.pid, signal.SIGKILL)  # only the parent: the workers must notice and stop
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    if how == "sigint-parent":
        assert proc.returncode == 130
    deadline = time.monotonic() + 10
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(proc.pid), "worker processes outlived the batch"

    state = _check_consistent(out)
    # every output the manifest lists is on disk, complete (size and hash as recorded)
    for o in (o for d in state["data"]["documents"] for o in d["outputs"]):
        path = out / o["path"]
        assert path.stat().st_size == o["bytes"]
        assert sha256_file(path) == o["sha256"]
    # files not (yet) in the manifest belong to documents that were in progress, and are whole
    done = {d["name"] for d in state["data"]["documents"] if d["status"] != "cancelled"}
    for rel in state["on_disk"] - state["listed"]:
        assert rel.split("/")[0] not in done, rel
        if rel.endswith(".json"):
            json.loads((out / rel).read_text(encoding="utf-8"))
    if how == "sigint-parent":
        assert not state["partial"], state["partial"]
    assert 0 < len(done) < 8
    if how == "sigint-parent":  # the rest is recorded as not done, to be redone by the next run
        cancelled = [d for d in state["data"]["documents"] if d["status"] == "cancelled"]
        assert len(cancelled) == 8 - len(done)
        assert all("interrupted" in d["errors"][0] for d in cancelled)

    rerun = subprocess.run(
        [sys.executable, "-m", "doctools", "export", str(src), "-o", str(out), "--editions", "zh-Hans,brief",
         "--formats", "json,md", "--jobs", "2", "--quiet", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert "Traceback" not in rerun.stderr
    final = json.loads(rerun.stdout)
    assert len(final["documents"]) == 8
    assert all(d["status"] == "ok" for d in final["documents"])
    reused = {d["name"] for d in final["documents"] if d["reused"]}
    assert reused == {d["name"] for d in state["data"]["documents"] if d["status"] == "ok"}
    assert all(d["status"] == "ok" for d in final["documents"])
    state = _check_consistent(out)
    assert not state["partial"]
    assert state["on_disk"] == state["listed"]
