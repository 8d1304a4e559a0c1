"""Benchmark: doctools' translation engine vs argostranslate's own path, same model, same run.

What it does
  1. Builds a realistic-size random-weight argos package (6+6 layers, d_model 512, 8 heads,
     ffn 2048, vocabulary 50k, int8) with :mod:`doctools.translate.buildmodel` and installs it
     into a temporary argos home (nothing touches the user's argos folder or the network).
  2. Takes a sample of the example report (the first ``--sentences`` sentences of the cleaned
     document, whole blocks).
  3. Times each configuration in its own fresh subprocess (argos reads its settings from the
     environment at import time), translation call only (model load excluded):
       argos defaults      ``argostranslate.translate.translate``: beam 4, inter 1 / intra 0
       argos tuned         same, ``ARGOS_INTER_THREADS=<cores> ARGOS_INTRA_THREADS=1``
       doctools beam 4/2/1 ``translate_document`` (memory off), threads sized to the cores

Fairness
  * argos's sentencizer would download a model (MiniSBD) — offline it fails. In the baseline
    ONLY it is replaced by doctools' sentence splitter (``translation.sentencizer``), so both
    paths translate the same sentences.
  * Random weights rarely emit end-of-sentence, so output length would be decided by the
    caps (argos: ct2's default 256 tokens; doctools: ``2 × source + 10`` per length-sorted
    batch, which is tighter than any per-paragraph cap). To time the SAME work, both paths
    decode exactly ``--length`` tokens per sentence (``min_decoding_length =
    max_decoding_length``): in the baseline through a thin wrapper around ``translate_batch``
    (everything else argos passes is unchanged), in doctools through the engine's
    benchmark-only ``fixed_length``. Output tokens are printed for each path.
    ``--natural`` adds runs with each path's own caps (argos wrapped with doctools' cap rule).

The last line is the speed-up. Usage: ``python benchmarks/translate_speed.py [--sentences 200]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "haizhu-2022.raw.txt"


def sample_blocks(n_sentences: int) -> list[str]:
    """Whole blocks from the start of the cleaned example until n sentences are reached."""
    from doctools.clean.sentences import split
    from doctools.pipeline import load

    try:
        from doctools.clean import clean

        doc = clean(load(EXAMPLE))
    except Exception:  # the cleaner is another module: fall back to raw lines
        doc = load(EXAMPLE)
    out: list[str] = []
    count = 0
    for b in doc.blocks:
        if not b.text.strip():
            continue
        out.append(b.text)
        count += len(split(b.text))
        if count >= n_sentences:
            break
    return out


# ----------------------------------------------------------------------------- workers


def worker_argos(blocks: list[str], length: int) -> dict[str, object]:
    import argostranslate.translate as at
    import ctranslate2

    from doctools.clean.sentences import split
    from doctools.translate.engine import decode_cap

    translation = at.get_translation_from_codes("zh", "en")
    target = getattr(translation, "underlying", translation)

    class Sentencizer:  # offline stand-in for argos's MiniSBD/stanza (baseline only)
        def split_sentences(self, text: str) -> list[str]:
            return [s.text for s in split(text)]

    target.sentencizer = Sentencizer()
    from argostranslate import settings

    model = ctranslate2.Translator(
        str(target.pkg.package_path / "model"), device=settings.device, inter_threads=settings.inter_threads,
        intra_threads=settings.intra_threads, compute_type=settings.compute_type)
    tokens = {"out": 0}

    class Capped:  # same output cap rule as doctools, nothing else changed
        def translate_batch(self, batch, **kw):  # type: ignore[no-untyped-def]
            if length:
                kw["max_decoding_length"] = kw["min_decoding_length"] = length
            else:
                kw.setdefault("max_decoding_length", decode_cap(max(len(x) for x in batch)))
            res = model.translate_batch(batch, **kw)
            tokens["out"] += sum(len(r.hypotheses[0]) for r in res)
            return res

    target.translator = Capped()
    text = "\n".join(blocks)
    t0 = time.perf_counter()
    out = at.translate(text, "zh", "en")
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "out_tokens": tokens["out"], "chars": len(out),
            "beam": settings.beam_size, "threads": f"{settings.inter_threads}/{settings.intra_threads}"}


def worker_doctools(blocks: list[str], beam: int, length: int) -> dict[str, object]:
    from doctools.model import Block, Document, Metadata
    from doctools.translate import load_translator, translate_document

    doc = Document(Metadata(script="Hant"), tuple(Block(f"b{i}", "paragraph", t) for i, t in enumerate(blocks)))
    tr = load_translator("zh", "en", beam_size=beam, fixed_length=length or None)
    t0 = time.perf_counter()
    _, qa = translate_document(doc, translator=tr, memory=False)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "out_tokens": qa.out_tokens, "segments": len(qa.segments), "beam": beam,
            "threads": f"{tr.inter}/{tr.intra}"}


# ----------------------------------------------------------------------------- driver


def run(mode: str, env: dict[str, str], blocks_file: Path, beam: int = 0, length: int = 0) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--worker", mode, "--blocks", str(blocks_file), "--beam", str(beam),
           "--length", str(length)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=200,
                    help="sample size; batching gains grow with it (a whole report is ~420)")
    ap.add_argument("--worker")
    ap.add_argument("--blocks")
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--length", type=int, default=40, help="output tokens per sentence in both paths")
    ap.add_argument("--natural", action="store_true", help="also time each path with its own output caps")
    ap.add_argument("--skip-defaults", action="store_true", help="skip the slow argos-defaults run")
    args = ap.parse_args()
    if args.worker:
        blocks = json.loads(Path(args.blocks).read_text(encoding="utf-8"))
        res = (worker_argos(blocks, args.length) if args.worker == "argos"
               else worker_doctools(blocks, args.beam, args.length))
        print(json.dumps(res))
        return

    from doctools.translate.engine import cores

    with tempfile.TemporaryDirectory(prefix="doctools-bench-") as tmp:
        home = Path(tmp)
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(home / "packages"), "XDG_DATA_HOME": str(home / "data"),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
               "DOCTOOLS_CACHE_DIR": str(home / "dt-cache"), "PYTHONPATH": str(ROOT)}
        os.environ.update({k: env[k] for k in ("ARGOS_PACKAGES_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                               "XDG_CACHE_HOME")})
        from doctools.translate.buildmodel import build_package
        from doctools.translate.models import install_file

        t0 = time.perf_counter()
        text = EXAMPLE.read_text(encoding="utf-8")
        lines = [ln for ln in text.replace("。", "。\n").splitlines() if ln.strip()]
        lines += ["Gross regional product reached 240.516 billion yuan, up 9.3 percent."] * 20
        pkg = build_package(home / "translate-zh_en-9_9_9.argosmodel", lines, version="9.9.9", sp_vocab=8000,
                            layers=(6, 6), heads=8, d_model=512, ffn=2048, vocab_size=50_000)
        install_file(pkg)
        print(f"model: 6+6 layers, d512, 8 heads, ffn 2048, vocab 50,000, int8 "
              f"({pkg.stat().st_size / 1e6:.0f} MB, built in {time.perf_counter() - t0:.1f} s); cores {cores()}")
        blocks = sample_blocks(args.sentences)
        bf = home / "blocks.json"
        bf.write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
        print(f"sample: {len(blocks)} blocks, {sum(len(b) for b in blocks)} characters of {EXAMPLE.name}")
        tuned_env = {**env, "ARGOS_INTER_THREADS": str(cores()), "ARGOS_INTRA_THREADS": "1"}
        if args.natural:
            print("-- each path's own output caps (argos given doctools' cap rule per call):")
            nat = {"argos tuned threads": run("argos", tuned_env, bf),
                   "doctools beam 4": run("doctools", env, bf, 4)}
            report(nat, "argos tuned threads")
        print(f"-- equal work: every sentence decoded to exactly {args.length} tokens in both paths:")
        results: dict[str, dict[str, object]] = {}
        if not args.skip_defaults:
            results["argos defaults"] = run("argos", env, bf, 0, args.length)
        results["argos tuned threads"] = run("argos", tuned_env, bf, 0, args.length)
        for beam in (4, 2, 1):
            results[f"doctools beam {beam}"] = run("doctools", env, bf, beam, args.length)
        base = "argos defaults" if "argos defaults" in results else "argos tuned threads"
        report(results, base)
        sec = {k: float(v["seconds"]) for k, v in results.items()}  # type: ignore[arg-type]
        eq = sec["argos tuned threads"] / sec["doctools beam 4"]
        msg = f"speed-up: doctools beam 4 vs argos beam 4 tuned threads {eq:.1f}×"
        if "argos defaults" in sec:
            d = sec["argos defaults"]
            msg += (f"; doctools default beam 2 vs argos defaults {d / sec['doctools beam 2']:.1f}×"
                    f"; doctools beam 1 vs argos defaults {d / sec['doctools beam 1']:.1f}×")
        print(msg)


def report(results: dict[str, dict[str, object]], base: str) -> None:
    b = float(results[base]["seconds"])  # type: ignore[arg-type]
    for name, r in results.items():
        s = float(r["seconds"])  # type: ignore[arg-type]
        print(f"{name:22s} beam {r['beam']}  threads {r['threads']:>4s}  {s:7.2f} s  "
              f"out tokens {r['out_tokens']:>6}  ×{b / s:5.1f} vs {base}")


if __name__ == "__main__":
    main()
