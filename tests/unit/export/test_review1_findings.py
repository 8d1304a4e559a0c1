"""Review 1 of the pipeline rewrite (issues 10 and 11): each test reproduces one finding of a
fresh-eyes review and now guards its fix (a finding still open is marked ``xfail(strict=True)``:
when it is fixed the test passes, strict xfail turns that into a failure, and the marker goes).
Every hostile file is built here.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from export_support import ROOT, SHORT_TW, argos_env, doctools_in, run_cli

from doctools.results import DocumentResult

ARGS = ("--editions", "zh-Hans", "--formats", "json", "--jobs", "1")


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


def _docs(out: Path) -> dict[str, dict]:
    return {d["name"]: d for d in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]}


# --- paths and names (issue 10 item 1) -------------------------------------------------------------
def test_a_manifest_entry_never_deletes_a_file_doctools_did_not_write(tmp_path: Path) -> None:
    folder = tmp_path / "docs"  # output folder = input folder (a supported layout)
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    precious = folder / "precious.txt"
    precious.write_text(SHORT_TW.replace("9.3%", "9.9%"), encoding="utf-8")
    assert run_cli(["export", str(folder), "-o", str(folder), *ARGS]).returncode == 0
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = next(d for d in data["documents"] if d["name"] == "a")
    body = precious.read_bytes()
    entry["outputs"].append({"path": "precious.txt", "edition": "zh-Hans", "format": "txt",
                             "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)})
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    proc = run_cli(["export", str(folder / "a.txt"), "-o", str(folder), "--editions", "zh-Hans", "--formats", "md",
                    "--jobs", "1"])
    assert proc.returncode == 0, proc.stderr
    assert precious.exists(), "the stale-output sweep deleted an input document"


def test_the_output_folder_probe_never_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    # the probe is named after the process id; exec keeps the shell's pid
    script = (f'ln -s {victim} {out}/.doctools-probe-$$ && exec {sys.executable} -m doctools export '
              f'{tmp_path / "a.txt"} -o {out} --editions zh-Hans --formats json --jobs 1 --quiet')
    proc = subprocess.run(["sh", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_a_long_chinese_file_name_still_gives_writable_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / ("报" * 80 + ".txt")).write_text(SHORT_TW, encoding="utf-8")  # 244 bytes: a legal name
    out = tmp_path / "out"
    proc = run_cli(["export", str(src), "-o", str(out), "--editions", "zh-Hans", "--formats", "docx", "--jobs", "1"])
    assert proc.returncode == 0, proc.stderr
    (doc,) = _docs(out).values()
    assert doc["status"] == "ok"


def test_names_that_differ_only_by_unicode_normalisation_get_distinct_names(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for form in ("NFC", "NFD"):
        (src / (unicodedata.normalize(form, "café") + ".txt")).write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["export", str(src), "-o", str(out), *ARGS]).returncode == 0
    names = [unicodedata.normalize("NFC", n) for n in _docs(out)]
    assert len(set(names)) == 2, names  # one folder each on a normalising file system (macOS, SMB)


def test_exporting_a_subset_never_overwrites_another_documents_outputs(tmp_path: Path) -> None:
    for sub, rate in (("x", "9.3%"), ("y", "7.7%")):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "report.txt").write_text(SHORT_TW.replace("9.3%", rate), encoding="utf-8")
    out = tmp_path / "out"
    common = ["-o", str(out), "--editions", "zh-Hans", "--formats", "txt", "--jobs", "1"]
    assert run_cli(["export", str(tmp_path / "in"), *common]).returncode == 0
    x_name = next(n for n, d in _docs(out).items() if d["input"].endswith("x/report.txt"))
    assert run_cli(["export", str(tmp_path / "in" / "y" / "report.txt"), *common]).returncode == 0
    text = (out / x_name / f"{x_name}.zh-Hans.txt").read_text(encoding="utf-8")
    assert "9.3%" in text, "x's edition was replaced by y's"


def test_output_folder_above_the_input_folder_never_reads_outputs(tmp_path: Path) -> None:
    out = tmp_path / "archive"
    src = out / "report"
    src.mkdir(parents=True)
    (src / "report.txt").write_text(SHORT_TW, encoding="utf-8")  # its document folder is the input folder
    for _ in range(2):
        proc = run_cli(["export", str(src), "-o", str(out), "--editions", "zh-Hans", "--formats", "md,txt",
                        "--jobs", "1"])
        assert proc.returncode == 0, proc.stderr
    assert list(_docs(out)) == ["report"]


# --- config and option values (issue 10 item 5) ----------------------------------------------------
@pytest.mark.parametrize("option", [("--max-mb", "inf"), ("--max-mb", "nan"), ("--timeout-per-doc", "inf"),
                                    ("--timeout-per-doc", "nan"), ("--max-mb", "1e300")])
def test_non_finite_limits_are_usage_errors(tmp_path: Path, option: tuple[str, str]) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    proc = run_cli(["export", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "out"), *ARGS, *option])
    assert proc.returncode == 2, proc.stderr
    assert "internal error" not in proc.stderr


@pytest.mark.parametrize("toml", ['[export]\njobs = 1\n[translate]\nbeam = "nonsense"\n',
                                  '[export]\njobs = 1\n[exprot]\njobs = "many"\n'])
def test_config_sections_nothing_reads_are_refused(tmp_path: Path, toml: str) -> None:
    (tmp_path / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    (tmp_path / "doctools.toml").write_text(toml, encoding="utf-8")
    proc = run_cli(["export", "doc.txt", "-o", "out", "--editions", "zh-Hans", "--formats", "json"], cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr


# --- reruns (issue 10: no silent corruption) -------------------------------------------------------
@pytest.mark.parametrize("edit", [("timings", "x"), ("warnings", 5), ("timings", {"read": "slow"})])
def test_a_malformed_manifest_entry_is_not_an_internal_error(tmp_path: Path, edit: tuple[str, object]) -> None:
    (tmp_path / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["export", str(tmp_path / "a.txt"), "-o", str(out), *ARGS]).returncode == 0
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    data["documents"][0][edit[0]] = edit[1]
    (out / "manifest.json").write_text(json.dumps(data), encoding="utf-8")
    proc = run_cli(["export", str(tmp_path / "a.txt"), "-o", str(out), *ARGS])
    assert proc.returncode in (0, 1) and "internal error" not in proc.stderr, proc.stderr


def test_kept_editions_are_dropped_when_the_input_changed(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["export", str(src), "-o", str(out), "--editions", "zh-Hans", "--formats", "md",
                    "--jobs", "1"]).returncode == 0
    src.write_text(SHORT_TW + "\n  新增一段内容，说明本年度的新任务。\n", encoding="utf-8")
    assert run_cli(["export", str(src), "-o", str(out), "--editions", "brief", "--formats", "md",
                    "--jobs", "1"]).returncode == 0
    doc = _docs(out)["a"]
    kept = [o["path"] for o in doc["outputs"] if o["edition"] == "zh-Hans"]
    assert not kept, f"made from the old input, listed as current: {kept}"


def test_a_timeout_leaves_no_edition_marked_ok(monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget running out in a late stage (simulated: the brief raises DocumentTimeout)."""
    import doctools.brief as brief_module
    from doctools.context import Context
    from doctools.options import Options
    from doctools.pipeline import DocumentTimeout, Source, run

    def runaway(*args: object, **kwargs: object) -> None:
        raise DocumentTimeout()

    monkeypatch.setattr(brief_module, "make_brief", runaway)
    options = Options(editions=("zh-Hans", "brief"), formats=("json",), review=False)
    result: DocumentResult = run(Source("a", "a.txt", SHORT_TW.encode("utf-8")), options, Context(options))
    assert result.entry.status == "failed" and not result.payloads
    assert all(e.status == "failed" for e in result.entry.editions.values()), result.entry.editions


