"""Make ``policies/govcn-<n>.zhs.txt`` from the gov.cn policy dump (see SOURCES.md).

The dump is ``db/ge_policy_raw20190217.sql`` of the public repository ZhouYNF/platform-1: one
``insert into ge_policy_raw (...) values (<id>, '<gov.cn address>', ...)`` per document, whose
columns hold the page's HTML (the text appears twice: the content column and the page).
Each document becomes one file: the text of each ``<p>`` in order, tags and entities
removed, white space inside Chinese paragraphs removed, paragraphs without Chinese dropped,
the second copy of the text dropped. Records with less than 300 characters of text are left
out, and so is record 17 (``tests/data/corpus/gov-2018-new-media``).

Usage: ``.venv/bin/python tests/data/convert/make_policies.py DUMP.sql [--check]``
(``--check`` compares with the files on disk and writes nothing).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "policies"
SKIP = {17}
MIN_CHARS = 300
_HAN = re.compile(r"[\u4e00-\u9fff]")


def documents(dump: str) -> dict[int, list[str]]:
    """Record id → its paragraphs."""
    out: dict[int, list[str]] = {}
    for rec in re.split(r"insert into ge_policy_raw \(", dump)[1:]:
        m = re.match(r".*?values \((\d+), ", rec, re.S)
        if not m or int(m.group(1)) in SKIP:
            continue
        lines: list[str] = []
        for para in re.findall(r"<p[^>]*>(.*?)</p>", rec, re.S):
            text = html.unescape(re.sub(r"<[^>]+>", "", para)).replace("\u3000", "").strip()
            if not _HAN.search(text) or "\ufffd" in text:
                continue
            lines.append(re.sub(r"\s+", "", text))
        half = len(lines) // 2
        if len(lines) % 2 == 0 and lines[:half] == lines[half:]:
            lines = lines[:half]
        if sum(map(len, lines)) >= MIN_CHARS:
            out[int(m.group(1))] = lines
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", type=Path)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    docs = documents(args.dump.read_bytes().decode("utf-8", errors="replace"))
    stale = 0
    for n, lines in sorted(docs.items()):
        dest = OUT / f"govcn-{n:04d}.zhs.txt"
        text = "\n".join(lines) + "\n"
        if args.check:
            same = dest.exists() and dest.read_text(encoding="utf-8") == text
            stale += not same
            print(("ok    " if same else "STALE ") + dest.name)
        else:
            OUT.mkdir(exist_ok=True)
            dest.write_text(text, encoding="utf-8")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
