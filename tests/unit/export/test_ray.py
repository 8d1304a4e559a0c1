"""The Ray executor (issue 11): the same batch gives the same files and statuses as the local
executor; killing an actor mid-batch loses nothing; a private local instance comes and goes.

A Ray head is started once for the module on this machine (2 CPUs, a small object store,
token authentication as Ray ≥ 2.59 requires), in its own temp folder, and stopped after.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from export_support import DOCTOOLS, EXAMPLE, ROOT, SHORT_TW, make_bad_inputs

from doctools.export.manifest import sha256_file

pytestmark = pytest.mark.slow
RAY = Path(sys.executable).with_name("ray")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(marker: str) -> None:
    """Stop every process of the head started with ``marker`` as its temp folder (not others')."""
    for _ in range(3):
        pids = []
        for d in Path("/proc").iterdir():
            if d.name.isdigit():
                try:
                    if marker.encode() in (d / "cmdline").read_bytes():
                        pids.append(int(d.name))
                except OSError:
                    continue
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.5)


@pytest.fixture(scope="module")
def cluster() -> tuple[str, dict[str, str]]:
    temp = Path(f"/tmp/dt-ray-{os.getpid()}")  # short: Ray's socket paths must stay under 107 bytes
    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(16),
           "SOURCE_DATE_EPOCH": "1700000000", "COLUMNS": "160"}
    env.pop("RAY_ADDRESS", None)
    port = _free_port()
    proc = subprocess.run([str(RAY), "start", "--head", f"--port={port}", "--num-cpus=2",
                           "--object-store-memory=100000000", "--include-dashboard=false",
                           "--disable-usage-stats", f"--temp-dir={temp}"],
                          env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    try:
        yield f"127.0.0.1:{port}", env
    finally:
        _stop(str(temp))
        shutil.rmtree(temp, ignore_errors=True)


def _run(args: list[str], env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DOCTOOLS, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def _batch(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    (folder / "b.txt").write_text(SHORT_TW.replace("9.3%", "9.1%"), encoding="utf-8")
    shutil.copy(EXAMPLE, folder / "example.txt")
    (folder / "english.txt").write_text("Annual report\n\nThe committee met twice.\n", encoding="utf-8")
    make_bad_inputs(folder / "bad")
    return folder


def _normalised(path: Path) -> bytes:
    """File content without what legitimately differs between two runs (dates, PDF ids)."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        import re

        return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)|/ID\s*\[<[0-9a-fA-F]*><[0-9a-fA-F]*>\]", b"", data)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return b"".join(z.read(n) for n in sorted(z.namelist()) if n != "docProps/core.xml")
    return data


def _manifest(out: Path) -> dict[str, dict]:
    return {d["name"]: d for d in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]}


def test_ray_gives_the_files_and_statuses_of_the_local_executor(cluster, tmp_path: Path) -> None:
    address, env = cluster
    src = _batch(tmp_path / "in")
    common = ["--editions", "zh-Hans,brief", "--formats", "json,md,docx,pdf", "--jobs", "2", "--quiet"]
    local = _run(["export", str(src), "-o", str(tmp_path / "local"), *common], env)
    ray = _run(["export", str(src), "-o", str(tmp_path / "ray"), *common, "--executor", "ray",
                "--ray-address", address], env)
    assert "Traceback" not in local.stderr + ray.stderr
    assert local.returncode == ray.returncode == 1  # bad inputs and an English text in both
    a, b = _manifest(tmp_path / "local"), _manifest(tmp_path / "ray")
    assert list(a) == list(b)
    for name in a:
        assert a[name]["status"] == b[name]["status"], name
        assert a[name]["errors"] == b[name]["errors"], name
        assert {k: v["status"] for k, v in a[name]["editions"].items()} == \
               {k: v["status"] for k, v in b[name]["editions"].items()}
        assert sorted(o["path"] for o in a[name]["outputs"]) == sorted(o["path"] for o in b[name]["outputs"])
    files = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "ray") for p in (tmp_path / "ray").rglob("*") if p.is_file())
    for rel in files:
        if rel.name != "manifest.json":
            assert _normalised(tmp_path / "local" / rel) == _normalised(tmp_path / "ray" / rel), rel
    assert json.loads((tmp_path / "ray" / "manifest.json").read_text(encoding="utf-8"))["executor"] == "ray"


def _actor_pids() -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if b"ray::DocumentActor" in (d / "cmdline").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                continue
    return pids


def test_killing_an_actor_mid_batch_loses_nothing(cluster, tmp_path: Path) -> None:
    address, env = cluster
    src = tmp_path / "in"
    src.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8") * 6
    for i in range(6):
        (src / f"d{i}.txt").write_text(text.replace("9.3%", f"9.{i}%"), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([*DOCTOOLS, "export", str(src), "-o", str(out), "--editions", "zh-Hans,brief",
                             "--formats", "json,md,pdf", "--jobs", "2", "--quiet", "--executor", "ray",
                             "--ray-address", address], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and time.monotonic() < deadline and proc.poll() is None:
        pids = _actor_pids()
        done = _manifest(out) if (out / "manifest.json").exists() else {}
        if len(pids) == 2 and done:  # both actors busy, one document finished
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.1)
    _, err = proc.communicate(timeout=900)
    assert killed is not None, "no actor to kill"
    assert "Traceback" not in err
    docs = _manifest(out)
    assert len(docs) == 6
    for d in docs.values():
        for o in d["outputs"]:
            p = out / o["path"]
            assert p.stat().st_size == o["bytes"] and sha256_file(p) == o["sha256"]
    retried = [d for d in docs.values() if any("retried once" in w for w in d["warnings"])]
    assert len(retried) == 1 and retried[0]["status"] == "ok"
    assert all(d["status"] == "ok" for d in docs.values())
    assert proc.returncode == 0


def _ray_processes_of(pid_marker: str) -> int:
    return sum(1 for d in Path("/proc").iterdir() if d.name.isdigit() and _cmd_has(d, pid_marker))


def _cmd_has(d: Path, marker: str) -> bool:
    try:
        return marker.encode() in (d / "cmdline").read_bytes()
    except OSError:
        return False


def test_without_an_address_a_private_instance_starts_and_stops(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env["COLUMNS"] = "160"
    src = tmp_path / "a.txt"
    src.write_text(SHORT_TW, encoding="utf-8")
    before = _ray_processes_of("raylet")
    proc = _run(["export", str(src), "-o", str(tmp_path / "out"), "--editions", "zh-Hans", "--formats", "json",
                 "--executor", "ray", "--jobs", "1"], env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _manifest(tmp_path / "out")["a"]["status"] == "ok"
    time.sleep(1.0)
    assert _ray_processes_of("raylet") <= before


def test_missing_ray_extra_is_one_line_with_the_install_command(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SHORT_TW, encoding="utf-8")
    code = ("import sys\nsys.modules['ray'] = None\nfrom doctools.cli import run\n"
            f"sys.exit(run(['export', {str(src)!r}, '-o', {str(tmp_path / 'out')!r}, '--executor', 'ray']))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "pip install 'doctools[ray]'" in proc.stderr


def test_ray_is_not_imported_by_help_or_local_runs() -> None:
    code = ("import sys\nfrom doctools.cli import run\nrun(['--help'])\nrun(['export', '--help'])\n"
            "print('RAY' if 'ray' in sys.modules else 'NO-RAY')")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().endswith("NO-RAY")


def test_the_files_options_name_travel_with_the_actors(tmp_path: Path) -> None:
    """A cluster without a shared filesystem: the driver reads every file the options name and
    each actor writes its own copy (same file names, so the outputs name the same tables)."""
    from doctools.export.ray_executor import _unstage, stage
    from doctools.options import Options

    terms = tmp_path / "mine.tsv"
    terms.write_text("# Purpose: test\n创新核心\t创新中心\n", encoding="utf-8")
    options = Options(terms=(str(terms),), template=str(ROOT / "templates" / "report.toml"))
    files = stage(options)
    assert set(files) == {str(terms), options.template}
    node = tmp_path / "node"
    node.mkdir()
    moved = _unstage(options, files, node)
    assert Path(moved.terms[0]).name == "mine.tsv" and Path(moved.terms[0]).is_relative_to(node)
    assert Path(moved.terms[0]).read_bytes() == terms.read_bytes()
    assert Path(moved.template).read_bytes() == Path(options.template).read_bytes()
    assert moved.glossary == () and moved.template_en == "report"


def test_an_unreachable_cluster_is_one_line_at_once(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SHORT_TW, encoding="utf-8")
    t0 = time.monotonic()
    proc = _run(["export", str(src), "-o", str(tmp_path / "out"), "--executor", "ray", "--ray-address",
                 f"127.0.0.1:{_free_port()}"], {**os.environ, "COLUMNS": "160"}, timeout=120)
    assert proc.returncode == 2 and time.monotonic() - t0 < 60
    assert proc.stderr.strip().count("\n") == 0 and "cannot reach the Ray cluster" in proc.stderr
