"""Batch export speed: ``--jobs 1`` vs ``--jobs 2`` on 20+ documents, and the cold start of
``doctools --help`` against a bare ``python -c pass`` — both measured in this same run.

Usage: python benchmarks/batch.py [--docs N] [--editions zh-Hans,brief] [--formats docx,pdf]
Prints the times and ratios; the last line is the jobs speed-up. Targets: ≥ 1.7× with 2
workers on 2 cores; --help within 150 ms of python -c pass.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_inputs(folder: Path, n: int) -> None:
    """n real documents: the example and the corpus's scraped reports, cycled (distinct names)."""
    corpus = sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))
    sources = [ROOT / "examples" / "haizhu-2022.raw.txt", *corpus]
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        # make each copy a distinct document so nothing is cached across copies
        (folder / f"{i:02d}-{src.name}").write_text(text + f"\n附：第{i + 1}份。\n", encoding="utf-8")


def timed_export(src: Path, jobs: int, editions: str, formats: str) -> float:
    out = Path(tempfile.mkdtemp(prefix=f"bench-j{jobs}-"))
    cmd = [sys.executable, "-m", "doctools", "export", str(src), "-o", str(out), "--jobs", str(jobs),
           "--editions", editions, "--formats", formats, "--force", "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"export failed: {proc.stderr.strip()}")
    return elapsed


def cold_start(cmd: list[str], runs: int) -> float:
    """Median wall time of a fresh process (milliseconds)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--editions", default="zh-Hans,brief")
    ap.add_argument("--formats", default="docx,pdf")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()

    exe = Path(sys.executable).with_name("doctools")
    base = cold_start([sys.executable, "-c", "pass"], args.runs)
    helpc = cold_start([str(exe) if exe.exists() else "doctools", "--help"], args.runs)
    print(f"cold start: python -c pass {base:.0f} ms · doctools --help {helpc:.0f} ms · "
          f"difference {helpc - base:.0f} ms (target ≤ 150 ms)")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        make_inputs(src, args.docs)
        print(f"batch: {args.docs} documents, editions {args.editions}, formats {args.formats}, "
              f"{os.cpu_count()} CPUs")
        t1 = timed_export(src, 1, args.editions, args.formats)
        t2 = timed_export(src, 2, args.editions, args.formats)
    print(f"--jobs 1: {t1:.1f} s · --jobs 2: {t2:.1f} s")
    print(f"speed-up --jobs 2 vs --jobs 1 (baseline): {t1 / t2:.2f}x (target ≥ 1.7x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
