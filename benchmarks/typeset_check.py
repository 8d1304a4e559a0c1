"""Typesetting check: what a proof-reader marks, counted on every document, for our PDF and
for LibreOffice's print of our DOCX.

Documents: the example and every corpus report (``tests/data/corpus/*.raw.txt``, sources in
SOURCES.md), each cleaned and converted to the Simplified edition, set in the ``official``
template. For each document and each print, ``doctools.proofing.typeset`` counts: bad
line starts/ends (kinsoku), numbers/units and Latin runs split across lines, names/titles/
set phrases split, the largest space added between two CJK characters (em), widows,
orphans, last lines under 3 characters, headings left last on a page. Target: all zero
(max gap ≤ 0.1 em) in our PDF; zero split numbers and names in LibreOffice's print.

``--baseline TREE`` renders the same models with another doctools checkout (for example
``git archive main | tar -x -C /tmp/base``) in a subprocess and checks those prints too, so
before and after come from the same run and the same checker.

Usage: ``python benchmarks/typeset_check.py [--no-libreoffice] [--baseline TREE] [--only NAME]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_RENDER = """
import sys
from pathlib import Path
from doctools.pipeline import load
from doctools.writers import docx, pdf
doc = load(sys.argv[1])
pdf.write(doc, sys.argv[2], template="official")
docx.write(doc, sys.argv[3], template="official")
"""

COLUMNS = ("bad_starts", "bad_ends", "split_numbers", "split_names", "max_gap_em", "widows", "orphans",
           "short_last", "stranded_headings")
SHORT = ("start", "end", "num", "name", "gap", "wid", "orph", "short", "head")


def documents() -> list[Path]:
    return [ROOT / "examples" / "haizhu-2022.raw.txt", *sorted((ROOT / "tests" / "data" / "corpus").glob("*.raw.txt"))]


def _row(label: str, counts: dict[str, float], extra: str = "") -> str:
    cells = [f"{counts[c]:>5.3f}" if c == "max_gap_em" else f"{int(counts[c]):>5d}" for c in COLUMNS]
    return f"  {label:<22}" + " ".join(f"{c:>6}" for c in cells) + (f"  {extra}" if extra else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-libreoffice", action="store_true", help="check our PDF only")
    ap.add_argument("--baseline", type=Path, help="another doctools checkout to render with, checked alike")
    ap.add_argument("--only", help="documents whose name contains this")
    ap.add_argument("--examples", type=int, default=2, help="examples shown per fault")
    args = ap.parse_args()

    from doctools.convert import to_simplified
    from doctools.nobreak import is_traditional
    from doctools.pipeline import load_clean
    from doctools.proofing.typeset import check, printed_paragraphs
    from doctools.serialize import to_json
    from doctools.writers import docx, pdf

    lo = not args.no_libreoffice
    if lo:
        from doctools.writers._soffice import convert_to_pdf
    docs = [p for p in documents() if not args.only or args.only in p.name]
    totals: dict[str, dict[str, float]] = {}
    print("counts per document (gap: largest space added between two CJK characters, em)")
    print("  " + " " * 22 + " ".join(f"{s:>6}" for s in SHORT))
    with tempfile.TemporaryDirectory(prefix="typeset-check-") as tmp:
        t = Path(tmp)
        for src in docs:
            name = src.name.removesuffix(".raw.txt")
            doc = to_simplified(load_clean(src))
            model = t / f"{name}.json"
            model.write_text(to_json(doc), encoding="utf-8")
            paras = printed_paragraphs(doc, note=pdf.truncation_note(doc))
            trad = is_traditional(doc.metadata.language or "")
            prints: list[tuple[str, Path]] = []
            t0 = time.perf_counter()
            pdf.write(doc, t / f"{name}.pdf", template="official")
            took = time.perf_counter() - t0
            prints.append(("our PDF", t / f"{name}.pdf"))
            docx.write(doc, t / f"{name}.docx", template="official")
            if lo:
                prints.append(("LibreOffice (our DOCX)", convert_to_pdf(t / f"{name}.docx", t / "lo")))
            if args.baseline:
                base = t / "base"
                base.mkdir(exist_ok=True)
                env = dict(os.environ, PYTHONPATH=str(args.baseline.resolve()))
                subprocess.run([sys.executable, "-c", _RENDER, str(model), str(base / f"{name}.pdf"),
                                str(base / f"{name}.docx")], check=True, env=env, cwd=str(args.baseline))
                prints.insert(0, ("baseline PDF", base / f"{name}.pdf"))
                if lo:
                    prints.insert(1, ("baseline LibreOffice", convert_to_pdf(base / f"{name}.docx", base / "lo")))
            print(f"{name} ({len(doc.blocks)} blocks; our PDF in {took:.2f} s)")
            for label, path in prints:
                rep = check(path, paras, traditional=trad)
                counts = rep.counts()
                tot = totals.setdefault(label, dict.fromkeys(COLUMNS, 0.0))
                for c in COLUMNS:
                    tot[c] = max(tot[c], counts[c]) if c == "max_gap_em" else tot[c] + counts[c]
                faults = [f"{c}: {' / '.join(getattr(rep, c)[:args.examples])}" for c in COLUMNS
                          if c != "max_gap_em" and getattr(rep, c)]
                unmatched = f"[{rep.unmatched} unmatched lines]" if rep.unmatched else ""
                print(_row(label, counts, unmatched))
                for f in faults:
                    print(f"      {f}")
    print("totals (gap: the largest)")
    for label, tot in totals.items():
        print(_row(label, tot))
    ours = totals.get("our PDF", {})
    ok = all(ours.get(c, 0) == 0 for c in COLUMNS if c != "max_gap_em") and ours.get("max_gap_em", 0) <= 0.1 + 1e-6
    lo_tot = totals.get("LibreOffice (our DOCX)")
    if lo_tot is not None:
        ok = ok and lo_tot["split_numbers"] == 0 and lo_tot["split_names"] == 0
    print("target met" if ok else "target NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
