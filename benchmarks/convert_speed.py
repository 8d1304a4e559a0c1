"""Simplified-edition throughput as a ratio to bare OpenCC ``t2s`` in the same run.

Two measurements, each against ``t2s`` on exactly the same text:

* ``convert_text`` — the transform on one plain string (the example input and every
  ``tests/data/corpus/*.raw.txt`` concatenated and repeated to at least 5 MB of UTF-8);
* ``to_simplified`` — the real path of the ``convert`` command and the export: a cleaned
  multi-block Document, converted with detection, per-block edits and notices. The
  baseline converts the document's text (title and every block, one per line) with
  ``t2s`` in one call. Two documents, each cleaned once by ``pipeline.load_clean`` and
  its blocks repeated under fresh ids to at least 5 MB: *all sources* (the example and
  the corpus reports, whose raw files hold one sentence a line: ~33-character blocks,
  the worst case for per-block costs) and *example only* (~200-character paragraphs).

Each side runs ``--repeat`` times, alternating so machine load hits both alike, and the
best time of each is compared. Absolute times on this shared machine are noise; the ratio
is the result. Target (issue 3): doctools takes at most 3× the time of t2s.

Usage: ``.venv/bin/python benchmarks/convert_speed.py [--mb 5] [--repeat 3] [--profile]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from doctools.convert import convert_text, phrase_table, to_simplified  # noqa: E402
from doctools.model import Block, Document  # noqa: E402

SOURCES = [ROOT / "examples" / "haizhu-2022.raw.txt", *sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))]


def corpus_text(min_bytes: int) -> str:
    unit = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    n = -(-min_bytes // len(unit.encode("utf-8")))
    return "\n".join([unit] * n)


def corpus_document(min_bytes: int, sources: list[Path] = SOURCES) -> Document:
    """The cleaned sources' blocks repeated (fresh ids ``b1``…, one source line each) to ``min_bytes``."""
    from doctools.pipeline import load_clean

    docs = [load_clean(p) for p in sources]
    unit = [b for d in docs for b in d.blocks]
    size = sum(len(b.full_text.encode("utf-8")) + 1 for b in unit)
    blocks: list[Block] = []
    for _ in range(-(-min_bytes // size)):
        for b in unit:
            n = len(blocks) + 1
            blocks.append(replace(b, id=f"b{n}", lines=(n,)))
    return Document(metadata=docs[0].metadata, blocks=tuple(blocks))


def document_text(doc: Document) -> str:
    return "\n".join([doc.metadata.title, *(b.full_text for b in doc.blocks)])


def race(label: str, repeat: int, base: Callable[[], object], ours: Callable[[], object]) -> float:
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for i, f in enumerate((base, ours)):
            t0 = time.perf_counter()
            result = f()
            best[i] = min(best[i], time.perf_counter() - t0)
            del result  # freeing the output is not part of making it (both sides alike)
    ratio = best[1] / best[0]
    print(f"  baseline OpenCC t2s   : {best[0]:7.3f} s  (1.00x)")
    print(f"  doctools {label:13}: {best[1]:7.3f} s  ({ratio:.2f}x the time of t2s)")
    return ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="minimum text size in MB (default 5)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one to_simplified run and stop")
    args = ap.parse_args()
    import opencc

    t2s = opencc.OpenCC("t2s").convert
    table = phrase_table()  # compiled once, as in a long-running process
    convert_text("預熱", table)
    min_bytes = int(args.mb * 1_000_000)
    doc = corpus_document(min_bytes)
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("to_simplified(doc)", globals(), {"doc": doc}, "/tmp/convert_speed.prof")
        pstats.Stats("/tmp/convert_speed.prof").sort_stats("cumulative").print_stats(25)
        return 0

    text = corpus_text(min_bytes)
    mb = len(text.encode("utf-8")) / 1e6
    changes = len(convert_text(text, table)[1])
    print(f"convert_text on one string: {mb:.1f} MB UTF-8, {len(text):,} characters, {changes:,} phrase changes")
    r_text = race("convert_text", args.repeat, lambda: t2s(text), lambda: convert_text(text, table))

    ratios = [r_text]
    for name, d in (("all sources", doc), ("example only", corpus_document(min_bytes, SOURCES[:1]))):
        dtext = document_text(d)
        out = to_simplified(d)
        n_phrase = sum(1 for e in out.edits if e.rule != "opencc:t2s")
        dmb = len(dtext.encode("utf-8")) / 1e6
        print(f"\nto_simplified on a Document ({name}): {dmb:.1f} MB UTF-8, {len(d.blocks):,} blocks "
              f"(~{len(dtext) // len(d.blocks)} characters each), {len(out.edits):,} edits "
              f"({n_phrase:,} phrase-level), {len(out.notices):,} notices")
        del out
        ratios.append(race("to_simplified", args.repeat, partial(t2s, dtext), partial(to_simplified, d)))
    r_doc = max(ratios[1:])

    ok = r_text <= 3 and r_doc <= 3
    print(f"\ntarget ≤3.00x: convert_text {r_text:.2f}x, to_simplified {' / '.join(f'{r:.2f}x' for r in ratios[1:])}: "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
