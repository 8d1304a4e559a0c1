"""Build ``haizhu-2022.zhs.txt``, the reference Simplified text of the example input.

Why: the official Simplified original of examples/haizhu-2022.raw.txt could be read in
public stored copies only in its opening paragraphs (see SOURCES.md), so the reference is
constructed: OpenCC ``t2s`` of each raw line (characters only), then every Taiwan-vocabulary
artefact listed in ``haizhu-2022.artefacts.tsv`` replaced by the mainland wording, as plain
string replacement with the exact number of occurrences checked. Nothing here uses
doctools' own phrase tables, so the reference does not inherit their mistakes. The
result keeps the raw file's lines one for one (chrome and the repeated block included),
so any converter's output can be compared line by line.

Usage: ``.venv/bin/python tests/data/convert/make_reference.py [--check]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
RAW = HERE.parents[2] / "examples" / "haizhu-2022.raw.txt"
OUT = HERE / "haizhu-2022.zhs.txt"
ARTEFACTS = HERE / "haizhu-2022.artefacts.tsv"


def build() -> str:
    text = opencc.OpenCC("t2s").convert(RAW.read_text(encoding="utf-8"))
    for line in ARTEFACTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        before, after, count, _note = line.split("\t")
        found = text.count(before)
        if found != int(count):
            raise SystemExit(f"{before!r}: expected {count} occurrences, found {found}")
        text = text.replace(before, after)
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="exit 1 when the file on disk is stale")
    args = ap.parse_args()
    text = build()
    if args.check:
        ok = OUT.read_text(encoding="utf-8") == text
        print("up to date" if ok else "STALE: rerun make_reference.py")
        return 0 if ok else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