# --- executors ---------------------------------------------------------------------------------------
_IDLE_DEATH = textwrap.dedent("""
    import os, signal, sys
    from doctools.export.local import _Pool
    from doctools.options import Options
    from doctools.pipeline import Source

    if __name__ == "__main__":
        options = Options(editions=("zh-Hans",), formats=("json",), review=False)
        pool = _Pool(options, 2, None)
        text = sys.argv[1].encode("utf-8")
        calls = []

        def sources():
            yield Source("a", "a.txt", text)
            # the pool has just started its second worker, which is idle: the OOM killer takes
            # it, then the busy one (with document a): a must be retried on a live worker
            for w in list(pool.workers):
                os.kill(w.proc.pid, signal.SIGKILL)
                w.proc.join(10)

        def finish(source, result):
            calls.append((source.name, result.entry.status, result.entry.errors, result.entry.warnings))
            return True

        try:
            pool.run(sources(), finish)
        except Exception as exc:
            print("RAISED", type(exc).__name__, exc)
        print("DONE", calls)
""")


def test_a_retry_never_goes_to_a_dead_idle_worker(tmp_path: Path) -> None:
    script = tmp_path / "idle_death.py"
    script.write_text(_IDLE_DEATH, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), SHORT_TW], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert "RAISED" not in proc.stdout, proc.stdout + proc.stderr
    assert "DONE [('a', 'ok'" in proc.stdout, proc.stdout + proc.stderr


