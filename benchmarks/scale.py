"""Benchmark: documents per hour with the local executor (--jobs 1, --jobs 2) and with Ray
(2 actors) on this machine, for the whole job (Simplified edition, English, brief; DOCX and
PDF), and the CPU seconds each stage costs per document.

Two translation models, both real argos packages built here (no real zh→en model can be
downloaded; their English is gibberish, which does not change the cost of decoding):
  tiny       the 2+2-layer package the tests build: the cost of everything but translation
  realistic  6+6 layers, d512, vocabulary 50k, int8 — the size of an OPUS-MT zh→en model, as in
             benchmarks/translate_speed.py; random weights rarely stop early, so each segment
             decodes to the engine's cap (2 × source + 10 tokens): a pessimistic translation cost

The documents are the example and the corpus reports (tests/data/corpus), each made unique,
with the translation memory off, so every run does the same work. Ray's cluster is started
before its run and stopped after (start-up excluded); actors start and load the model inside
the timed run, as local workers do. The last line is Ray's throughput as a ratio of the local
executor's with the same number of workers (target ≥ 0.85×).

Usage: python benchmarks/scale.py [--docs 6] [--models tiny,realistic] [--skip-ray]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"
CORPUS = sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))


def make_inputs(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    sources = [EXAMPLE, *CORPUS]
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"doc{i:02d}.txt").write_text(text + f"\n（第{i + 1}份）\n", encoding="utf-8")


def build_models(home: Path, which: list[str]) -> dict[str, Path]:
    """One argos home per model, each with its package installed (argos reads its home when
    it is imported, so each install runs in a process of its own)."""
    import subprocess

    from doctools.translate.buildmodel import build_package

    text = EXAMPLE.read_text(encoding="utf-8")
    lines = [s for s in re.split(r"(?<=[。！？；\n])", text) if s.strip()]
    lines += ["Gross regional product reached 240.516 billion yuan, up 9.3 percent."] * 30
    homes = {}
    for name in which:
        h = home / name
        opts = {} if name == "tiny" else {"layers": (6, 6), "heads": 8, "d_model": 512, "ffn": 2048,
                                          "vocab_size": 50_000}
        pkg = build_package(h / f"translate-zh_en-{name}.argosmodel", lines, version="0.0.1",
                            sp_vocab=2000 if name == "tiny" else 8000, **opts)  # type: ignore[arg-type]
        subprocess.run([sys.executable, "-m", "doctools", "models", "install", str(pkg)], check=True,
                       env={**os.environ, **_home_env(h)}, capture_output=True, cwd=ROOT)
        homes[name] = h
    return homes


def _home_env(h: Path) -> dict[str, str]:
    return {"ARGOS_PACKAGES_DIR": str(h / "packages"), "XDG_DATA_HOME": str(h / "data"),
            "XDG_CONFIG_HOME": str(h / "config"), "DOCTOOLS_CACHE_DIR": str(h / "cache")}


def run(src: Path, out: Path, executor: str, jobs: int) -> tuple[float, dict]:
    from doctools.export import Batch, export
    from doctools.options import Options

    options = Options(editions=("zh-Hans", "en", "brief"), formats=("docx", "pdf"), cache=False)
    t0 = time.perf_counter()
    manifest = export([str(src)], Batch(out_dir=out, options=options, jobs=jobs, executor=executor, force=True))
    seconds = time.perf_counter() - t0
    return seconds, manifest.to_dict()


def stage_cpu(manifest: dict) -> dict[str, float]:
    per: dict[str, list[float]] = {}
    for d in manifest["documents"]:
        for k, v in d.get("cpu", {}).items():
            per.setdefault(k, []).append(v)
    return {k: statistics.mean(v) for k, v in per.items()}


def measure(src: Path, work: Path, docs: int, with_ray: bool) -> dict[str, object]:
    """Every configuration for the model of this process's argos home (a worker process)."""
    results: dict[str, tuple[float, dict]] = {}
    for label, jobs in (("local --jobs 1", 1), ("local --jobs 2", 2)):
        results[label] = run(src, work / f"out-{jobs}", "local", jobs)
    if with_ray:
        os.environ.setdefault("RAY_AUTH_MODE", "token")
        os.environ.setdefault("RAY_AUTH_TOKEN", os.urandom(16).hex())
        import ray

        ray.init(num_cpus=2, object_store_memory=128 * 2**20, include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
        try:
            results["ray, 2 actors"] = run(src, work / "out-ray", "ray", 2)
        finally:
            ray.shutdown()
    return {"seconds": {k: v[0] for k, v in results.items()},
            "summary": {k: v[1]["summary"] for k, v in results.items()},
            "cpu": stage_cpu(results["local --jobs 1"][1])}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=6)
    ap.add_argument("--models", default="tiny,realistic")
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        work = Path(args.worker)
        print(json.dumps(measure(work.parent.parent / "in", work, args.docs, not args.skip_ray)))
        return 0
    import subprocess

    from doctools.translate.engine import cores

    models = [m.strip() for m in args.models.split(",") if m.strip()]
    ratios = []
    with tempfile.TemporaryDirectory(prefix="doctools-scale-") as tmp:
        work = Path(tmp)
        make_inputs(work / "in", args.docs)
        homes = build_models(work / "argos", models)
        print(f"{args.docs} documents (example + corpus reports), editions zh-Hans,en,brief as DOCX+PDF, "
              f"translation memory off; {cores()} cores")
        for name in models:
            cmd = [sys.executable, __file__, "--worker", str(homes[name]), "--docs", str(args.docs)]
            cmd += ["--skip-ray"] if args.skip_ray else []
            proc = subprocess.run(cmd, env={**os.environ, **_home_env(homes[name]), "PYTHONPATH": str(ROOT)},
                                  capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"\n== model: {name}")
            print(f"{'executor':<16}{'seconds':>9}{'docs/hour':>11}  statuses")
            for label, sec in res["seconds"].items():
                summary = {k: v for k, v in res["summary"][label].items() if v}
                print(f"{label:<16}{sec:>9.1f}{3600 * args.docs / sec:>11.0f}  {summary}")
            cpu = res["cpu"]
            print("CPU seconds per document by stage (local --jobs 1): "
                  + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items()) + f"; total {sum(cpu.values()):.2f}")
            if "ray, 2 actors" in res["seconds"]:
                ratios.append((name, res["seconds"]["local --jobs 2"] / res["seconds"]["ray, 2 actors"]))
    if ratios:
        parts = ", ".join(f"{name} model {r:.2f}×" for name, r in ratios)
        print(f"ray throughput / local (2 workers each, cluster start-up excluded): {parts} (target ≥ 0.85×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
