"""Simplified-edition throughput as a ratio to bare OpenCC ``t2s`` in the same run.

The text is the example input and every ``tests/data/corpus/*.raw.txt`` concatenated and
repeated until it is at least 5 MB of UTF-8. Both sides convert the same text as one
string, three times each (alternating, so machine load hits both alike); the best time of
each is compared. Absolute times on this shared machine are noise; the ratio is the result.
Target (issue 3): doctools takes at most 3× the time of t2s.

Usage: ``.venv/bin/python benchmarks/convert_speed.py [--mb 5] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from doctools.convert import convert_text, phrase_table  # noqa: E402


def corpus_text(min_bytes: int) -> str:
    parts = [(ROOT / "examples" / "haizhu-2022.raw.txt").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))]
    unit = "\n".join(parts)
    n = -(-min_bytes // len(unit.encode("utf-8")))
    return "\n".join([unit] * n)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="minimum text size in MB (default 5)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import opencc

    text = corpus_text(int(args.mb * 1_000_000))
    t2s = opencc.OpenCC("t2s").convert
    table = phrase_table()  # compiled once, as in a long-running process
    convert_text("預熱", table)
    best = {"t2s": float("inf"), "doctools": float("inf")}
    changes = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        t2s(text)
        best["t2s"] = min(best["t2s"], time.perf_counter() - t0)
        t0 = time.perf_counter()
        _out, hits, _review = convert_text(text, table)
        best["doctools"] = min(best["doctools"], time.perf_counter() - t0)
        changes = len(hits)
    mb = len(text.encode("utf-8")) / 1e6
    ratio = best["doctools"] / best["t2s"]
    print(f"text: {mb:.1f} MB UTF-8, {len(text):,} characters; phrase changes per pass: {changes:,}")
    print(f"baseline OpenCC t2s : {mb / best['t2s']:8.2f} MB/s  (1.00x)")
    print(f"doctools zh-Hans    : {mb / best['doctools']:8.2f} MB/s  ({ratio:.2f}x the time of t2s)")
    print(f"target ≤3.00x: {'PASS' if ratio <= 3 else 'FAIL'}")
    return 0 if ratio <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