# --- issue 11: one pipeline, commands and export agree --------------------------------------------------
def test_convert_and_export_apply_the_same_config_terms(tmp_path: Path) -> None:
    (tmp_path / "my.tsv").write_text("# Format: TSV\n# Purpose: review\n# Used by: review\n# Source: review\n"
                                     "# Columns: key\tvalue\n工作报告\t施政报告\n", encoding="utf-8")
    (tmp_path / "doctools.toml").write_text('[export]\nterms = ["my.tsv"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "doc.txt").write_text(SHORT_TW, encoding="utf-8")
    exp = run_cli(["export", "doc.txt", "-o", "out", "--editions", "zh-Hans", "--formats", "txt"], cwd=sub)
    conv = run_cli(["convert", "doc.txt"], cwd=sub)
    assert exp.returncode == 0 and conv.returncode == 0
    assert conv.stdout == (sub / "out" / "doc" / "doc.zh-Hans.txt").read_text(encoding="utf-8")


def test_brief_command_and_export_name_outputs_alike(tmp_path: Path) -> None:
    (tmp_path / "my.report.v2.txt").write_text(SHORT_TW, encoding="utf-8")
    proc = run_cli(["brief", "my.report.v2.txt", "--format", "json", "--no-model", "-o", "b"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    exp = run_cli(["export", "my.report.v2.txt", "-o", "out", "--editions", "brief", "--formats", "json",
                   "--jobs", "1"], cwd=tmp_path)
    assert exp.returncode in (0, 1), exp.stderr
    made = sorted(p.name for p in (tmp_path / "b").iterdir())
    exported = sorted(p.name for p in (tmp_path / "out").rglob("*.brief.json"))
    assert made == exported


_COUNT_LOADS = textwrap.dedent("""
    import sys
    import doctools.translate.engine as engine
    from doctools.context import Context
    from doctools.options import Options
    from doctools.pipeline import Source, run

    loads = []
    real = engine.Translator.__init__

    def counting(self, *args, **kwargs):
        loads.append(kwargs)
        real(self, *args, **kwargs)

    engine.Translator.__init__ = counting
    options = Options(editions=("en", "brief"), formats=("json",), review=False)
    context = Context(options, threads=1)
    text = sys.argv[1]
    for i in range(3):
        r = run(Source(f"d{i}", f"d{i}.txt", text.replace("9.3%", f"9.{i}%").encode("utf-8")), options, context)
        assert r.entry.editions["brief"].status == "ok", r.entry
    print("LOADS", len(loads))
""")


@pytest.mark.slow
def test_the_brief_reuses_the_workers_translator(argos_home: Path, tmp_path: Path) -> None:
    script = tmp_path / "count_loads.py"
    script.write_text(_COUNT_LOADS, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), SHORT_TW], cwd=ROOT, env=argos_env(argos_home),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "LOADS 1" in proc.stdout, proc.stdout


@pytest.mark.slow
def test_brief_no_model_uses_no_model(argos_home: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    proc = doctools_in(["brief", str(tmp_path / "a.txt"), "--no-model", "--format", "json", "-o",
                        str(tmp_path / "b")], argos_env(argos_home))
    assert proc.returncode == 0, proc.stderr
    english = json.loads((tmp_path / "b" / "a.brief.json").read_text(encoding="utf-8"))["english"]
    assert english.get("_engine") != "model"


@pytest.mark.slow
def test_the_english_edition_does_not_depend_on_the_number_of_workers(argos_home: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    env = argos_env(argos_home)
    made = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        proc = doctools_in(["export", str(tmp_path / "a.txt"), "-o", str(out), "--editions", "en", "--formats", "txt",
                            "--no-cache", "--jobs", jobs], env)
        assert proc.returncode == 0, proc.stderr
        made.append((out / "a" / "a.en.txt").read_text(encoding="utf-8"))
    assert made[0] == made[1]


@pytest.mark.slow
def test_device_cuda_without_cuda_is_refused(argos_home: Path, tmp_path: Path) -> None:
    if os.path.exists("/dev/nvidia0"):
        pytest.skip("this machine has a GPU")
    (tmp_path / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    proc = doctools_in(["export", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--editions", "en",
                        "--formats", "txt", "--jobs", "1", "--device", "cuda"], argos_env(argos_home))
    assert proc.returncode == 2 and "cuda" in proc.stderr.lower(), (proc.returncode, proc.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_model_is_one_line_and_the_other_editions_are_made(argos_home: Path, tmp_path: Path,
                                                                      jobs: str) -> None:
    import shutil

    home = tmp_path / "home"
    shutil.copytree(argos_home, home)
    (spm,) = (home / "packages").glob("*/sentencepiece.model")
    spm.write_bytes(b"not a sentencepiece model")
    (tmp_path / "a.txt").write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    proc = doctools_in(["export", str(tmp_path / "a.txt"), "-o", str(out), "--editions", "zh-Hans,en",
                        "--formats", "txt", "--jobs", jobs], argos_env(home))
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr[-1500:]
    assert _docs(out)["a"]["editions"]["zh-Hans"]["status"] == "ok"


class _FailingExecutor:
    """Every document fails the way a transient problem makes it fail (worker died twice)."""

    name = "local"

    def run(self, sources, finish):  # type: ignore[no-untyped-def]
        from doctools.pipeline import failed

        for source in sources:
            finish(source, failed(source, "worker died twice on this document (signal 9)"))


def test_a_transient_failure_keeps_the_earlier_outputs(tmp_path: Path) -> None:
    from doctools.export.inputs import discover
    from doctools.export.runner import Batch, run_batch
    from doctools.options import Options

    src = tmp_path / "a.txt"
    src.write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(["export", str(src), "-o", str(out), *ARGS]).returncode == 0
    before = sorted(p.name for p in (out / "a").iterdir())
    found = discover([str(src)])
    run_batch(found.inputs, Batch(out, Options(editions=("zh-Hans",), formats=("json",)), force=True),
              executor=_FailingExecutor())
    assert sorted(p.name for p in (out / "a").iterdir()) == before


_NATIVE_HANG = textwrap.dedent("""
    import sys
    import doctools.clean as clean_module
    from doctools.cli import run

    real = clean_module.clean

    def clean(doc, *args, **kwargs):
        if "HANG" in doc.blocks[0].text:
            sum(range(10**13))  # a loop in C: no Python signal handler runs until it ends
        return real(doc, *args, **kwargs)

    clean_module.clean = clean
    if __name__ == "__main__":
        sys.exit(run(sys.argv[1:]))
""")


@pytest.mark.slow
def test_jobs_1_stops_a_document_stuck_in_native_code(tmp_path: Path) -> None:
    script = tmp_path / "hang.py"
    script.write_text(_NATIVE_HANG, encoding="utf-8")
    (tmp_path / "hang.txt").write_text("HANG\n" + SHORT_TW, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(SHORT_TW, encoding="utf-8")
    out = tmp_path / "out"
    try:  # the executor's own hard limit is the budget + 15 s; a minute is plenty
        proc = subprocess.run([sys.executable, str(script), "export", str(tmp_path / "hang.txt"),
                               str(tmp_path / "ok.txt"), "-o", str(out), *ARGS, "--timeout-per-doc", "1"],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the batch did not end: the document's time budget never fired")
    assert proc.returncode == 1
    docs = _docs(out)
    assert docs["hang"]["status"] == "failed" and docs["ok"]["status"] == "ok"
